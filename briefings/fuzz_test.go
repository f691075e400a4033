package briefings

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/briefreader/brief/internal/hostile"
)

func addSeeds(f *testing.F) {
	for _, fx := range hostile.Fixtures() {
		if len(fx.Data) < 4096 {
			f.Add(fx.Data)
		}
	}
	f.Add([]byte(article))
	f.Add([]byte("---\ntitle: x\n---\n# A\n\ntext\n\nB\n-\n"))
}

// FuzzParse checks the invariants every consumer of a Briefing relies on:
// no panic, safe valid text, and section ranges that slice that text.
func FuzzParse(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, name := range []string{"f.md", "f.txt"} {
			b, err := Parse(name, data)
			if err != nil {
				continue
			}
			if !utf8.ValidString(b.Text) {
				t.Fatalf("%s: text is not valid UTF-8", name)
			}
			if bad := hostile.ForeignEscape(b.Text + b.Title + b.Author + strings.Join(b.Tags, "")); bad != "" {
				t.Fatalf("%s: control sequence survived: %s", name, bad)
			}
			anchors := make(map[string]bool)
			prevEnd := b.BodyStart
			for i, s := range b.Sections {
				if s.Start < prevEnd || s.End < s.Start || s.End > len(b.Text) || s.TreeEnd < s.End || s.TreeEnd > len(b.Text) {
					t.Fatalf("%s: section %d has range %d..%d..%d after %d in %d bytes", name, i, s.Start, s.End, s.TreeEnd, prevEnd, len(b.Text))
				}
				if s.Markdown != b.Text[s.Start:s.End] || s.HeadingLen > len(s.Markdown) {
					t.Fatalf("%s: section %d markdown does not match its range", name, i)
				}
				if anchors[s.Anchor] || s.Anchor == "" {
					t.Fatalf("%s: anchor %q repeated or empty", name, s.Anchor)
				}
				anchors[s.Anchor] = true
				if s.Parent >= i || s.Parent >= 0 && b.Sections[s.Parent].Level >= s.Level {
					t.Fatalf("%s: section %d has parent %d", name, i, s.Parent)
				}
				prevEnd = s.End
			}
		}
	})
}

// FuzzTextAsShown checks what every view shows of any file: the text of
// the lead and of each section, parsed alone with the file's link
// definitions, is valid UTF-8 without control characters, and so are the
// links; nothing panics.
func FuzzTextAsShown(f *testing.F) {
	addSeeds(f)
	f.Add([]byte("[a][r] `x\ny` 2<sup>n</sup><br>\n\n<figure>\n<img alt=\"d\" src=\"i.png\">\n</figure>\n\n[r]: javascript:x\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := Parse("f.md", data)
		if err != nil {
			return
		}
		check := func(what, text string) {
			if !utf8.ValidString(text) {
				t.Fatalf("%s is not valid UTF-8: %q", what, text)
			}
			for _, r := range text {
				if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || r >= 0x80 && r <= 0x9f {
					t.Fatalf("%s has control character %U: %q", what, r, text)
				}
			}
		}
		check("lead", PlainText(b.Lead, b.Refs))
		for i := -1; i < len(b.Sections); i++ {
			if i >= 0 {
				check("section", PlainText(b.Sections[i].Body(), b.Refs))
			}
			for _, l := range b.SectionLinks(i) {
				check("link", l.Text+l.Target)
				if URLKindOf(l.Target) == UnsafeURL {
					t.Fatalf("unsafe link listed: %+v", l)
				}
			}
		}
	})
}

// FuzzSplitFrontMatter checks that the splitter's offsets always slice the
// input and that a block it accepts really is delimited.
func FuzzSplitFrontMatter(f *testing.F) {
	addSeeds(f)
	f.Add([]byte("---\n---\n"))
	f.Add([]byte("---\na: b\n..."))
	f.Fuzz(func(t *testing.T, data []byte) {
		yamlText, bodyStart, ok := SplitFrontMatter(data)
		if !ok {
			if bodyStart != 0 || yamlText != nil {
				t.Fatalf("rejected input returned %d, %q", bodyStart, yamlText)
			}
			return
		}
		if bodyStart < 0 || bodyStart > len(data) || !bytes.HasPrefix(data, []byte("---")) {
			t.Fatalf("bodyStart %d out of range or no opening delimiter", bodyStart)
		}
		if !bytes.Contains(data[:bodyStart], yamlText) {
			t.Fatalf("yaml %q is not inside the header %q", yamlText, data[:bodyStart])
		}
		_, _ = ParseFrontMatter(yamlText)
	})
}

// FuzzDetectHeadings checks that detected headings are real, increasing,
// heading-shaped lines.
func FuzzDetectHeadings(f *testing.F) {
	f.Add(article)
	f.Add("A\n\nB\n\nC\n")
	f.Add("Para one is long enough here.\n\nHeading\n\nPara two is long enough.\n")
	f.Fuzz(func(t *testing.T, text string) {
		lines := strings.Split(text, "\n")
		last := -1
		for _, i := range DetectHeadings(text) {
			if i <= last || i >= len(lines) {
				t.Fatalf("heading line %d after %d of %d", i, last, len(lines))
			}
			if !headingShaped(textBlock{lines: []string{lines[i]}}) {
				t.Fatalf("line %q is not heading-shaped", lines[i])
			}
			last = i
		}
	})
}
