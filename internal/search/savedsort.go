package search

import (
	"github.com/briefreader/brief/index"
	"github.com/briefreader/brief/internal/state"
)

// A saved search keeps its order in the state file's words (state.Sort…),
// which outlive the index's (index.Sort…): the two are translated here
// only.

// SavedSort is the order a saved search keeps for an index order; orders
// a saved search does not keep are relevance.
func SavedSort(order string) string {
	switch order {
	case index.SortNewest:
		return state.SortNewest
	case index.SortOldest:
		return state.SortOldest
	}
	return state.SortRelevance
}

// IndexSort is the index order of a saved search's order.
func IndexSort(saved string) string {
	switch saved {
	case state.SortNewest:
		return index.SortNewest
	case state.SortOldest:
		return index.SortOldest
	}
	return index.SortRelevance
}
