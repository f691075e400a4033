package export

import (
	"strings"
	"unicode"
)

// inlineRun is a piece of text in one style, as a paragraph is written.
type inlineRun struct {
	text   string
	kind   fontKind
	style  fontStyle
	colour rgb
	code   bool // inline code: drawn on a tint
}

// flowPiece is a run's piece placed on a line.
type flowPiece struct {
	inlineRun
	x, w float64
}

// flowLine is one line of a paragraph.
type flowLine []flowPiece

// layoutRuns breaks runs into lines no wider than width: at spaces, at the
// text's own line breaks, and inside a word only when it alone is wider.
func (d *pdfDoc) layoutRuns(runs []inlineRun, size, width float64) []flowLine {
	type token struct {
		inlineRun
		space, brk bool
		w          float64
	}
	var tokens []token
	for _, r := range runs {
		for _, part := range splitTokens(r.text) {
			t := token{inlineRun: r}
			t.text = part
			switch {
			case part == "\n":
				t.brk = true
			case strings.TrimSpace(part) == "":
				t.space, t.text = true, " "
			}
			if !t.brk {
				t.w = d.measure(t.text, t.kind, t.style, size)
			}
			tokens = append(tokens, t)
		}
	}
	var lines []flowLine
	var cur flowLine
	x := 0.0
	endLine := func() {
		for len(cur) > 0 && strings.TrimSpace(cur[len(cur)-1].text) == "" {
			x -= cur[len(cur)-1].w
			cur = cur[:len(cur)-1]
		}
		lines = append(lines, cur)
		cur, x = nil, 0
	}
	place := func(t token) {
		// Join a piece to the one before when the style is the same.
		if n := len(cur); n > 0 && sameStyle(cur[n-1].inlineRun, t.inlineRun) {
			cur[n-1].text += t.text
			cur[n-1].w += t.w
		} else {
			cur = append(cur, flowPiece{inlineRun: t.inlineRun, x: x, w: t.w})
		}
		x += t.w
	}
	for _, t := range tokens {
		switch {
		case t.brk:
			endLine()
		case t.space:
			if len(cur) > 0 {
				place(t)
			}
		case x+t.w <= width || len(cur) == 0 && t.w <= width:
			place(t)
		default:
			if len(cur) > 0 {
				endLine()
			}
			// A word wider than the line is cut into pieces that fit.
			for t.w > width && len([]rune(t.text)) > 1 {
				r := []rune(t.text)
				n := len(r) - 1
				for n > 1 && d.measure(string(r[:n]), t.kind, t.style, size) > width {
					n--
				}
				if n < len(r) {
					n = breakAt(r, n) // after a "/" or "-" where there is one
				}
				head := t
				head.text = string(r[:n])
				head.w = d.measure(head.text, t.kind, t.style, size)
				place(head)
				endLine()
				t.text = string(r[n:])
				t.w = d.measure(t.text, t.kind, t.style, size)
			}
			place(t)
		}
	}
	if len(cur) > 0 || len(lines) == 0 {
		endLine()
	}
	return lines
}

// splitTokens cuts text into words, runs of spaces and line breaks; a
// character of a script written without spaces (Chinese, Japanese) is a
// word of its own, so lines can break between them.
func splitTokens(s string) []string {
	var out []string
	var cur strings.Builder
	kind := 0 // 1 word, 2 space
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, cur.String())
			cur.Reset()
		}
		kind = 0
	}
	for _, r := range s {
		switch {
		case r == '\n':
			flush()
			out = append(out, "\n")
		case unicode.IsSpace(r):
			if kind != 2 {
				flush()
			}
			kind = 2
			cur.WriteRune(r)
		case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul):
			flush()
			out = append(out, string(r))
		default:
			if kind != 1 {
				flush()
			}
			kind = 1
			cur.WriteRune(r)
		}
	}
	flush()
	return out
}

func sameStyle(a, b inlineRun) bool {
	return a.kind == b.kind && a.style == b.style && a.colour == b.colour && a.code == b.code
}
