package render

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// TestWrapLinesNeverRunsOver: ansi.Wrap lets a word made of hyphens run
// past the limit ("where --" at the end of a line, found in blackfriday's
// README); WrapLines breaks such a line again.
func TestWrapLinesNeverRunsOver(t *testing.T) {
	inputs := []string{
		"LaTeX-style dash parsing is an additional option, where -- translates to",
		"+-------- parser.Parser ---------------------------+ and more",
		"https://github.github.com/gfm/#strikethrough-extension- and",
		"\x1b[1mbold words that -- run on\x1b[m and on",
	}
	for _, s := range inputs {
		for limit := 8; limit <= 60; limit++ {
			lines := WrapLines(s, limit, "")
			for _, l := range lines {
				if w := ansi.StringWidth(l); w > limit {
					t.Fatalf("WrapLines(%q, %d): line %q is %d wide", s, limit, l, w)
				}
			}
			got := strings.Join(strings.Fields(ansi.Strip(strings.Join(lines, ""))), "")
			if want := strings.Join(strings.Fields(ansi.Strip(s)), ""); got != want {
				t.Fatalf("WrapLines(%q, %d) lost text: %q", s, limit, got)
			}
		}
	}
}
