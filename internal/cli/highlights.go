package cli

import (
	"github.com/briefreader/brief/internal/search"
	"github.com/briefreader/brief/internal/state"
)

// highlightSource gives the search service the highlights to search for
// in:highlights: the app's store, which has the highlights made in this
// window; from the command line, the saved ones, read once when first
// asked for.
func (a *app) highlightSource() search.HighlightSource {
	return func() []state.Highlight {
		a.highlightsOnce.Do(func() {
			if a.highlights == nil {
				a.highlights, _, _ = state.OpenHighlights("")
			}
		})
		if a.highlights == nil {
			return nil
		}
		return a.highlights.All()
	}
}
