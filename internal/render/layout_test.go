package render

import (
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// TestTablesKeepWordsWhole lays out tables at every width from 20 to 100
// columns: every word of every cell stays whole on one line, and no line
// is wider than the width. Narrow screens get the table as records.
func TestTablesKeepWordsWhole(t *testing.T) {
	md := "| Variable | DIRECTORY | Meaning of the setting |\n|---|:---:|---:|\n" +
		"| `XDG_CACHE_HOME` | ~/.cache/brief | Where the index lives; delete it at any time and it is rebuilt |\n" +
		"| BRIEF_LIBRARY | a folder | The briefings read when no folder is named on the command line |\n" +
		"| **NO_COLOR** | – | Plain output without styling |\n"
	words := regexp.MustCompile(`[\pL\pN_~/.;–]+`).FindAllString("Variable DIRECTORY Meaning of the setting XDG_CACHE_HOME ~/.cache/brief "+
		"Where the index lives; delete it at any time and it is rebuilt BRIEF_LIBRARY a folder The briefings read when no folder "+
		"is named on the command line NO_COLOR – Plain output without styling", -1)
	for _, style := range []string{StyleNoTTY, StyleDark, StyleASCII} {
		for width := 20; width <= 100; width++ {
			r, err := New(style, width)
			if err != nil {
				t.Fatal(err)
			}
			lines := r.Markdown(md, 0, nil)
			var tokens = map[string]bool{}
			for _, l := range lines {
				plain := ansi.Strip(l)
				if w := ansi.StringWidth(plain); w > width {
					t.Errorf("%s at %d: line %q is %d wide", style, width, plain, w)
				}
				for _, tok := range strings.FieldsFunc(plain, func(r rune) bool { return r == ' ' || r == '|' || r == '│' || r == ':' }) {
					tokens[tok] = true
				}
			}
			for _, w := range words {
				if !tokens[w] && !tokens[w+";"] {
					t.Errorf("%s at %d: %q is not whole on any line:\n%s", style, width, w, Plain(strings.Join(lines, "\n")))
					break
				}
			}
		}
	}
}

// TestQuotesKeepTheirBar: every line of a block quote has the quote's bar,
// at every width. glamour wrapped quoted text as if the bar were one
// column wide, then wrapped the long lines again, which left words alone
// on lines without it.
func TestQuotesKeepTheirBar(t *testing.T) {
	md := "> Note: For the purposes of introducing slices, we are assuming ASCII only in\n" +
		"> this section; a more thorough discussion of UTF-8 handling is in the\n" +
		"> “Storing UTF-8 Encoded Text with Strings” section of Chapter 8.\n>\n> > A quote in the quote, long enough to wrap at most widths.\n"
	for _, style := range []string{StyleNoTTY, StyleDark} {
		for width := 20; width <= 100; width++ {
			r, err := New(style, width)
			if err != nil {
				t.Fatal(err)
			}
			lines := r.Markdown(md, 2, nil)
			for _, l := range lines {
				plain := strings.TrimSpace(ansi.Strip(l))
				if !strings.HasPrefix(plain, "|") && !strings.HasPrefix(plain, "│") {
					t.Errorf("%s at %d: quoted line without its bar: %q", style, width, plain)
				}
				if w := ansi.StringWidth(ansi.Strip(l)); w > width {
					t.Errorf("%s at %d: line %q is %d wide", style, width, ansi.Strip(l), w)
				}
			}
		}
	}
}
