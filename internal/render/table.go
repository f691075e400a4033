package render

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
)

// Tables are laid out here rather than by glamour, whose table shrinks
// columns below their longest word and cuts words ("DIREC" / "TORY").
// A table whose columns fit the width keeps every word whole, wrapping
// cells between words; a table that cannot fit even so is written as
// records, one "heading: value" line per cell.

// cell is a table cell rendered to styled lines.
type cell struct {
	lines []string
	width int // widest line
	word  int // widest word
	plain string
}

// table lays out a table in the renderer's style, with the document's
// margin, as lines.
func (r *Renderer) table(t *extast.Table, src []byte) []string {
	var rows [][]cell
	header := 0 // rows that are the header
	for row := t.FirstChild(); row != nil; row = row.NextSibling() {
		if row.Kind() == extast.KindTableHeader {
			header = 1
		}
		var cells []cell
		for c := row.FirstChild(); c != nil; c = c.NextSibling() {
			cells = append(cells, r.cell(c, src, row.Kind() == extast.KindTableHeader))
		}
		rows = append(rows, cells)
	}
	cols := 0
	for _, row := range rows {
		cols = max(cols, len(row))
	}
	if cols == 0 {
		return nil
	}
	natural := make([]int, cols)
	least := make([]int, cols)
	for _, row := range rows {
		for i, c := range row {
			natural[i] = max(natural[i], c.width)
			least[i] = max(least[i], c.word)
		}
	}
	margin := strings.Repeat(" ", r.margin)
	avail := r.width - 2*r.margin
	sep := 3 * (cols - 1)
	if sum(least)+sep > avail {
		return prefixAll(r.records(rows, header, avail), margin)
	}
	widths := shrink(natural, least, avail-sep)
	var out []string
	for ri, row := range rows {
		out = append(out, r.tableRow(row, widths, t.Alignments)...)
		if ri == header-1 {
			out = append(out, r.tableRule(widths))
		}
	}
	return prefixAll(out, margin)
}

// cell styles a cell's inline content, one line per line of the cell (a
// "<br>" starts a new one). Header cells are strong.
func (r *Renderer) cell(n ast.Node, src []byte, head bool) cell {
	base := cascade(r.cfg.Document.StylePrimitive, r.cfg.Text)
	if head {
		base = cascade(base, r.cfg.Strong)
	}
	c := cell{lines: inlineStyler{cfg: r.cfg, src: src}.lines(n, base)}
	for i, l := range c.lines {
		c.lines[i] = KeepOnlySGR(strings.TrimSpace(l))
		c.width = max(c.width, ansi.StringWidth(c.lines[i]))
		plain := ansi.Strip(c.lines[i])
		c.plain += plain + " "
		for _, w := range strings.Fields(plain) {
			c.word = max(c.word, ansi.StringWidth(w))
		}
	}
	c.plain = strings.TrimSpace(c.plain)
	return c
}

// shrink narrows the widest columns, never below their longest word, until
// the columns fit total.
func shrink(natural, least []int, total int) []int {
	widths := append([]int(nil), natural...)
	for sum(widths) > total {
		widest := -1
		for i, w := range widths {
			if w > least[i] && (widest < 0 || w > widths[widest]) {
				widest = i
			}
		}
		if widest < 0 {
			break
		}
		widths[widest]--
	}
	return widths
}

// tableRow lays out one row: each cell wrapped between words to its
// column's width, aligned, the columns joined by the separator.
func (r *Renderer) tableRow(row []cell, widths []int, align []extast.Alignment) []string {
	wrapped := make([][]string, len(widths))
	height := 1
	for i := range widths {
		if i < len(row) {
			for _, l := range row[i].lines {
				wrapped[i] = append(wrapped[i], WrapLines(l, widths[i], "")...)
			}
		}
		height = max(height, len(wrapped[i]))
	}
	sep := " " + r.tableChars.column + " "
	out := make([]string, height)
	for line := range out {
		parts := make([]string, len(widths))
		for i, w := range widths {
			text := ""
			if line < len(wrapped[i]) {
				text = wrapped[i][line]
			}
			a := extast.AlignNone
			if i < len(align) {
				a = align[i]
			}
			parts[i] = pad(text, w, a)
		}
		out[line] = strings.TrimRight(strings.Join(parts, sep), " ")
	}
	return out
}

// tableRule is the line under the header.
func (r *Renderer) tableRule(widths []int) string {
	var sb strings.Builder
	for i, w := range widths {
		n := w + 2
		if i == 0 || i == len(widths)-1 {
			n = w + 1
		}
		if len(widths) == 1 {
			n = w
		}
		if i > 0 {
			sb.WriteString(r.tableChars.center)
		}
		sb.WriteString(strings.Repeat(r.tableChars.row, n))
	}
	return sb.String()
}

// records writes a table that does not fit as one block per row: a line
// "heading: value" per cell, continuation lines indented.
func (r *Renderer) records(rows [][]cell, header, width int) []string {
	var labels []string
	if header > 0 {
		for _, c := range rows[0] {
			labels = append(labels, c.plain)
		}
	}
	var out []string
	for _, row := range rows[header:] {
		if len(out) > 0 {
			out = append(out, "")
		}
		for i, c := range row {
			text := strings.Join(c.lines, " ")
			if i < len(labels) && labels[i] != "" {
				text = r.bold(labels[i]+":") + " " + text
			}
			lines := WrapLines(text, width, "")
			rest := WrapLines(strings.Join(lines[1:], " "), width-2, "")
			out = append(out, lines[0])
			if len(lines) > 1 {
				out = append(out, prefixAll(rest, "  ")...)
			}
		}
	}
	return out
}

// pad fills a styled line to width cells, as the column's alignment says.
func pad(s string, width int, a extast.Alignment) string {
	gap := max(width-ansi.StringWidth(s), 0)
	switch a {
	case extast.AlignRight:
		return strings.Repeat(" ", gap) + s
	case extast.AlignCenter:
		return strings.Repeat(" ", gap/2) + s + strings.Repeat(" ", gap-gap/2)
	}
	return s + strings.Repeat(" ", gap)
}

func prefixAll(lines []string, p string) []string {
	for i, l := range lines {
		if l != "" {
			lines[i] = p + l
		}
	}
	return lines
}

func sum(xs []int) int {
	n := 0
	for _, x := range xs {
		n += x
	}
	return n
}
