package briefings

import (
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark/ast"
)

// The articles below are written for these tests, laid out the way news
// sites' pages come out when copied into a text file.

const pastedWithDateWord = `date 2024-11-21 Harbour council approves new ferry line

By Mara Lindqvist

The harbour council voted on Thursday to open a ferry line between the
old pier and the island, ending a debate that ran for three years.

Costs and funding

The line costs 14 million, paid from the port fund and a regional grant.

Mara Lindqvist covers the harbour for the Coast Gazette.
`

const pastedWithDateline = `Storm closes mountain pass for a second day

By Tomas Ferreira and Ana Kowalczyk

GRENOBLE, Nov 21 (Reuters) - Snow closed the pass over the range for a
second day on Thursday, and the road authority said it would stay shut
until the weekend.
`

func TestPastedArticleMetadata(t *testing.T) {
	modified := time.Date(2025, 2, 3, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name                 string
		text                 string
		title, date, author  string
		source               string
		notInText, stillText []string
	}{
		{name: "date word then the title on one line", text: pastedWithDateWord,
			title: "Harbour council approves new ferry line", date: "2024-11-21", author: "Mara Lindqvist",
			notInText: []string{"date 2024", "By Mara"}, stillText: []string{"The harbour council voted"}},
		{name: "a dateline without a year takes the year before the file's date", text: pastedWithDateline,
			title: "Storm closes mountain pass for a second day", date: "2024-11-21",
			author: "Tomas Ferreira and Ana Kowalczyk", source: "Reuters",
			notInText: []string{"By Tomas"}, stillText: []string{"GRENOBLE, Nov 21 (Reuters) - Snow closed"}},
		{name: "day month year", text: "Council sets the budget\n\n21 November 2024\n\nThe council met.\n",
			title: "Council sets the budget", date: "2024-11-21", notInText: []string{"21 November"}},
		{name: "month day, year with a full stop", text: "Nov. 21, 2024\nCouncil sets the budget\n\nThe council met.\n",
			title: "Council sets the budget", date: "2024-11-21"},
		{name: "weekday, time and a word before the date", text: "Published: Thursday 21 Nov 2024 14.02 GMT\n\nThe council met in the hall on the square.\n",
			date: "2024-11-21", notInText: []string{"Published"}},
		{name: "full month name first", text: "November 21, 2024\n\nThe council met in the hall on the square.\n", date: "2024-11-21"},
		{name: "a byline in capitals after the title", text: "Ferry line opens\nBY JANE DOE\n\nThe ferry left at nine with forty people on board.\n",
			title: "Ferry line opens", author: "JANE DOE"},
		{name: "a sentence starting with By is no author", text: "Ferry line opens\n\nBy the end of the year the ferry will run hourly\n\nMore text here.\n",
			title: "Ferry line opens", stillText: []string{"By the end of the year"}},
		{name: "a date inside the story is not the article's", text: "The council met in the hall on the square on Monday.\n\n2024-11-21 was the day the vote was held.\n",
			stillText: []string{"2024-11-21 was the day"}},
		{name: "an impossible date is not a date", text: "2024-11-31 is a day that does not exist, the ferry office wrote to the council in a letter.\n",
			stillText: []string{"2024-11-31"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := ParseAt("article.txt", []byte(tt.text), modified)
			if err != nil {
				t.Fatal(err)
			}
			if tt.title != "" && b.Title != tt.title {
				t.Errorf("title = %q, want %q", b.Title, tt.title)
			}
			if got := formatDay(b.Date); got != tt.date {
				t.Errorf("date = %q, want %q (detected %v)", got, tt.date, b.Detected)
			}
			if b.Author != tt.author {
				t.Errorf("author = %q, want %q", b.Author, tt.author)
			}
			if b.Source != tt.source {
				t.Errorf("source = %q, want %q", b.Source, tt.source)
			}
			text := PlainText(b.Text[b.BodyStart:], nil)
			for _, s := range tt.notInText {
				if strings.Contains(text, s) {
					t.Errorf("%q is metadata but still in the text:\n%s", s, text)
				}
			}
			for _, s := range tt.stillText {
				if !strings.Contains(text, s) {
					t.Errorf("%q is text but was taken out:\n%s", s, text)
				}
			}
			if tt.title != "" && strings.Contains(text, tt.title) {
				t.Errorf("the title shows twice: in the text too:\n%s", text)
			}
			if strings.Count(b.Text, "\n") != strings.Count(tt.text, "\n") {
				t.Errorf("lines are not kept one to one:\n%s", b.Text)
			}
		})
	}
}

func formatDay(d time.Time) string {
	if d.IsZero() {
		return ""
	}
	return d.Format("2006-01-02")
}

func TestDetectionsSayWhereTheyCameFrom(t *testing.T) {
	b, err := ParseAt("a.txt", []byte(pastedWithDateline), time.Date(2025, 2, 3, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range b.Detected {
		got = append(got, d.String())
	}
	all := strings.Join(got, "\n")
	for _, want := range []string{
		`title Storm closes mountain pass for a second day (line 1:`,
		`author Tomas Ferreira and Ana Kowalczyk (line 3: "By Tomas Ferreira and Ana Kowalczyk")`,
		`date 21 November 2024 (line 5: "GRENOBLE, Nov 21 (Reuters) - Snow closed the pass over the r…"; the dateline has no year: the year is the file's)`,
		`source Reuters (line 5:`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("detections lack %q:\n%s", want, all)
		}
	}
	// Without the file's date, a dateline without a year leaves the
	// briefing undated, and says why.
	b, _ = Parse("a.txt", []byte(pastedWithDateline))
	if !b.Date.IsZero() {
		t.Errorf("dated %v without knowing the year", b.Date)
	}
}

func TestFrontMatterInTextFile(t *testing.T) {
	text := "---\ntitle: Ferry notes\ndate: 2024-11-21\nauthor: Harbour desk\ntags: [ferry]\n---\nBy Someone Else\n\nThe ferry left at nine with forty people on board.\n"
	b, err := Parse("notes.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	if b.Title != "Ferry notes" || formatDay(b.Date) != "2024-11-21" || b.Author != "Harbour desk" || len(b.Tags) != 1 {
		t.Errorf("front matter not read: %q %v %q %q", b.Title, b.Date, b.Author, b.Tags)
	}
	text2 := PlainText(b.Text[b.BodyStart:], nil)
	if strings.Contains(text2, "title:") || strings.Contains(text2, "---") {
		t.Errorf("front matter printed as text: %q", text2)
	}
	if !strings.Contains(text2, "The ferry left at nine") {
		t.Errorf("body lost: %q", text2)
	}
	// The text's own lines keep their numbers after the header.
	if got := strings.Count(b.Text, "\n"); got != strings.Count(text, "\n") {
		t.Errorf("%d lines, want %d", got, strings.Count(text, "\n"))
	}
}

func TestShortLinesStayLines(t *testing.T) {
	text := `Harbour office

Harbour Office
Pier 4
North Quay

The timetable, as the council gave it:
- 12 crossings a day
- 340 seats per ferry
• 9 minutes per crossing

Steps to board:
1. Buy a ticket
2. Wait at gate B

This paragraph was wrapped by the writer's editor at about seventy
columns, so its lines are joined again into one paragraph that the
reader wraps to the screen.
`
	b, err := Parse("office.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	plain := PlainText(b.Text, nil)
	for _, want := range []string{
		"Harbour Office\nPier 4\nNorth Quay",
		"12 crossings a day\n340 seats per ferry\n9 minutes per crossing",
		"Buy a ticket\nWait at gate B",
		"about seventy columns, so its lines are joined again into one paragraph that the reader wraps",
	} {
		if !strings.Contains(plain, want) {
			t.Errorf("text lacks %q:\n%s", want, plain)
		}
	}
	tree := ParseMarkdown(b.Text, nil)
	if lists := countLists(tree); lists != 2 {
		t.Errorf("%d lists, want 2 (the bullets and the steps):\n%s", lists, b.Text)
	}
}

// countLists counts the lists at the top of a tree.
func countLists(t *Tree) int {
	n := 0
	for c := t.Root.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Kind() == ast.KindList {
			n++
		}
	}
	return n
}
