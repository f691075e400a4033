package export

import (
	"bytes"
	"fmt"
	"image/color"
	"strings"
	"time"

	"github.com/signintech/gopdf"
)

// PDFOptions adjust a PDF.
type PDFOptions struct {
	// FontDirs are the folders searched for installed fonts that draw
	// what the embedded Go fonts cannot; nil means the system's font
	// folders, an empty list none.
	FontDirs []string
	// Notes puts each slide's presenter notes under it (slides only).
	Notes bool
	// Now dates the PDF; zero is the current time.
	Now time.Time
}

// PDFReport says what a PDF holds and what it could not draw.
type PDFReport struct {
	// Pages counts the PDF's pages.
	Pages int
	// Missing are the characters no font could draw; they show as "?".
	Missing []rune
}

// MissingText says which characters could not be drawn, or "".
func (r PDFReport) MissingText() string {
	if len(r.Missing) == 0 {
		return ""
	}
	var shown []string
	for _, c := range r.Missing[:min(len(r.Missing), 12)] {
		shown = append(shown, fmt.Sprintf("%c (U+%04X)", c, c))
	}
	more := ""
	if len(r.Missing) > 12 {
		more = fmt.Sprintf(" and %d more", len(r.Missing)-12)
	}
	return fmt.Sprintf("%d characters could not be drawn, no font has them, and show as \"?\": %s%s (install a font such as Noto or DejaVu to draw them)",
		len(r.Missing), strings.Join(shown, " "), more)
}

// rgb is a colour of a PDF.
type rgb struct{ r, g, b uint8 }

func rgbOf(c color.Color) rgb {
	r, g, b, _ := c.RGBA()
	return rgb{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8)}
}

var (
	black = rgb{0, 0, 0}
	white = rgb{255, 255, 255}
	grey  = rgb{110, 110, 110}
	rule  = rgb{190, 190, 190}
	tint  = rgb{242, 242, 240}
)

// blend mixes a into b by share (0: a, 1: b).
func blend(a, b rgb, share float64) rgb {
	mix := func(x, y uint8) uint8 { return uint8(float64(x)*(1-share) + float64(y)*share) }
	return rgb{mix(a.r, b.r), mix(a.g, b.g), mix(a.b, b.b)}
}

// pdfOp is one drawing operation of a page.
type pdfOp struct {
	kind       opKind
	x, y, w, h float64 // text: x and the baseline y; rect: the box; line: from x,y by w,h
	text       string
	face       *face
	size       float64
	colour     rgb
}

type opKind int

const (
	textOp opKind = iota
	rectOp
	lineOp
)

// pdfPage is a page laid out, drawn when the whole document is.
type pdfPage struct {
	w, h    float64
	ops     []pdfOp
	outline string // a bookmark to this page, "" for none
}

// pdfDoc lays pages out with the font set, then writes them.
type pdfDoc struct {
	fonts *fontSet
	pages []*pdfPage
}

func newPDFDoc(opts PDFOptions) (*pdfDoc, error) {
	fonts, err := newFontSet(opts.FontDirs)
	if err != nil {
		return nil, fmt.Errorf("load the PDF fonts: %w", err)
	}
	return &pdfDoc{fonts: fonts}, nil
}

func (d *pdfDoc) newPage(w, h float64) *pdfPage {
	p := &pdfPage{w: w, h: h}
	d.pages = append(d.pages, p)
	return p
}

func (p *pdfPage) rect(x, y, w, h float64, c rgb) {
	p.ops = append(p.ops, pdfOp{kind: rectOp, x: x, y: y, w: w, h: h, colour: c})
}

func (p *pdfPage) line(x, y, dx, dy, width float64, c rgb) {
	p.ops = append(p.ops, pdfOp{kind: lineOp, x: x, y: y, w: dx, h: dy, size: width, colour: c})
}

// text draws s from x on the baseline y in a kind and style of font,
// taking each character from the face that has it, and returns the width
// drawn. A character no font has is drawn as "?".
func (d *pdfDoc) text(p *pdfPage, x, y float64, s string, kind fontKind, style fontStyle, size float64, c rgb) float64 {
	start := x
	var run strings.Builder
	var runFace *face
	flush := func() {
		if run.Len() > 0 && p != nil && strings.TrimSpace(run.String()) != "" {
			p.ops = append(p.ops, pdfOp{kind: textOp, x: x, y: y, text: run.String(), face: runFace, size: size, colour: c})
		}
		for _, r := range run.String() {
			x += runFace.advance(r) * size
		}
		run.Reset()
	}
	runes := []rune(s)
	for i := 0; i < len(runes); i++ {
		r := runes[i]
		f := d.fonts.faceFor(kind, style, r)
		if f == nil {
			f, r = d.fonts.primary(kind, style), '?'
		}
		// A space goes with the letter after it, so that a word in
		// another font starts with its space: PDF readers then see the
		// gap before it.
		if r == ' ' {
			j := i
			for j < len(runes) && runes[j] == ' ' {
				j++
			}
			if j < len(runes) {
				if next := d.fonts.faceFor(kind, style, runes[j]); next != nil && next.covers(' ') {
					f = next
				}
			}
		}
		if f != runFace {
			if runFace != nil {
				flush()
			}
			runFace = f
		}
		run.WriteRune(r)
	}
	if runFace != nil {
		flush()
	}
	return x - start
}

// measure returns the width text would take.
func (d *pdfDoc) measure(s string, kind fontKind, style fontStyle, size float64) float64 {
	return d.text(nil, 0, 0, s, kind, style, size, black)
}

// write draws the pages into a PDF.
func (d *pdfDoc) write(title, author string, now time.Time) ([]byte, PDFReport, error) {
	if len(d.pages) == 0 {
		d.newPage(pageA4.w, pageA4.h)
	}
	pdf := &gopdf.GoPdf{}
	pdf.Start(gopdf.Config{Unit: gopdf.UnitPT, PageSize: gopdf.Rect{W: d.pages[0].w, H: d.pages[0].h}})
	if now.IsZero() {
		now = time.Now()
	}
	pdf.SetInfo(gopdf.PdfInfo{Title: title, Author: author, Creator: "brief", Producer: "brief", CreationDate: now})
	registered := map[*face]bool{}
	current := struct {
		face   *face
		size   float64
		colour rgb
		set    bool
	}{}
	for _, page := range d.pages {
		pdf.AddPageWithOption(gopdf.PageOption{PageSize: &gopdf.Rect{W: page.w, H: page.h}})
		current.set = false
		if page.outline != "" {
			pdf.AddOutline(page.outline)
		}
		for _, op := range page.ops {
			switch op.kind {
			case rectOp:
				pdf.SetFillColor(op.colour.r, op.colour.g, op.colour.b)
				pdf.RectFromUpperLeftWithStyle(op.x, op.y, op.w, op.h, "F")
			case lineOp:
				pdf.SetStrokeColor(op.colour.r, op.colour.g, op.colour.b)
				pdf.SetLineWidth(op.size)
				pdf.Line(op.x, op.y, op.x+op.w, op.y+op.h)
			case textOp:
				if !registered[op.face] {
					if err := pdf.AddTTFFontData(op.face.name, op.face.data); err != nil {
						return nil, PDFReport{}, fmt.Errorf("embed the font %s: %w", op.face.name, err)
					}
					registered[op.face] = true
				}
				if !current.set || current.face != op.face || current.size != op.size {
					if err := pdf.SetFont(op.face.name, "", op.size); err != nil {
						return nil, PDFReport{}, fmt.Errorf("set the font %s: %w", op.face.name, err)
					}
				}
				if !current.set || current.colour != op.colour {
					pdf.SetTextColor(op.colour.r, op.colour.g, op.colour.b)
				}
				current.face, current.size, current.colour, current.set = op.face, op.size, op.colour, true
				pdf.SetXY(op.x, op.y)
				if err := pdf.Text(op.text); err != nil {
					return nil, PDFReport{}, fmt.Errorf("write text: %w", err)
				}
			}
		}
	}
	var buf bytes.Buffer
	if _, err := pdf.WriteTo(&buf); err != nil {
		return nil, PDFReport{}, fmt.Errorf("write the PDF: %w", err)
	}
	return buf.Bytes(), PDFReport{Pages: len(d.pages), Missing: d.fonts.Missing()}, nil
}

// Page sizes in points.
var (
	pageA4          = struct{ w, h float64 }{595.28, 841.89}
	pageA4Landscape = struct{ w, h float64 }{841.89, 595.28}
)
