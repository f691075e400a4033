package export

import (
	"strings"

	extast "github.com/yuin/goldmark/extension/ast"
)

// code writes a code block in Go Mono on a tint, its long lines wrapped
// with a mark rather than cut.
func (h *handout) code(text string, indent float64) {
	x := h.left() + indent
	w := h.width() - indent
	cell := codeSize * 0.6
	cols := max(int((w-12)/cell), 10)
	var rows []string
	for _, l := range strings.Split(strings.ReplaceAll(text, "\t", "    "), "\n") {
		rows = append(rows, wrapCode(l, cols)...)
	}
	h.need(codeLeading + 8)
	h.y += 2
	for _, row := range rows {
		h.need(codeLeading)
		h.page.rect(x, h.y, w, codeLeading, tint)
		h.d.text(h.page, x+6, h.y+codeLeading*0.78, row, monoFont, regularStyle, codeSize, black)
		h.y += codeLeading
	}
	h.y += blockGap + 2
}

// wrapCode breaks a line of code longer than cols where breakAt says;
// what follows is indented past the line's own indent, so the break shows.
func wrapCode(line string, cols int) []string {
	r := []rune(line)
	if len(r) <= cols {
		return []string{line}
	}
	indent := len(r) - len([]rune(strings.TrimLeft(line, " ")))
	var out []string
	for len(r) > cols {
		cut := breakAt(r, cols)
		out = append(out, string(r[:cut]))
		rest := strings.TrimLeft(string(r[cut:]), " ")
		pad := strings.Repeat(" ", min(indent+2, cols/2))
		r = []rune(pad + rest)
		if len([]rune(rest)) == 0 {
			r = nil
		}
	}
	if len(r) > 0 {
		out = append(out, string(r))
	}
	return out
}

// breakAt returns where to break r to at most cols runes: at its last
// space, else after its last punctuation (a path's "/", a name's "-" or
// "_"), either leaving at least half a line; else at cols.
func breakAt(r []rune, cols int) int {
	for i := cols; i > cols/2; i-- {
		if r[i] == ' ' {
			return i
		}
	}
	for i := cols; i > cols/2; i-- {
		if strings.ContainsRune("/-_.,:;()[]{}<>=&|+", r[i-1]) {
			return i
		}
	}
	return cols
}

// table writes a table on a grid: columns as wide as their text where the
// page allows, else narrower with the cells' text wrapped.
func (h *handout) table(n *extast.Table, indent float64) {
	var rows [][][]inlineRun
	for row := n.FirstChild(); row != nil; row = row.NextSibling() {
		var cells [][]inlineRun
		for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
			runs := h.runs(cell)
			if _, head := row.(*extast.TableHeader); head {
				runs = boldRuns(runs)
			}
			cells = append(cells, runs)
		}
		rows = append(rows, cells)
	}
	if len(rows) == 0 {
		return
	}
	cols := 0
	for _, r := range rows {
		cols = max(cols, len(r))
	}
	const pad, size = 5.0, 9.5
	natural, least := make([]float64, cols), make([]float64, cols)
	for _, r := range rows {
		for i, c := range r {
			for _, l := range h.d.layoutRuns(c, size, 1e6) {
				natural[i] = max(natural[i], lineWidth(l)+2*pad)
			}
			for _, l := range h.d.layoutRuns(c, size, 1) {
				least[i] = max(least[i], min(lineWidth(l)+2*pad, 120))
			}
		}
	}
	widths := fitColumns(natural, least, h.width()-indent)
	x0 := h.left() + indent
	leading := size * 1.35
	for ri, r := range rows {
		cells := make([][]flowLine, cols)
		height := 1
		for i := range cols {
			if i < len(r) {
				cells[i] = h.d.layoutRuns(r[i], size, widths[i]-2*pad)
			}
			height = max(height, len(cells[i]))
		}
		rowH := float64(height)*leading + 4
		h.need(rowH)
		x := x0
		for i := range cols {
			saved := h.y
			h.y += 2
			h.drawLines(cells[i], x+pad, size, leading)
			h.y = saved
			x += widths[i]
		}
		h.y += rowH
		ruleW, ruleC := 0.4, rule
		if ri == 0 {
			ruleW, ruleC = 0.8, grey
		}
		h.page.line(x0, h.y, x-x0, 0, ruleW, ruleC)
	}
	h.y += blockGap
}

func lineWidth(l flowLine) float64 {
	if len(l) == 0 {
		return 0
	}
	last := l[len(l)-1]
	return last.x + last.w
}

// fitColumns gives columns their natural widths when they fit, else their
// least widths and the rest shared by what more they want; below their
// least widths, every column shrinks alike.
func fitColumns(natural, least []float64, total float64) []float64 {
	out := make([]float64, len(natural))
	sumN, sumL := 0.0, 0.0
	for i := range natural {
		sumN += natural[i]
		sumL += least[i]
	}
	switch {
	case sumN <= total:
		copy(out, natural)
	case sumL >= total:
		for i := range out {
			out[i] = least[i] * total / sumL
		}
	default:
		for i := range out {
			out[i] = least[i] + (natural[i]-least[i])*(total-sumL)/(sumN-sumL)
		}
	}
	return out
}
