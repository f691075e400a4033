// Package hostile generates briefing files that try to break brief: escape
// sequences in every place markdown allows text, character references that
// decode to controls, invalid encodings, binary data, pathological nesting
// and line lengths. Tests in every package render them and scan the output.
package hostile

import (
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Fixture is one hostile file.
type Fixture struct {
	// Name is the file name, with the extension that selects the parser.
	Name string
	// Data is the file content.
	Data []byte
	// Loads is true when the file should load (possibly with warnings);
	// false when it must be skipped with a problem.
	Loads bool
}

// Escape sequences a terminal would act on. The OSC 52 one writes the
// clipboard; the OSC 8 one makes a hyperlink whose text lies.
const (
	osc52   = "\x1b]52;c;aGFja2Vk\x07"
	osc8    = "\x1b]8;;https://evil.example/\x1b\\innocent\x1b]8;;\x1b\\"
	clear   = "\x1b[2J\x1b[H"
	dcs     = "\x1bPq#0;2;0;0;0#1;2;100;100;0\x1b\\"
	apc     = "\x1b_Gf=100;AAAA\x1b\\"
	c1CSI   = "\u009b31m"
	rawC1   = "\x9b2J"
	title   = "\x1b]0;pwned\x07"
	bell    = "\a\a"
	cursor  = "\x1b[10;10H\x1b[?25l"
	allEsc  = osc52 + osc8 + clear + dcs + apc + c1CSI + title + bell + cursor
	refsEsc = "&#27;]52;c;aGFja2Vk&#7; &#x1b;[2J &#x1B;]0;pwned&#x07; &#155;31m &#033;[5m &#0000027;[1m"
)

// Fixtures returns every hostile file, in a stable order.
func Fixtures() []Fixture {
	deepQuote := strings.Repeat("> ", 5000) + "deep\n"
	var deepList strings.Builder
	for i := range 400 {
		deepList.WriteString(strings.Repeat("  ", i) + "- level\n")
	}
	manyHeadings := strings.Repeat("# h\n", 10000)
	fixtures := []Fixture{
		{Name: "escape-title.md", Loads: true, Data: []byte("---\ntitle: \"Title \\e]52;c;aGk=\\a \\x1b[2J here\"\ntags: [\"a\\e[31m\", b]\nauthor: \"\\u001b]8;;x\\u0007\"\n---\n# Heading " + allEsc + "\n\nbody\n")},
		{Name: "escape-body.md", Loads: true, Data: []byte("# Body\n\nText " + allEsc + " more text *em " + osc52 + "* **" + clear + "**\n\n- item " + dcs + "\n\n> quote " + apc + "\n")},
		{Name: "escape-code.md", Loads: true, Data: []byte("# Code\n\n```go\nfmt.Println(\"" + allEsc + "\")\n```\n\n`inline " + osc52 + "`\n\n    indented " + clear + "\n")},
		{Name: "escape-table.md", Loads: true, Data: []byte("# Table\n\n| a " + osc52 + " | b |\n|---|---|\n| " + clear + " | " + osc8 + " |\n")},
		{Name: "escape-links.md", Loads: true, Data: []byte("# Links\n\n[click " + osc8 + "](https://example.com/" + osc52 + ") and ![img " + clear + "](x.png \"t" + title + "\") <https://a.example/" + bell + ">\n")},
		{Name: "numeric-refs.md", Loads: true, Data: []byte("# Refs " + refsEsc + "\n\n" + refsEsc + "\n\n~~&#27;]52;c;aGk=&#7;~~ *&#x1b;[2J* `&#27;` [&#27;](https://x.example/&#27;)\n")},
		{Name: "invalid-utf8.md", Loads: true, Data: []byte("# Bad \xff\xfe bytes\n\ntext \xc3\x28 \xa0\xa1 \xf0\x28\x8c\xbc " + rawC1 + " end\n")},
		{Name: "nul.md", Loads: true, Data: []byte("# N\x00U\x00L\n\nsome\x00 nul bytes in text that is otherwise long enough to be text\n")},
		{Name: "crlf-bom.md", Loads: true, Data: []byte("\xef\xbb\xbf---\r\ntitle: Windows file\r\n---\r\n# One\r\n\r\ntext\r\n\r\nTwo\r\n===\r\nmore\r\n")},
		{Name: "long-line.md", Loads: true, Data: []byte("# Long\n\n" + strings.Repeat("x", 200000) + "\n")},
		{Name: "deep-quote.md", Loads: true, Data: []byte("# Deep quote\n\n" + deepQuote)},
		{Name: "deep-list.md", Loads: true, Data: []byte("# Deep list\n\n" + deepList.String())},
		{Name: "many-headings.md", Loads: true, Data: []byte(manyHeadings)},
		{Name: "empty.md", Loads: true, Data: nil},
		{Name: "bad-front-matter.md", Loads: true, Data: []byte("---\ntitle: [unclosed\ndate: tomorrow\n---\n# Still here\n\nThe body loads.\n")},
		{Name: "yaml-bomb.md", Loads: true, Data: []byte("---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\ntitle: bomb\n---\n# Bomb\n")},
		{Name: "escape-text.txt", Loads: true, Data: []byte("Title " + allEsc + "\n\nA paragraph that is long enough to be a paragraph, with " + osc52 + " in it.\n\nHeading " + clear + "\n\nAnother paragraph with " + refsEsc + " inside.\n")},
		{Name: "binary.md", Loads: false, Data: binaryData()},
	}
	sort.Slice(fixtures, func(i, j int) bool { return fixtures[i].Name < fixtures[j].Name })
	return fixtures
}

func binaryData() []byte {
	data := make([]byte, 4096)
	for i := range data {
		data[i] = byte(i * 7 % 256)
	}
	return data
}

// WriteDir writes every fixture into dir and returns the paths.
func WriteDir(dir string) ([]string, error) {
	var paths []string
	for _, f := range Fixtures() {
		p := filepath.Join(dir, f.Name)
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			return nil, err
		}
		paths = append(paths, p)
	}
	return paths, nil
}

// ForeignEscape returns the first escape sequence or control character in
// s that is not SGR styling (CSI ... m), or "" if there is none. Invalid
// UTF-8 counts as foreign too: terminals may read stray bytes as C1
// controls. Tests call it on everything brief writes to a terminal.
func ForeignEscape(s string) string {
	if !utf8.ValidString(s) {
		i := 0
		for i < len(s) {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				break
			}
			i += size
		}
		return "invalid UTF-8: " + quoteAround(s, i)
	}
	for i, r := range s {
		switch {
		case r == 0x1b:
			if sgrLength(s[i:]) > 0 {
				continue
			}
			return quoteAround(s, i)
		case r < 0x20 && r != '\n' && r != '\t', r >= 0x7f && r <= 0x9f:
			return quoteAround(s, i)
		}
	}
	return ""
}

// sgrLength returns the length of the SGR sequence at the start of s, or 0.
func sgrLength(s string) int {
	if !strings.HasPrefix(s, "\x1b[") {
		return 0
	}
	j := 2
	for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ';' || s[j] == ':') {
		j++
	}
	if j < len(s) && s[j] == 'm' {
		return j + 1
	}
	return 0
}

func quoteAround(s string, i int) string {
	return strconv.Quote(s[max(0, i-20):min(len(s), i+30)])
}
