package export

import (
	"fmt"
	"strings"

	"github.com/briefreader/brief/briefings"
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
)

// The handout's page: A4 with margins that also suit US Letter's width.
const (
	handoutMargin  = 62.0
	handoutSize    = 10.5 // body text, in points
	handoutLeading = 15.0
	codeSize       = 9.0
	codeLeading    = 12.0
	blockGap       = 7.0
)

// HandoutPDF writes the chosen sections of briefing b (indexes into
// b.Sections, each with its subsections; nil for the whole briefing, lead
// included) as a printed document: the title, a line with date, author and
// tags, then each section's heading and text, set in Go Regular with
// emphasis, lists, quotes, tables, and code in Go Mono on a tint, with web
// links printed after their text. Pages are numbered and the sections are
// the PDF's bookmarks. Presenter notes, pauses and raw HTML do not appear.
func HandoutPDF(b *briefings.Briefing, sections []int, opts PDFOptions) ([]byte, PDFReport, error) {
	d, err := newPDFDoc(opts)
	if err != nil {
		return nil, PDFReport{}, err
	}
	if err := layoutHandout(d, b, sections); err != nil {
		return nil, PDFReport{}, err
	}
	return d.write(b.Title, b.Author, opts.Now)
}

// layoutHandout lays a handout out on new pages of d.
func layoutHandout(d *pdfDoc, b *briefings.Briefing, sections []int) error {
	sel, doc, err := prepare(b, sections, true)
	if err != nil {
		return err
	}
	h := &handout{d: d, doc: doc, first: len(d.pages)}
	h.newPage()
	h.heading(sel.title(b), 0, 22, "")
	if meta := b.Byline(); len(meta) > 0 {
		h.paragraph([]inlineRun{{text: strings.Join(meta, " · "), kind: textFont, colour: grey}}, 0)
	}
	if b.Summary != "" {
		h.paragraph([]inlineRun{{text: b.Summary, kind: textFont, style: italicStyle}}, 0)
	}
	if b.Source != "" {
		h.paragraph([]inlineRun{{text: "Source: " + b.Source, kind: textFont, colour: grey}}, 0)
	}
	h.gap(6)
	if sel.whole {
		h.blocks(doc.lead, 0, 0, false)
	}
	for i, s := range b.Sections {
		if !sel.include[i] {
			continue
		}
		if i == 0 && sel.mergedTitle { // the title above is this heading
			h.blocks(doc.bodies[i], 0, 0, false)
			continue
		}
		level := s.Level
		if sel.mergedTitle {
			level = max(level-1, 1)
		}
		text := strings.TrimSpace(doc.tree.InlineText(doc.headings[i]))
		if text == "" {
			text = s.Heading
		}
		size := [...]float64{0, 17, 14.5, 12.5, 11.5, 11, 10.5}[min(max(level, 1), 6)]
		h.heading(text, level, size, s.Heading)
		h.blocks(doc.bodies[i], 0, 0, false)
	}
	h.footers(b.Title)
	return nil
}

// handout lays a document out on pages, top to bottom.
type handout struct {
	d     *pdfDoc
	doc   *document
	first int // the handout's first page in d
	page  *pdfPage
	y     float64 // where the next line's top goes
}

func (h *handout) left() float64   { return handoutMargin }
func (h *handout) width() float64  { return pageA4.w - 2*handoutMargin }
func (h *handout) bottom() float64 { return pageA4.h - handoutMargin }

func (h *handout) newPage() {
	h.page = h.d.newPage(pageA4.w, pageA4.h)
	h.y = handoutMargin
}

// need starts a new page unless height fits on this one.
func (h *handout) need(height float64) {
	if h.y+height > h.bottom() && h.y > handoutMargin {
		h.newPage()
	}
}

func (h *handout) gap(g float64) {
	if h.y > handoutMargin {
		h.y += g
	}
}

// heading writes a heading, kept with the two lines after it; outline
// names a bookmark for it ("" for none).
func (h *handout) heading(text string, level int, size float64, outline string) {
	leading := size * 1.3
	lines := h.d.layoutRuns([]inlineRun{{text: text, kind: textFont, style: boldStyle}}, size, h.width())
	if level > 0 {
		h.gap(size * 0.9)
	}
	h.need(float64(len(lines))*leading + 2*handoutLeading)
	if outline != "" && h.page.outline == "" {
		h.page.outline = outline
	}
	h.drawLines(lines, h.left(), size, leading)
	h.y += size * 0.35
}

// paragraph writes runs as a paragraph indented by indent.
func (h *handout) paragraph(runs []inlineRun, indent float64) {
	lines := h.d.layoutRuns(runs, handoutSize, h.width()-indent)
	h.drawLines(lines, h.left()+indent, handoutSize, handoutLeading)
	h.y += blockGap
}

// drawLines draws laid-out lines from x, breaking pages between lines.
func (h *handout) drawLines(lines []flowLine, x, size, leading float64) {
	for _, line := range lines {
		h.need(leading)
		base := h.y + leading*0.78
		for _, piece := range line {
			if piece.code {
				h.page.rect(x+piece.x-1, h.y+leading*0.12, piece.w+2, leading*0.84, tint)
			}
			h.d.text(h.page, x+piece.x, base, piece.text, piece.kind, piece.style, size, piece.colour)
		}
		h.y += leading
	}
}

// blocks writes sibling blocks indented by indent.
func (h *handout) blocks(nodes []ast.Node, indent float64, depth int, tight bool) {
	for _, n := range nodes {
		h.block(n, indent, depth)
		if tight {
			h.y -= blockGap * 0.7
		}
	}
}

// block writes one block.
func (h *handout) block(n ast.Node, indent float64, depth int) {
	indent = min(indent, h.width()/2)
	if depth > maxTextDepth {
		h.paragraph([]inlineRun{{text: strings.Join(strings.Fields(h.doc.tree.InlineText(n)), " "), kind: textFont}}, indent)
		return
	}
	switch n := n.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		h.paragraph(h.runs(n), indent)
	case *ast.Heading:
		h.paragraph(boldRuns(h.runs(n)), indent)
	case *ast.List:
		h.list(n, indent, depth)
	case *ast.Blockquote:
		top, page := h.y, h.page
		h.blocks(children(n), indent+16, depth+1, false)
		h.quoteBar(page, top, indent)
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		h.code(strings.TrimRight(lineText(n, h.doc.src), "\n"), indent)
	case *extast.Table:
		h.table(n, indent)
	case *ast.ThematicBreak:
		h.need(handoutLeading)
		h.page.line(h.left()+indent, h.y+handoutLeading/2, h.width()-indent, 0, 0.6, rule)
		h.y += handoutLeading
	case *ast.HTMLBlock:
		if text := strings.TrimSpace(h.doc.tree.InlineText(n)); text != "" && !isCommentOnly(htmlBlockText(n, h.doc.src)) {
			h.paragraph([]inlineRun{{text: text, kind: textFont}}, indent)
		}
	default:
		if n.HasChildren() && n.Type() == ast.TypeBlock {
			h.blocks(children(n), indent, depth+1, false)
		} else if text := strings.TrimSpace(h.doc.tree.InlineText(n)); text != "" {
			h.paragraph([]inlineRun{{text: text, kind: textFont}}, indent)
		}
	}
}

// quoteBar draws a quote's bar beside what was written since top, on each
// page it took.
func (h *handout) quoteBar(page *pdfPage, top, indent float64) {
	x := h.left() + indent + 3
	for i, p := range h.d.pages {
		if p != page && (i == 0 || !h.after(page, p)) {
			continue
		}
		from, to := handoutMargin, h.bottom()
		if p == page {
			from = top
		}
		if p == h.page {
			to = h.y - blockGap
		}
		if to > from {
			p.line(x, from, 0, to-from, 2, rule)
		}
	}
}

// after reports whether page p comes after page start.
func (h *handout) after(start, p *pdfPage) bool {
	seen := false
	for _, q := range h.d.pages {
		if q == start {
			seen = true
		} else if q == p {
			return seen
		}
	}
	return false
}

// list writes a list with bullets or numbers and hanging indents.
func (h *handout) list(n *ast.List, indent float64, depth int) {
	number := n.Start
	for item := n.FirstChild(); item != nil; item = item.NextSibling() {
		marker := "•"
		if n.IsOrdered() {
			marker = fmt.Sprintf("%d%c", number, n.Marker)
			number++
		}
		h.need(handoutLeading)
		hang := max(h.d.measure(marker, textFont, regularStyle, handoutSize)+6, 16)
		h.d.text(h.page, h.left()+indent, h.y+handoutLeading*0.78, marker, textFont, regularStyle, handoutSize, black)
		before := h.y
		h.blocks(children(item), indent+hang, depth+1, n.IsTight)
		if h.y == before { // an empty item still takes its line
			h.y += handoutLeading
		}
		if n.IsTight {
			h.y -= blockGap * 0.3
		}
	}
	if n.IsTight {
		h.y += blockGap
	}
}

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

// runs returns a block's inline content as styled runs: emphasis in
// italic, strong in bold, code in Go Mono, and a web link's address after
// its text.
func (h *handout) runs(n ast.Node) []inlineRun {
	var out []inlineRun
	src := h.doc.tree.Source
	bold, italic, code := 0, 0, 0
	add := func(text string) {
		if text == "" {
			return
		}
		r := inlineRun{text: cleanLine(text), kind: textFont, style: styleOf(bold > 0, italic > 0), colour: black}
		if code > 0 {
			r.kind, r.code = monoFont, true
		}
		out = append(out, r)
	}
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if c == n {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Emphasis:
			if c.Level >= 2 {
				bold += sign(entering)
			} else {
				italic += sign(entering)
			}
		case *ast.CodeSpan:
			code += sign(entering)
		case *ast.Image:
			italic += sign(entering)
		case *ast.Link:
			if !entering {
				dest := string(c.Destination)
				if isWebLink(dest) && strings.TrimSpace(h.doc.tree.InlineText(c)) != dest {
					out = append(out, inlineRun{text: " (" + cleanLine(dest) + ")", kind: textFont, colour: grey})
				}
			}
		case *ast.Text:
			if entering {
				text := string(c.Value(src))
				switch {
				case c.HardLineBreak():
					text += "\n"
				case c.SoftLineBreak():
					text += " "
				}
				add(text)
			}
		case *ast.String:
			if entering {
				add(string(c.Value))
			}
		case *ast.AutoLink:
			if entering {
				add(string(c.Label(src)))
			}
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML, *extast.TaskCheckBox:
			if box, ok := c.(*extast.TaskCheckBox); ok && entering {
				if box.IsChecked {
					add("☑ ")
				} else {
					add("☐ ")
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return out
}

func sign(entering bool) int {
	if entering {
		return 1
	}
	return -1
}

func boldRuns(runs []inlineRun) []inlineRun {
	for i := range runs {
		if runs[i].kind == textFont {
			runs[i].style = styleOf(true, runs[i].style == italicStyle || runs[i].style == boldItalicStyle)
		}
	}
	return runs
}

// isWebLink reports whether a destination is an address a reader of
// paper could type.
func isWebLink(dest string) bool {
	d := strings.ToLower(dest)
	return strings.HasPrefix(d, "http://") || strings.HasPrefix(d, "https://") || strings.HasPrefix(d, "mailto:")
}

// cleanLine keeps tabs and controls out of drawn text.
func cleanLine(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t':
			return ' '
		case r == '\n':
			return r
		case r < ' ' || r == 0x7f || r >= 0x80 && r <= 0x9f:
			return -1
		}
		return r
	}, s)
}

// footers number the pages: the title on the left, "n / N" on the right.
func (h *handout) footers(title string) {
	pages := h.d.pages[h.first:]
	total := len(pages)
	for i, p := range pages {
		y := pageA4.h - handoutMargin/2
		num := fmt.Sprintf("%d / %d", i+1, total)
		w := h.d.measure(num, textFont, regularStyle, 8.5)
		h.d.text(p, pageA4.w-handoutMargin-w, y, num, textFont, regularStyle, 8.5, grey)
		lines := h.d.layoutRuns([]inlineRun{{text: title, kind: textFont}}, 8.5, h.width()-w-24)
		if len(lines) > 0 {
			text := ""
			for _, piece := range lines[0] {
				text += piece.text
			}
			if len(lines) > 1 {
				text += "…"
			}
			h.d.text(p, handoutMargin, y, text, textFont, regularStyle, 8.5, grey)
		}
	}
}
