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
