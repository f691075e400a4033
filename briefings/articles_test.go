package briefings

import (
	"strings"
	"testing"
)

// article is laid out like a newspaper piece pasted from a web page: a
// title, a byline, a lead, then six titled parts, one of which ends in a
// question mark and one of which has a one-sentence paragraph.
const article = `Missiles, Troops and a Deadline

By a staff writer

The decision came late in the year and surprised few people who had followed
the debate. It was argued over for months.

A Long-Awaited Decision

Officials had weighed the request for a long time. The range of the weapons
was the main worry, and so was the reaction abroad.

The Factor From Abroad

Reports of foreign soldiers at the front changed the calculation.

What Changes on the Ground?

Strikes on depots and airfields could slow supplies, analysts said. Others
were less sure that any single weapon could move the front.

A Change of Administration

A new president takes office in January. His views on the war differ from
those of his predecessor.

Europe and the Wider Order

Governments in Europe are watching closely. So are governments elsewhere.

Conclusion

The coming months will tell whether the gamble pays off.
`

func TestPlainTextArticleHasSixSections(t *testing.T) {
	b, err := Parse("article.txt", []byte(article))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"A Long-Awaited Decision",
		"The Factor From Abroad",
		"What Changes on the Ground?",
		"A Change of Administration",
		"Europe and the Wider Order",
		"Conclusion",
	}
	if got := headings(b); !equal(got, want) {
		t.Fatalf("headings = %q\nwant %q", got, want)
	}
	if b.Title != "Missiles, Troops and a Deadline" {
		t.Errorf("title = %q", b.Title)
	}
	if !strings.Contains(b.Lead, "By a staff writer") || !strings.Contains(b.Lead, "surprised few people") {
		t.Errorf("lead = %q", b.Lead)
	}
	if b.Format != TextFile {
		t.Errorf("format = %v", b.Format)
	}
	// Lines are kept one to one, so the editor can jump to a heading.
	if got := b.Sections[0].Line; got != 8 {
		t.Errorf("first heading on line %d, want 8", got)
	}
}

func TestDetectHeadingsRejects(t *testing.T) {
	tests := []struct {
		name string
		text string
	}{
		{"ends with a full stop", "Para one is here and long.\n\nShort line.\n\nPara two is here too.\n"},
		{"no paragraph after", "Para one is here and long.\n\nHeading\n"},
		{"no paragraph before", "Heading\n\nPara one is here and long.\n"},
		{"two short lines in a row", "Para one is long enough here.\n\nOne\n\nTwo\n\nPara two is long enough.\n"},
		{"lower-case start", "Para one is long enough here.\n\nand then\n\nPara two is long enough.\n"},
		{"too long", "Para one is long enough here.\n\n" + strings.Repeat("Word ", 14) + "\n\nPara two.\n"},
		{"two-line block", "Para one is long enough here.\n\nTwo line\nblock\n\nPara two is long enough.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DetectHeadings(tt.text); len(got) != 0 {
				t.Errorf("DetectHeadings found %v in %q", got, tt.text)
			}
		})
	}
}

func TestPlainTextIsEscaped(t *testing.T) {
	text := "Title\n\n# not a heading *not emphasis* <b>not html</b> 1. not a list\n- not a bullet\n> not a quote\n"
	b, err := Parse("x.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Sections) != 0 {
		t.Errorf("plain text produced sections %q", headings(b))
	}
	// "- not a bullet" is a list item: a line that starts with "-" is one.
	for _, want := range []string{`\# not a heading`, `\*not emphasis\*`, `\<b\>`, "\n- not a bullet", `\> not a quote`} {
		if !strings.Contains(b.Text, want) {
			t.Errorf("markdown %q lacks %q", b.Text, want)
		}
	}
}
