package ui

import (
	"sort"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/list"
	"github.com/sahilm/fuzzy"
)

// filterItems is the library's / filter. Every word of the query must occur
// in the item (title, tags, path), ignoring case; items whose title holds
// the words rank first. When no item holds the words, it falls back to a
// fuzzy match, so "nkorea" still finds "North Korea". Substring matching
// first keeps one-letter queries fast on 40,000 items, where a fuzzy match
// of everything is slow.
func filterItems(term string, targets []string) []list.Rank {
	words := strings.Fields(strings.ToLower(term))
	if len(words) == 0 {
		return nil
	}
	type scored struct {
		rank  list.Rank
		score int
	}
	var found []scored
	for i, t := range targets {
		lower := strings.ToLower(t)
		score, matched, ok := 0, []int(nil), true
		for _, w := range words {
			at := strings.Index(lower, w)
			if at < 0 {
				ok = false
				break
			}
			if at == 0 {
				score += 2
			}
			start := utf8.RuneCountInString(lower[:at])
			for r := range utf8.RuneCountInString(w) {
				matched = append(matched, start+r)
			}
		}
		if ok {
			found = append(found, scored{list.Rank{Index: i, MatchedIndexes: matched}, score})
		}
	}
	if len(found) == 0 && len(term) >= 3 {
		var ranks []list.Rank
		for _, m := range fuzzy.Find(term, targets) {
			ranks = append(ranks, list.Rank{Index: m.Index, MatchedIndexes: m.MatchedIndexes})
		}
		return ranks
	}
	sort.SliceStable(found, func(a, b int) bool { return found[a].score > found[b].score })
	ranks := make([]list.Rank, len(found))
	for i, f := range found {
		ranks[i] = f.rank
	}
	return ranks
}
