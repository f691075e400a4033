package export

import (
	"image/color"
	"strings"

	"github.com/briefreader/brief/internal/render"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"
)

// Slide is one page of a presentation as the projector showed it, laid out
// on the projector's text grid by the presenter.
type Slide struct {
	// Heading is the section's heading, for the PDF's outline.
	Heading string
	// Title holds the rows of the heading on a section's first page, each
	// drawn twice the size of the text over two rows of the grid; empty on
	// a continuation page, which has Continued instead ("Heading (cont.)").
	Title     []string
	Continued string
	// Lines are the text, styled with SGR sequences as on the screen.
	Lines []string
	// Notes are the presenter notes of the page.
	Notes []string
	// Counter says where the page is, e.g. "§2/6 · 3/7".
	Counter string
}

// SlideDeck is a presentation's slides for a PDF.
type SlideDeck struct {
	Title, Author string
	// Columns and Rows are the projector's text grid: the width of the
	// text and the height of the screen, footer included.
	Columns, Rows int
	// Foreground and Background are the theme's screen colours; nil is
	// black on white.
	Foreground, Background color.Color
	Slides                 []Slide
}

// slideGeometry places a slide's grid on a page.
type slideGeometry struct {
	x, y        float64 // the grid's top left
	cell, lineH float64 // a column's width and a row's height
	size        float64 // the font size
	rows        int
}

func fitGrid(x, y, w, h float64, columns, rows int) slideGeometry {
	size := min(w/(float64(columns)*0.6), h/(float64(rows)*1.2))
	g := slideGeometry{size: size, cell: size * 0.6, lineH: size * 1.2, rows: rows}
	g.x = x + (w-g.cell*float64(columns))/2
	g.y = y + (h-g.lineH*float64(rows))/2
	return g
}

// baseline is the baseline of grid row r for text of a row's height.
func (g slideGeometry) baseline(r int) float64 { return g.y + (float64(r)+0.8)*g.lineH }

const slideMargin = 24.0

// SlidesPDF writes one PDF page per slide, as the projector showed it: the
// title, the text with its styles, tables and code on the same grid, and a
// footer with the briefing and where the page is. A slide whose lines are
// wider than the grid (long code) has them wrapped, and one that then does
// not fit a page goes on over more pages: nothing is cut. With
// opts.Notes, each page is a portrait page with the slide above and its
// notes below.
func SlidesPDF(deck SlideDeck, opts PDFOptions) ([]byte, PDFReport, error) {
	d, err := newPDFDoc(opts)
	if err != nil {
		return nil, PDFReport{}, err
	}
	deck.Columns, deck.Rows = max(deck.Columns, 20), max(deck.Rows, 8)
	fg, bg := black, white
	if deck.Foreground != nil && deck.Background != nil {
		fg, bg = rgbOf(deck.Foreground), rgbOf(deck.Background)
	}
	s := slideWriter{d: d, deck: deck, fg: fg, bg: bg, notes: opts.Notes}
	lastHeading := ""
	for _, slide := range deck.Slides {
		outline := ""
		if slide.Heading != lastHeading {
			outline, lastHeading = slide.Heading, slide.Heading
		}
		s.slide(slide, outline)
	}
	return d.write(deck.Title, deck.Author, opts.Now)
}

type slideWriter struct {
	d      *pdfDoc
	deck   SlideDeck
	fg, bg rgb
	notes  bool
}

// slide lays out one slide over as many pages as its lines need.
func (s *slideWriter) slide(slide Slide, outline string) {
	var rows []string // the text wrapped to the grid: never cut
	for _, l := range slide.Lines {
		rows = append(rows, splitStyled(l, s.deck.Columns)...)
	}
	first := true
	for first || len(rows) > 0 {
		top := 3 // a margin row, the "(cont.)" row, a blank row
		if first && len(slide.Title) > 0 {
			top = 2 + 2*len(slide.Title)
		}
		room := max(s.deck.Rows-top-2, 1) // a blank row and the footer
		n := min(room, len(rows))
		page, g := s.page()
		if outline != "" {
			page.outline, outline = outline, ""
		}
		if first && len(slide.Title) > 0 {
			for i, row := range slide.Title {
				s.centred(page, g, row, 1+2*i, 2)
			}
		} else {
			cont := slide.Continued
			if cont == "" {
				cont = slide.Heading + " (cont.)"
			}
			s.centred(page, g, cont, 1, 1)
		}
		for i, row := range rows[:n] {
			s.styledRow(page, g, row, top+i)
		}
		rows = rows[n:]
		s.footer(page, g, slide.Counter)
		if s.notes {
			s.notesBelow(page, g, slide.Notes, first)
		}
		first = false
	}
}

// page starts a page with the slide's background and returns its grid.
func (s *slideWriter) page() (*pdfPage, slideGeometry) {
	if s.notes {
		p := s.d.newPage(pageA4.w, pageA4.h)
		w := pageA4.w - 2*36
		g := fitGrid(36, 36, w, w*0.62, s.deck.Columns, s.deck.Rows)
		box := slideGeometry{x: 36, y: 36}
		p.rect(box.x-1, box.y-1, w+2, w*0.62+2, rule)
		p.rect(box.x, box.y, w, w*0.62, s.bg)
		return p, g
	}
	p := s.d.newPage(pageA4Landscape.w, pageA4Landscape.h)
	if s.bg != white {
		p.rect(0, 0, p.w, p.h, s.bg)
	}
	return p, fitGrid(slideMargin, slideMargin, p.w-2*slideMargin, p.h-2*slideMargin, s.deck.Columns, s.deck.Rows)
}

// centred draws plain text centred on the grid, bold, at scale times the
// text's size over scale rows from row.
func (s *slideWriter) centred(p *pdfPage, g slideGeometry, text string, row, scale int) {
	size := g.size * float64(scale)
	width := s.d.measure(text, monoFont, boldStyle, size)
	gridW := g.cell * float64(s.deck.Columns)
	if width > gridW { // never cut: shrink a title wider than the grid
		size *= gridW / width
		width = gridW
	}
	x := g.x + (gridW-width)/2
	y := g.y + (float64(row)+float64(scale)*0.8)*g.lineH
	s.d.text(p, x, y, text, monoFont, boldStyle, size, s.fg)
}

// footer draws the briefing's title and the page's place on the last row.
func (s *slideWriter) footer(p *pdfPage, g slideGeometry, counter string) {
	subtle := blend(s.fg, s.bg, 0.45)
	row := s.deck.Rows - 1
	right := s.d.measure(counter, monoFont, regularStyle, g.size)
	gridW := g.cell * float64(s.deck.Columns)
	title := s.deck.Title
	for title != "" && s.d.measure(title, monoFont, regularStyle, g.size) > gridW-right-2*g.cell {
		r := []rune(title)
		title = strings.TrimSpace(string(r[:len(r)-2])) + "…"
		if len(r) <= 3 {
			title = ""
		}
	}
	s.d.text(p, g.x, g.baseline(row), title, monoFont, regularStyle, g.size, subtle)
	s.d.text(p, g.x+gridW-right, g.baseline(row), counter, monoFont, regularStyle, g.size, subtle)
}

// styledRow draws one row of styled text on the grid: runs of one style
// at their columns, with their backgrounds, underlines and strikes.
func (s *slideWriter) styledRow(p *pdfPage, g slideGeometry, line string, row int) {
	lines := uv.NewStyledString(line).Lines(ansi.GraphemeWidth)
	if len(lines) == 0 {
		return
	}
	cells := lines[0]
	col := 0
	for i := 0; i < len(cells); {
		c := cells[i]
		switch {
		case c.Content == "" || c.Width == 0: // the second half of a wide character
			i++
		case c.Width > 1: // a wide character goes alone, so what follows keeps its column
			s.run(p, g, row, col, c.Width, c.Content, c.Style)
			col += c.Width
			i++
		default: // a run of one style, one column per cell
			var text strings.Builder
			j := i
			for j < len(cells) && cells[j].Width == 1 && cells[j].Content != "" && cells[j].Style.Equal(&c.Style) {
				text.WriteString(cells[j].Content)
				j++
			}
			s.run(p, g, row, col, j-i, text.String(), c.Style)
			col += j - i
			i = j
		}
	}
}

// run draws a run of text in a cell style.
func (s *slideWriter) run(p *pdfPage, g slideGeometry, row, col, width int, text string, st uv.Style) {
	fg, bg := s.fg, rgb{}
	hasBg := false
	if st.Fg != nil {
		fg = rgbOf(st.Fg)
	}
	if st.Bg != nil {
		bg, hasBg = rgbOf(st.Bg), true
	}
	if st.Attrs&uv.AttrReverse != 0 {
		if !hasBg {
			bg = s.bg
		}
		fg, bg, hasBg = bg, fg, true
	}
	if st.Attrs&uv.AttrFaint != 0 {
		fg = blend(fg, s.bg, 0.4)
	}
	x := g.x + float64(col)*g.cell
	w := float64(width) * g.cell
	top := g.y + float64(row)*g.lineH
	if hasBg {
		p.rect(x, top, w, g.lineH, bg)
	}
	if strings.TrimSpace(text) == "" {
		return
	}
	style := styleOf(st.Attrs&uv.AttrBold != 0, st.Attrs&uv.AttrItalic != 0)
	s.d.text(p, x, g.baseline(row), strings.TrimRight(text, " "), monoFont, style, g.size, fg)
	if st.Underline != uv.UnderlineNone {
		p.line(x, g.baseline(row)+g.size*0.12, w, 0, g.size*0.06, fg)
	}
	if st.Attrs&uv.AttrStrikethrough != 0 {
		p.line(x, g.baseline(row)-g.size*0.3, w, 0, g.size*0.06, fg)
	}
}

// notesBelow writes a slide's notes under it on a notes page.
func (s *slideWriter) notesBelow(p *pdfPage, g slideGeometry, notes []string, first bool) {
	if !first {
		return
	}
	w := pageA4.w - 2*36
	y := 36 + w*0.62 + 28
	const size, leading = 10.5, 14.5
	s.d.text(p, 36, y, "Notes", textFont, boldStyle, size, black)
	y += leading * 1.3
	if len(notes) == 0 {
		s.d.text(p, 36, y, "No notes for this page.", textFont, italicStyle, size, grey)
		return
	}
	for _, note := range notes {
		lines := s.d.wrapText(note, textFont, regularStyle, size, w-14)
		for i, l := range lines {
			if y > pageA4.h-48 {
				p = s.d.newPage(pageA4.w, pageA4.h)
				y = 48
				s.d.text(p, 36, y, "Notes (cont.)", textFont, boldStyle, size, black)
				y += leading * 1.3
			}
			if i == 0 {
				s.d.text(p, 36, y, "•", textFont, regularStyle, size, black)
			}
			s.d.text(p, 50, y, l, textFont, regularStyle, size, black)
			y += leading
		}
		y += leading * 0.4
	}
}

// splitStyled wraps a styled line wider than width columns at spaces
// (inside a word only when the word alone is wider), keeping its styles:
// long lines go on, they are never cut off.
func splitStyled(line string, width int) []string {
	if ansi.StringWidth(line) <= width {
		return []string{line}
	}
	return render.WrapLines(line, width, "")
}

// wrapText breaks text into lines no wider than width when drawn, at
// spaces, and inside a word only when the word alone is wider.
func (d *pdfDoc) wrapText(text string, kind fontKind, style fontStyle, size, width float64) []string {
	var lines []string
	cur := ""
	for _, word := range strings.Fields(text) {
		try := word
		if cur != "" {
			try = cur + " " + word
		}
		if d.measure(try, kind, style, size) <= width {
			cur = try
			continue
		}
		if cur != "" {
			lines = append(lines, cur)
		}
		cur = word
		for d.measure(cur, kind, style, size) > width && len([]rune(cur)) > 1 {
			r := []rune(cur)
			n := len(r) - 1
			for n > 1 && d.measure(string(r[:n]), kind, style, size) > width {
				n--
			}
			lines = append(lines, string(r[:n]))
			cur = string(r[n:])
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}
