package ui

import (
	"fmt"
	"image/color"

	"charm.land/lipgloss/v2"
	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/internal/export"
	"github.com/briefreader/brief/internal/render"
)

// The projector a PDF of slides is made for: a text grid of 100 columns
// (the widest a slide's text gets) and 34 rows, which fills a landscape A4
// page at about 13 points.
const (
	PrintColumns = maxSlideWidth
	PrintRows    = 34
)

// PrintOptions choose what PrintSlides lays out.
type PrintOptions struct {
	// Theme is a style name; "" is high-contrast-light, black on white.
	Theme string
	// Sections are indexes into the briefing's sections, each taken with
	// its subsections; nil is the whole briefing with its title slide.
	Sections []int
}

// PrintSlides lays a briefing out as the presenter pages it on a
// projector of PrintColumns × PrintRows, for a PDF: the same blocks, pages
// and styles, every step shown, each title in words (at twice the size)
// rather than block letters, so that it can be read and searched.
func PrintSlides(b *briefings.Briefing, opts PrintOptions) (export.SlideDeck, error) {
	theme := opts.Theme
	if theme == "" || theme == render.StyleAuto {
		theme = render.StyleHighContrastLight
	}
	r, err := render.New(theme, PrintColumns)
	if err != nil {
		return export.SlideDeck{}, err
	}
	include, err := export.SelectedSections(b, opts.Sections)
	if err != nil {
		return export.SlideDeck{}, err
	}
	d := newDeck(b, r, PrintColumns+4, PrintRows, true)
	d.print = true
	out := export.SlideDeck{Title: b.Title, Author: b.Author, Columns: PrintColumns, Rows: PrintRows}
	out.Foreground, out.Background = printColours(theme)
	for part := range d.parts {
		if part == 0 && opts.Sections != nil || part > 0 && !include[part-1] {
			continue
		}
		dp := d.part(part)
		for page := range dp.pages {
			slide := export.Slide{Heading: render.Plain(dp.heading), Lines: dp.pageLines(page), Notes: dp.pageNotes(page)}
			if page == 0 {
				for i := 0; i < len(dp.title); i += 2 { // each row is followed by its second, empty row
					slide.Title = append(slide.Title, dp.title[i])
				}
			} else {
				slide.Continued = slide.Heading + " (cont.)"
			}
			slide.Counter = fmt.Sprintf("§%d/%d · %d/%d", part, len(b.Sections), page+1, len(dp.pages))
			if part == 0 {
				slide.Counter = fmt.Sprintf("title · %d/%d", page+1, len(dp.pages))
			}
			for i, note := range slide.Notes {
				slide.Notes[i] = render.Plain(note)
			}
			out.Slides = append(out.Slides, slide)
		}
	}
	return out, nil
}

// printTitle is a heading for a PDF: wrapped at half the text's width,
// since it is drawn twice the size, each row followed by an empty one for
// the second row of the grid it takes.
func (d *deck) printTitle(heading string) []string {
	var rows []string
	for _, row := range render.WrapLines(render.Plain(heading), contentWidth(d.width)/2, "") {
		rows = append(rows, row, "")
	}
	return rows
}

// printColours are a theme's page colours: those the projector themes
// paint, light text on dark for the dark style, else black on white.
func printColours(theme string) (fg, bg color.Color) {
	if fg, bg := themeColours(theme); fg != nil {
		return fg, bg
	}
	if theme == render.StyleDark {
		return lipgloss.Color("#e6e6e6"), lipgloss.Color("#1c1c1c")
	}
	return nil, nil
}
