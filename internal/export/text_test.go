package export

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// checkWidth fails on lines wider than width, except indented code, which
// is never wrapped.
func checkWidth(t *testing.T, text string, width int) {
	t.Helper()
	for _, line := range strings.Split(text, "\n") {
		body := line
		for strings.HasPrefix(body, "> ") {
			body = body[2:]
		}
		if ansi.StringWidth(line) > width && !strings.HasPrefix(body, "    ") {
			t.Errorf("line wider than %d: %q", width, line)
		}
		if strings.TrimRight(line, " ") != line {
			t.Errorf("trailing space: %q", line)
		}
	}
}

func TestTextSampleBriefing(t *testing.T) {
	b := sample(t, "ukraine")
	out := mustExport(t, b, nil, TextFormat, Options{})
	rule := strings.Repeat("=", len(b.Title))
	if !strings.HasPrefix(out, rule+"\n"+b.Title+"\n"+rule+"\n\n21 November 2024 · brief sample desk · ukraine,") {
		t.Errorf("header:\n%s", out[:min(len(out), 400)])
	}
	for _, s := range b.Sections {
		if !strings.Contains(out, "\n\n"+s.Heading+"\n"+strings.Repeat("=", len(s.Heading))+"\n\n") {
			t.Errorf("heading %q is not underlined", s.Heading)
		}
	}
	for _, want := range []string{
		"In November 2024, with two months left in his term, President Joe Biden let\nUkraine",
		"What    | Detail\n--------+------",
		"Range   | Up to roughly 300 km\n",
		"- Escalation. Vladimir Putin has warned against threats to Russian\n  sovereignty",
		"Source: Written for the brief sample library from public reporting",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	for _, bad := range []string{"<!--", "note:", "pause", "Ask the class", "**", "##"} {
		if strings.Contains(out, bad) {
			t.Errorf("text contains %q", bad)
		}
	}
	checkWidth(t, out, DefaultWidth)
	if !strings.HasSuffix(out, "pay.\n") || strings.HasSuffix(out, "\n\n") {
		t.Errorf("text does not end with one newline: %q", out[len(out)-20:])
	}

	narrow := mustExport(t, b, []int{1}, TextFormat, Options{Width: 40})
	checkWidth(t, narrow, 40)
	if strings.Contains(narrow, "The ATACMS Decision") || !strings.Contains(narrow, "The North Korean Factor\n=====") {
		t.Errorf("--section 2 at width 40:\n%s", narrow)
	}
}

func TestTextLayout(t *testing.T) {
	md := "---\ntitle: Layout\n---\n# Top\n\n**Bold start** and `code`.\n\n## Lists\n\n3. three\n4. four\n   - nested *one*\n   - nested two\n\n" +
		"- [x] done\n- [ ] to do\n\nBetween lists.\n\n- loose one\n\n- loose two\n\n## Other blocks\n\n> quoted text\n>\n> second paragraph\n\n" +
		"```\nfunc main() {\n\tprintln(\"a line of code that is much longer than the wrap width of forty columns\")\n}\n```\n\n---\n\n" +
		"| Term | A definition long enough that the table cannot fit in forty columns |\n|---|---|\n| 1. one | - dash |\n\n" +
		"第一段的文字很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长。\n\n" +
		"### Deeper\n\nSee [the map][map] and <https://example.com>.\n\n[map]: https://example.com/map\n"
	b := parse(t, "layout.md", md)
	out := mustExport(t, b, nil, TextFormat, Options{Width: 40})
	checkWidth(t, out, 40)
	for _, want := range []string{
		"===\nTop\n===\n\nBold start and code.\n",
		"Lists\n=====\n\n3. three\n4. four\n   - nested one\n   - nested two\n",
		"- [x] done\n- [ ] to do\n",
		"- loose one\n\n- loose two\n",
		"> quoted text\n>\n> second paragraph\n",
		"    func main() {\n    \tprintln(\"a line of code that is much longer than the wrap width of forty columns\")\n    }\n",
		"\n* * *\n",
		"Term: 1. one\nA definition long enough that the\n  table cannot fit in forty columns: -\n  dash\n",
		"Deeper\n------\n\nSee the map and https://example.com.\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text lacks %q:\n%s", want, out)
		}
	}
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "第一段") && ansi.StringWidth(line) < 38 {
			t.Errorf("wide characters wrapped too early: %q", line)
		}
	}
}

func TestTextTitleHeadingIsNotRepeated(t *testing.T) {
	b := parse(t, "own.md", "# Own Title\n\nintro\n\n## Part\n\ntext\n\n### Sub\n\nmore\n")
	out := mustExport(t, b, nil, TextFormat, Options{})
	want := "=========\nOwn Title\n=========\n\nintro\n\nPart\n====\n\ntext\n\nSub\n---\n\nmore\n"
	if out != want {
		t.Errorf("text:\n%s\nwant:\n%s", out, want)
	}
}

func TestTextKeepsEscapedMarkers(t *testing.T) {
	b := parse(t, "m.md", "# T\n\nA line\n\\* not a list\n1\\. not a list\n\\# not a heading\n\n\\> not a quote\n")
	out := mustExport(t, b, nil, TextFormat, Options{})
	for _, want := range []string{"A line * not a list 1. not a list # not a heading", "> not a quote"} {
		if !strings.Contains(out, want) {
			t.Errorf("text lost %q:\n%s", want, out)
		}
	}
}

func TestFormats(t *testing.T) {
	for _, tt := range []struct {
		name string
		want Format
	}{{"html", HTMLFormat}, {"HTM", HTMLFormat}, {"md", MarkdownFormat}, {"markdown", MarkdownFormat}, {"txt", TextFormat}, {"text", TextFormat}, {"PDF", PDFFormat}} {
		if got, err := ParseFormat(tt.name); err != nil || got != tt.want {
			t.Errorf("ParseFormat(%q) = %q, %v", tt.name, got, err)
		}
	}
	if _, err := ParseFormat("docx"); err == nil || !strings.Contains(err.Error(), "use html, md, txt or pdf") {
		t.Errorf("ParseFormat(docx) error = %v", err)
	}
	for path, want := range map[string]Format{"a/handout.html": HTMLFormat, "x.htm": HTMLFormat, "x.MD": MarkdownFormat, "x.markdown": MarkdownFormat, "x.txt": TextFormat, "x.pdf": PDFFormat} {
		if got, ok, err := FormatForPath(path); err != nil || !ok || got != want {
			t.Errorf("FormatForPath(%q) = %q, %v, %v", path, got, ok, err)
		}
	}
	if _, ok, err := FormatForPath("handout"); ok || err != nil {
		t.Errorf("no extension: ok %v, err %v", ok, err)
	}
	if _, _, err := FormatForPath("handout.docx"); err == nil || !strings.Contains(err.Error(), "handout.docx") {
		t.Errorf("handout.docx: err %v", err)
	}
	if _, err := Export(sample(t, "ukraine"), nil, Format("docx"), Options{}); err == nil {
		t.Error("Export accepted an unknown format")
	}
}

func TestSectionErrorsAndCount(t *testing.T) {
	b := parse(t, "tree.md", treeMarkdown)
	if n := Count(b, nil); n != 6 {
		t.Errorf("Count(whole) = %d", n)
	}
	if n := Count(b, []int{2}); n != 3 {
		t.Errorf("Count(B) = %d", n)
	}
	got, err := FindSections(b, []string{"C", ".1"})
	if err == nil || !strings.Contains(err.Error(), "be more specific") {
		t.Errorf("FindSections with an ambiguous part = %v, %v", got, err)
	}
	got, err = FindSections(b, []string{"C", "1", "b", "6"})
	if err != nil || len(got) != 3 || got[0] != 5 || got[1] != 0 || got[2] != 2 {
		t.Errorf("FindSections = %v, %v", got, err)
	}
	if _, err := FindSections(b, []string{"nope"}); err == nil || !strings.Contains(err.Error(), `no section matches "nope"`) {
		t.Errorf("unknown section: %v", err)
	}
	if _, err := FindSections(b, []string{"9"}); err == nil || !strings.Contains(err.Error(), "section 9 does not exist") {
		t.Errorf("section 9: %v", err)
	}
	for _, f := range Formats {
		if _, err := Export(b, []int{6}, f, Options{}); err == nil {
			t.Errorf("%s: section index 6 of 6 accepted", f)
		}
	}
}

func TestTextHeadings(t *testing.T) {
	b := parse(t, "q.md", "# Q&amp;A *about* \\*stars\\*\n\n## Part <!-- note: secret -->\n\ntext\n\n## Other\n\nmore\n")
	out := mustExport(t, b, nil, TextFormat, Options{})
	if !strings.HasPrefix(out, "=================\nQ&A about *stars*\n=================\n") || strings.Contains(out, "secret") {
		t.Errorf("text:\n%s", out)
	}
	// A section chosen under a title that is not: it is the top of the
	// handout's tree.
	out = mustExport(t, b, []int{1}, TextFormat, Options{})
	if !strings.Contains(out, "\nPart\n====\n\ntext\n") || strings.Contains(out, "more") {
		t.Errorf("text:\n%s", out)
	}
	// The text of a plain-text briefing has no markdown escapes.
	b = parse(t, "plain.txt", "Q&A *today*\n\nA first paragraph that is long enough to be a paragraph of text.\n\n1. Notes [draft]\n\nAnother paragraph that is long enough to be a paragraph of text.\n")
	out = mustExport(t, b, nil, TextFormat, Options{})
	if strings.Contains(out, `\`) || !strings.Contains(out, "Q&A *today*") {
		t.Errorf("text:\n%s", out)
	}
}
