package briefings

import (
	"strings"
	"testing"
	"time"
)

func headings(b *Briefing) []string {
	var hs []string
	for _, s := range b.Sections {
		hs = append(hs, s.Heading)
	}
	return hs
}

func TestParseSections(t *testing.T) {
	tests := []struct {
		name     string
		file     string
		text     string
		headings []string
		anchors  []string
		levels   []int
		lead     string
	}{
		{
			name:     "atx headings and lead",
			file:     "a.md",
			text:     "Lead text.\n\n# One\n\nbody\n\n## Two\n\ntwo body\n",
			headings: []string{"One", "Two"},
			anchors:  []string{"one", "two"},
			levels:   []int{1, 2},
			lead:     "Lead text.\n\n",
		},
		{
			name:     "setext headings count",
			file:     "a.md",
			text:     "Title\n=====\n\ntext\n\nPart\n----\n\nmore\n",
			headings: []string{"Title", "Part"},
			levels:   []int{1, 2},
		},
		{
			name:     "hash inside fenced code is not a heading",
			file:     "a.md",
			text:     "# Real\n\n```sh\n# not a heading\necho hi\n```\n\n~~~\n## nor this\n~~~\n",
			headings: []string{"Real"},
		},
		{
			name:     "headings inside quotes and lists are not sections",
			file:     "a.md",
			text:     "# Top\n\n> # quoted\n\n- # listed\n",
			headings: []string{"Top"},
		},
		{
			name:     "duplicate headings get numbered anchors",
			file:     "a.md",
			text:     "# Same\n\n# Same\n\n# Same-1\n\n# Same\n",
			anchors:  []string{"same", "same-1", "same-1-1", "same-2"},
			headings: []string{"Same", "Same", "Same-1", "Same"},
		},
		{
			name:     "inline markup is reduced to text",
			file:     "a.md",
			text:     "# The *North* `Korean` [Factor](x.md)\n",
			headings: []string{"The North Korean Factor"},
			anchors:  []string{"the-north-korean-factor"},
		},
		{
			name:     "references and escapes are resolved",
			file:     "a.md",
			text:     "# Fish &amp; Chips \\*not em\\* &#65;\n",
			headings: []string{"Fish & Chips *not em* A"},
			anchors:  []string{"fish-chips-not-em-a"},
		},
		{
			name:     "empty heading gets an anchor",
			file:     "a.md",
			text:     "#\n\ntext\n",
			headings: []string{""},
			anchors:  []string{"section"},
		},
		{
			name:     "front matter is not parsed as markdown",
			file:     "a.md",
			text:     "---\ntitle: T\n---\n# H\n",
			headings: []string{"H"},
		},
		{
			name:     "thematic breaks around prose are not front matter",
			file:     "a.md",
			text:     "---\nJust a rule, then text.\n---\n# H\n",
			headings: []string{"Just a rule, then text.", "H"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := Parse(tt.file, []byte(tt.text))
			if err != nil {
				t.Fatal(err)
			}
			if got := headings(b); !equal(got, tt.headings) {
				t.Errorf("headings = %q, want %q", got, tt.headings)
			}
			if tt.anchors != nil {
				var got []string
				for _, s := range b.Sections {
					got = append(got, s.Anchor)
				}
				if !equal(got, tt.anchors) {
					t.Errorf("anchors = %q, want %q", got, tt.anchors)
				}
			}
			for i, want := range tt.levels {
				if b.Sections[i].Level != want {
					t.Errorf("section %d level = %d, want %d", i, b.Sections[i].Level, want)
				}
			}
			if tt.lead != "" && b.Lead != tt.lead {
				t.Errorf("lead = %q, want %q", b.Lead, tt.lead)
			}
		})
	}
}

func TestSectionRangesAndTree(t *testing.T) {
	text := "# A\n\na body\n\n## A1\n\na1 body\n\n### A1x\n\ndeep\n\n## A2\n\nSetext\n------\n\nlast\n\n# B\n\nb body\n"
	b, err := Parse("t.md", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		heading string
		parent  int
		line    int
		body    string
	}{
		{"A", -1, 1, "\na body\n\n"},
		{"A1", 0, 5, "\na1 body\n\n"},
		{"A1x", 1, 9, "\ndeep\n\n"},
		{"A2", 0, 13, "\n"},
		{"Setext", 0, 15, "\nlast\n\n"},
		{"B", -1, 20, "\nb body\n"},
	}
	if len(b.Sections) != len(want) {
		t.Fatalf("got %d sections %q", len(b.Sections), headings(b))
	}
	for i, w := range want {
		s := b.Sections[i]
		if s.Heading != w.heading || s.Parent != w.parent || s.Line != w.line || s.Body() != w.body {
			t.Errorf("section %d = {%q parent %d line %d body %q}, want %+v", i, s.Heading, s.Parent, s.Line, s.Body(), w)
		}
		if s.Markdown != b.Text[s.Start:s.End] || s.Ordinal != i+1 {
			t.Errorf("section %d: markdown/ordinal inconsistent", i)
		}
	}
	if got := b.Subtree(0); !strings.HasPrefix(got, "# A\n") || !strings.HasSuffix(got, "last\n\n") {
		t.Errorf("subtree of A = %q", got)
	}
	if got := b.HeadingPath(2); strings.Join(got, "/") != "A/A1/A1x" {
		t.Errorf("heading path = %q", got)
	}
}

func TestFrontMatter(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		title    string
		date     string
		tags     []string
		author   string
		problems int
	}{
		{"full", "---\ntitle: Hello\ndate: 2024-11-21\nauthor: Ann\ntags: [Ukraine, NATO, ukraine]\nsummary: s\nsource: x\n---\nbody\n", "Hello", "2024-11-21", []string{"ukraine", "nato"}, "Ann", 0},
		{"rfc3339 date", "---\ntitle: T\ndate: 2024-11-21T10:30:00+01:00\n---\n", "T", "2024-11-21", nil, "", 0},
		{"quoted date", "---\ndate: \"2024-01-02\"\n---\n", "", "2024-01-02", nil, "", 0},
		{"comma tags and number title", "---\ntitle: 1984\ntags: a, b ,c\n---\n", "1984", "", []string{"a", "b", "c"}, "", 0},
		{"author list", "---\nauthor: [Ann, Bob]\n---\n", "", "", nil, "Ann, Bob", 0},
		{"bad date is a problem", "---\ntitle: T\ndate: next tuesday\n---\n", "T", "", nil, "", 1},
		{"bad yaml is a problem and body loads", "---\ntitle: [oops\n---\n# Heading\n", "Heading", "", nil, "", 1},
		{"dot-dot-dot closes", "---\ntitle: Dots\n...\nbody\n", "Dots", "", nil, "", 0},
		{"unclosed is not front matter", "---\ntitle: X\n", "", "", nil, "", 0},
		{"yaml escapes cannot smuggle controls", "---\ntitle: \"A\\e[31mB\\x07C\\nD\"\n---\n", "A[31mBC D", "", nil, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := Parse("file.md", []byte(tt.text))
			if err != nil {
				t.Fatal(err)
			}
			if tt.title != "" && b.Title != tt.title {
				t.Errorf("title = %q, want %q", b.Title, tt.title)
			}
			if got := dateString(b.Date); got != tt.date {
				t.Errorf("date = %q, want %q", got, tt.date)
			}
			if tt.tags != nil && !equal(b.Tags, tt.tags) {
				t.Errorf("tags = %q, want %q", b.Tags, tt.tags)
			}
			if b.Author != tt.author {
				t.Errorf("author = %q, want %q", b.Author, tt.author)
			}
			if len(b.Problems) != tt.problems {
				t.Errorf("problems = %q, want %d", b.Problems, tt.problems)
			}
		})
	}
}

func dateString(d time.Time) string {
	if d.IsZero() {
		return ""
	}
	return d.Format("2006-01-02")
}

func TestTitleFallbacks(t *testing.T) {
	tests := []struct{ file, text, want string }{
		{"x.md", "---\ntitle: Front\n---\n# H1\n", "Front"},
		{"x.md", "Intro\n\n## Two\n\n# First H1\n", "First H1"},
		{"2024-11-21_north-korea.md", "no headings at all\n", "2024 11 21 north korea"},
		{"empty.md", "", "empty"},
	}
	for _, tt := range tests {
		b, err := Parse(tt.file, []byte(tt.text))
		if err != nil {
			t.Fatal(err)
		}
		if b.Title != tt.want {
			t.Errorf("%s: title = %q, want %q", tt.file, b.Title, tt.want)
		}
	}
}

func TestSanitize(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"keeps text", "héllo\tworld\n", "héllo\tworld\n"},
		{"bom and crlf", "\xef\xbb\xbfa\r\nb\rc", "a\nb\nc"},
		{"c0 and del", "a\x1b[31mb\x07c\x7fd\x00e", "a[31mbcde"},
		{"c1", "a\u009b31mb\u0085c", "a31mbc"},
		{"invalid utf8", "a\xffb", "a\ufffdb"},
		{"decimal reference to ESC", "&#27;[2J", "\ufffd[2J"},
		{"hex reference to ESC", "&#x1B;]52;", "\ufffd]52;"},
		{"octal-looking reference", "&#033;[5m", "\ufffd[5m"},
		{"zero padded", "&#0000027;", "\ufffd"},
		{"c1 reference becomes windows-1252", "&#150; &#155;", "– ›"},
		{"harmless references stay", "&#65; &#x263A; &#10; &amp;", "&#65; &#x263A; &#10; &amp;"},
		{"line separators", "a\u2028b", "a\nb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SanitizeString(tt.in); got != tt.want {
				t.Errorf("Sanitize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestDecodeText(t *testing.T) {
	utf16 := []byte{0xff, 0xfe, 'H', 0, 'i', 0, '\n', 0}
	b, err := Parse("u16.md", utf16)
	if err != nil || !strings.HasPrefix(b.Text, "Hi") {
		t.Errorf("UTF-16 file: text %q, err %v", b.Text, err)
	}
	latin1 := []byte("# Caf\xe9\n\nna\xefve\n")
	b, err = Parse("latin1.md", latin1)
	if err != nil || b.Sections[0].Heading != "Café" {
		t.Errorf("Windows-1252 file: heading %q, err %v", b.Sections[0].Heading, err)
	}
}

func TestCountWords(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"one two  three", 3},
		{"don't stop well-known", 3},
		{"**bold** _it_ `code`", 3},
		{"北朝鮮軍", 4},
		{"북한 군대", 2},
		{"", 0},
	}
	for _, tt := range tests {
		if got := CountWords(tt.in); got != tt.want {
			t.Errorf("CountWords(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
