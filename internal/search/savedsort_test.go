package search

import (
	"testing"

	"github.com/briefreader/brief/index"
	"github.com/briefreader/brief/internal/state"
)

// Every order a saved search keeps comes back as the index order it was
// saved from; the title order is kept as relevance.
func TestSavedSortRoundTrip(t *testing.T) {
	for _, order := range []string{index.SortRelevance, index.SortNewest, index.SortOldest} {
		if got := IndexSort(SavedSort(order)); got != order {
			t.Errorf("%q saved and read back as %q", order, got)
		}
	}
	if got := SavedSort(index.SortTitle); got != state.SortRelevance {
		t.Errorf("title order saved as %q", got)
	}
}
