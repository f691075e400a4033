package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefreader/brief/internal/tmuxtest"
)

// pasted is an article written for this test, laid out as a news page
// comes out when copied into a text file: the date and title on the first
// line, a byline, a list of figures.
const pasted = `date 2024-11-21 Harbour council approves new ferry line

By Mara Lindqvist

The harbour council voted on Thursday to open a ferry line between the
old pier and the island, ending a debate that ran for three years.

Figures from the council:
- 12 crossings a day
- 340 seats per ferry

Costs and funding

The line costs 14 million, paid from the port fund and a regional grant.
`

// TestPastedArticleStory is a newcomer's first try: a pasted article in a
// folder shows its title, date and author in the library, reads without
// its metadata lines, and piping it into brief opens the same reader.
func TestPastedArticleStory(t *testing.T) {
	s := newSession(t, 100, 30)
	lib := t.TempDir()
	article := filepath.Join(lib, "seed article.txt")
	if err := os.WriteFile(article, []byte(pasted), 0o644); err != nil {
		t.Fatal(err)
	}
	s.run(lib)
	screen := s.waitFor("Harbour council approves new ferry line", "21 Nov 2024 · Mara Lindqvist")
	if strings.Contains(screen, "seed article ") {
		t.Errorf("the library lists the file name as the title:\n%s", screen)
	}
	s.keys("Enter")
	screen = s.waitFor("21 November 2024 · Mara Lindqvist", "• 12 crossings a day", "• 340 seats per ferry")
	if strings.Contains(screen, "By Mara") || strings.Contains(screen, "date 2024") {
		t.Errorf("metadata lines shown in the text:\n%s", screen)
	}
	s.keys("q", "q")
	s.waitFor("brief exited 0")

	// cat article.txt | brief: the reader, with keys from the terminal.
	s.Run("main.0", "sh", "-c", "cat "+tmuxtest.ShellQuote(article)+" | "+tmuxtest.ShellQuote(binary))
	s.waitFor("Harbour council approves new ferry line", "21 November 2024 · Mara Lindqvist")
	s.keys("]")
	s.waitFor("› Costs and funding")
	s.keys("q")
	s.waitFor("1 briefing", "standard input")
	s.keys("q")
	s.waitFor("brief exited 0")
}

// TestPresentFileAtSection is the README's own example: brief present
// FILE --section 2 starts presenting at section 2.
func TestPresentFileAtSection(t *testing.T) {
	s := newSession(t, 100, 30)
	file := filepath.Join(t.TempDir(), "lecture.md")
	text := "# Lecture\n\n## Opening\n\nFirst.\n\n## Δημοκρατία\n\nSecond.\n\n## 民主主义\n\nThird.\n"
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	s.run("present", file, "--section", "3")
	screen := s.waitFor("§3/4", "Second.")
	if !strings.Contains(screen, "█") {
		t.Errorf("no block letters for a Greek title:\n%s", screen)
	}
	s.keys("]")
	s.waitFor("§4/4", "民 主 主 义", "━━━")
	s.keys("q")
	s.waitFor("brief exited 0")
}
