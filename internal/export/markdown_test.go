package export

import (
	"slices"
	"strings"
	"testing"

	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/internal/hostile"
)

func anchors(b *briefings.Briefing) []string {
	var list []string
	for _, s := range b.Sections {
		list = append(list, s.Anchor)
	}
	return list
}

func TestMarkdownSampleRoundTrips(t *testing.T) {
	b := sample(t, "ukraine")
	out := mustExport(t, b, nil, MarkdownFormat, Options{})
	if !strings.HasPrefix(out, "---\ntitle: ") {
		t.Fatalf("no front matter:\n%s", out[:min(len(out), 300)])
	}
	for _, bad := range []string{"<!--", "note:", "pause", "Ask the class"} {
		if strings.Contains(out, bad) {
			t.Errorf("markdown contains %q", bad)
		}
	}
	back := parse(t, "handout.md", out)
	if back.Title != b.Title || !back.Date.Equal(b.Date) || back.Author != b.Author ||
		!slices.Equal(back.Tags, b.Tags) || back.Source != b.Source || back.Summary != b.Summary {
		t.Errorf("front matter did not survive: %+v", back)
	}
	if !slices.Equal(anchors(back), anchors(b)) {
		t.Errorf("sections = %q, want %q", anchors(back), anchors(b))
	}
	if strings.TrimSpace(back.Lead) != strings.TrimSpace(b.Lead) {
		t.Errorf("lead changed:\n%s", back.Lead)
	}
	// Apart from the comments, every section is as written.
	for i, s := range back.Sections {
		want := strings.TrimSpace(b.Sections[i].Markdown)
		want = strings.Replace(want, "<!-- note: Ask the class what \"long-range\" means in kilometres before showing the table. -->\n\n", "", 1)
		want = strings.Replace(want, "<!-- pause -->\n\n", "", 1)
		if got := strings.TrimSpace(s.Markdown); got != want {
			t.Errorf("section %d changed:\n%s\nwant:\n%s", i+1, got, want)
		}
	}
	if strings.Contains(out, "\n\n\n") {
		t.Error("removing comments left a gap of two blank lines")
	}
}

func TestMarkdownKeepsCommentsShownAsCode(t *testing.T) {
	md := "---\ntitle: Notes\n---\n# Notes\n\n<!-- note: block note -->\n\nText <!-- note: inline note --> more.\n\n" +
		"Write `<!-- pause -->` to break a page:\n\n```markdown\n<!-- pause -->\n<!-- note: shown in code -->\n```\n\n" +
		"    <!-- note: indented code -->\n\n" +
		"- item\n\n  <!-- note: in a list -->\n- <!-- note: first in an item -->\n\n> quoted\n>\n> <!-- note: in a quote -->\n\n" +
		"<!-- pause -->\n<!--\nnote: spread over\nthree lines -->\n\n<div>kept</div>\n\nEnd.\n<!-- note: unclosed"
	b := parse(t, "notes.md", md)
	out := mustExport(t, b, nil, MarkdownFormat, Options{})
	for _, bad := range []string{"block note", "inline note", "in a list", "first in an item", "in a quote", "spread over", "unclosed"} {
		if strings.Contains(out, bad) {
			t.Errorf("markdown still has %q:\n%s", bad, out)
		}
	}
	for _, want := range []string{"Text  more.", "Write `<!-- pause -->` to break", "```markdown\n<!-- pause -->\n<!-- note: shown in code -->\n```",
		"    <!-- note: indented code -->", "- item\n", "> quoted\n>\n>", "<div>kept</div>", "End."} {
		if !strings.Contains(out, want) {
			t.Errorf("markdown lacks %q:\n%s", want, out)
		}
	}
	// The text export keeps the code too and drops the notes.
	text := mustExport(t, b, nil, TextFormat, Options{})
	for _, want := range []string{"Write <!-- pause --> to break", "    <!-- pause -->", "    <!-- note: shown in code -->"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	for _, bad := range []string{"block note", "inline note", "in a list", "first in an item", "in a quote", "spread over", "unclosed"} {
		if strings.Contains(text, bad) {
			t.Errorf("text still has %q", bad)
		}
	}
}

func TestMarkdownSections(t *testing.T) {
	b := parse(t, "tree.md", treeMarkdown)
	out := mustExport(t, b, []int{5, 2}, MarkdownFormat, Options{})
	back := parse(t, "back.md", out)
	if want := []string{"b", "b1", "b1a", "c"}; !slices.Equal(anchors(back), want) {
		t.Errorf("sections = %q, want %q", anchors(back), want)
	}
	if back.Title != "Tree" || strings.Contains(out, "Lead text") || strings.Contains(out, "alpha") {
		t.Errorf("markdown:\n%s", out)
	}
	if !strings.Contains(out, "beta one a text\n\n# C\n") {
		t.Errorf("sections not separated by one blank line:\n%s", out)
	}
}

func TestMarkdownFrontMatterNamesTheFileWithoutSource(t *testing.T) {
	b := parse(t, "week-3.md", "# Week 3\n\ntext\n")
	out := mustExport(t, b, nil, MarkdownFormat, Options{})
	if !strings.HasPrefix(out, "---\ntitle: Week 3\nsource: week-3.md\n---\n\n# Week 3\n") {
		t.Errorf("markdown:\n%s", out)
	}
}

func TestHostileFixturesExportWithoutEscapes(t *testing.T) {
	for _, f := range hostile.Fixtures() {
		if !f.Loads {
			continue
		}
		t.Run(f.Name, func(t *testing.T) {
			b := parse(t, f.Name, string(f.Data))
			for _, format := range []Format{MarkdownFormat, TextFormat} {
				out := mustExport(t, b, nil, format, Options{})
				if esc := hostile.ForeignEscape(out); esc != "" {
					t.Errorf("%s: escape in output: %s", format, esc)
				}
				if format == TextFormat {
					checkWidth(t, out, DefaultWidth)
				}
			}
		})
	}
	b := parse(t, "hostile.md", hostileMarkdown)
	for _, format := range []Format{MarkdownFormat, TextFormat} {
		out := mustExport(t, b, nil, format, Options{})
		if esc := hostile.ForeignEscape(out); esc != "" {
			t.Errorf("%s: escape in output: %s", format, esc)
		}
		if strings.Contains(out, "secret") {
			t.Errorf("%s: a presenter note leaked", format)
		}
	}
}
