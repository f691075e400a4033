package index

import (
	"context"
	"fmt"
	"sort"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// completionQuery finds the word being typed: the indexed words it begins,
// the maxCompletions most frequent of them, scored together as one word
// with BM25F. A word of two letters begins hundreds of words; most of them
// are not the one the user is typing, and walking all their postings on
// every key press is what made search as you type slow.
type completionQuery struct {
	prefix string
	fields []weighted
	// also are the fields and terms of the word as typed so far, stemmed:
	// they score with the completions, as forms of one word.
	also  []fieldTerm
	boost float64
}

// maxCompletions is how many words a prefix being typed stands for.
const maxCompletions = 12

// SetBoost weighs the word.
func (q *completionQuery) SetBoost(b float64) { q.boost = b }

// Boost returns the word's weight.
func (q *completionQuery) Boost() float64 { return q.boost }

// Searcher finds the completions in the term dictionaries and opens their
// postings.
func (q *completionQuery) Searcher(ctx context.Context, r bleveindex.IndexReader, _ mapping.IndexMapping,
	options search.SearcherOptions) (search.Searcher, error) {
	counts := map[string]uint64{}
	for _, f := range q.fields {
		dict, err := r.FieldDictPrefix(f.field, []byte(q.prefix))
		if err != nil {
			return nil, fmt.Errorf("complete %q in %s: %w", q.prefix, f.field, err)
		}
		for {
			e, err := dict.Next()
			if err != nil {
				_ = dict.Close()
				return nil, fmt.Errorf("complete %q in %s: %w", q.prefix, f.field, err)
			}
			if e == nil {
				break
			}
			counts[e.Term] += e.Count
		}
		_ = dict.Close()
	}
	words := make([]string, 0, len(counts))
	for w := range counts {
		words = append(words, w)
	}
	sort.Slice(words, func(a, b int) bool {
		if counts[words[a]] != counts[words[b]] {
			return counts[words[a]] > counts[words[b]]
		}
		return words[a] < words[b]
	})
	words = words[:min(len(words), maxCompletions)]
	terms := append([]fieldTerm(nil), q.also...)
	for _, w := range words {
		for _, f := range q.fields {
			terms = append(terms, fieldTerm{field: f.field, kind: f.kind, term: w, weight: f.boost})
		}
	}
	if counting(options) {
		return countSearcher(ctx, r, terms, options)
	}
	boost := q.boost
	if boost == 0 {
		boost = 1
	}
	return openWordSearcher(ctx, r, terms, boost, options)
}
