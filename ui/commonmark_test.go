package ui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/internal/export"
	"github.com/briefreader/brief/internal/fidelity"
	"github.com/briefreader/brief/internal/render"
	"github.com/charmbracelet/x/ansi"
)

// TestCommonMarkReaderAndPresenter: the reader's lines and the presenter's
// pages of every CommonMark example have the words of the reference HTML,
// in order.
func TestCommonMarkReaderAndPresenter(t *testing.T) {
	parse := func(e fidelity.Example) *briefings.Briefing {
		b, err := briefings.Parse("example.md", []byte(e.Markdown))
		if err != nil {
			t.Fatalf("example %d: %v", e.Number, err)
		}
		return b
	}
	t.Run("reader", func(t *testing.T) {
		r, _ := render.New(render.StyleDark, 60)
		fidelity.CheckExamples(t, func(e fidelity.Example) ([]string, string) {
			b := parse(e)
			d := newDocument(b, r)
			renderAll(d)
			var lines []string
			for n := range d.total() {
				_, plain := d.line(n)
				lines = append(lines, plain)
			}
			return fidelity.Words(strings.Join(lines, "\n")), b.Title
		})
	})
	t.Run("presenter", func(t *testing.T) {
		r, _ := render.New(render.StyleHighContrastDark, contentWidth(80))
		fidelity.CheckExamples(t, func(e fidelity.Example) ([]string, string) {
			b := parse(e)
			dk := newDeck(b, r, 80, 30, true)
			var words []string
			for i := range dk.parts {
				p := dk.part(i)
				if i > 0 {
					words = append(words, fidelity.Words(p.heading)...)
				}
				for n := range p.pages {
					words = append(words, fidelity.Words(ansi.Strip(strings.Join(p.pageLines(n), "\n")))...)
				}
			}
			// The title slide's big title is the briefing's title.
			return words, b.Title
		})
	})
	t.Run("pdf slides", func(t *testing.T) {
		// Every example's slides in one PDF, so that poppler runs once.
		all := export.SlideDeck{Title: "examples", Columns: PrintColumns, Rows: PrintRows}
		first := map[int]int{}
		count := map[int]int{}
		titles := map[int]string{}
		examples := fidelity.Spec(t)
		for _, e := range examples {
			b := parse(e)
			deck, err := PrintSlides(b, PrintOptions{})
			if err != nil {
				t.Fatalf("example %d: %v", e.Number, err)
			}
			first[e.Number], count[e.Number], titles[e.Number] = len(all.Slides), len(deck.Slides), b.Title
			all.Slides = append(all.Slides, deck.Slides...)
		}
		pdf, report, err := export.SlidesPDF(all, export.PDFOptions{})
		if err != nil {
			t.Fatal(err)
		}
		// Characters no installed font has are drawn as "?" and reported;
		// the examples with them cannot show their words.
		var undrawable []string
		pages := fidelity.PDFPages(t, pdf)
		if len(pages) != len(all.Slides) {
			t.Fatalf("%d slides, %d pages", len(all.Slides), len(pages))
		}
		fidelity.CheckExamples(t, func(e fidelity.Example) ([]string, string) {
			if strings.ContainsAny(fidelity.HTMLText(e.HTML), string(report.Missing)) {
				undrawable = append(undrawable, fmt.Sprint(e.Number))
				return fidelity.Words(fidelity.HTMLText(e.HTML)), ""
			}
			var words []string
			for _, page := range pages[first[e.Number] : first[e.Number]+count[e.Number]] {
				lines := strings.Split(strings.TrimRight(page, "\n "), "\n")
				body := strings.Join(lines[:len(lines)-1], "\n") // the last line is the footer
				words = append(words, fidelity.Words(body)...)
			}
			return words, titles[e.Number]
		})
		t.Logf("examples with characters no installed font has (%q), not checked: %s", report.Missing, strings.Join(undrawable, " "))
	})
}
