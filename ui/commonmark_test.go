package ui

import (
	"strings"
	"testing"

	"github.com/briefreader/brief/briefings"
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
}
