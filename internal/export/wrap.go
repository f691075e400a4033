package export

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// wrap breaks text into lines of at most width columns at spaces, and
// inside a word only when the word alone is wider (a long URL, a run of
// Chinese or Japanese without spaces). Runs of spaces become one space.
func wrap(s string, width int) []string {
	var lines []string
	for _, para := range strings.Split(strings.TrimSpace(s), "\n") {
		var cur strings.Builder
		curWidth := 0
		flush := func() {
			if cur.Len() > 0 {
				lines = append(lines, cur.String())
				cur.Reset()
				curWidth = 0
			}
		}
		for _, word := range strings.Fields(para) {
			ww := ansi.StringWidth(word)
			switch {
			case ww > width:
				flush()
				chunks := strings.Split(ansi.Hardwrap(word, width, false), "\n")
				lines = append(lines, chunks[:len(chunks)-1]...)
				cur.WriteString(chunks[len(chunks)-1])
				curWidth = ansi.StringWidth(chunks[len(chunks)-1])
			case curWidth == 0:
				cur.WriteString(word)
				curWidth = ww
			case curWidth+1+ww <= width:
				cur.WriteByte(' ')
				cur.WriteString(word)
				curWidth += 1 + ww
			default:
				flush()
				cur.WriteString(word)
				curWidth = ww
			}
		}
		if cur.Len() == 0 && len(lines) > 0 {
			lines = append(lines, "")
		}
		flush()
	}
	return lines
}

// prefix puts first before the first line and rest before the others,
// leaving blank lines without trailing space.
func prefix(lines []string, first, rest string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		p := rest
		if i == 0 {
			p = first
		}
		out[i] = strings.TrimRight(p+l, " ")
	}
	return out
}

// widest returns the display width of the widest line.
func widest(lines []string) int {
	w := 0
	for _, l := range lines {
		w = max(w, ansi.StringWidth(l))
	}
	return w
}
