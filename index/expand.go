package index

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// expandedQuery finds a pattern — the beginning of a word being typed, a
// prefix (troop*), a wildcard (wo?d) or a close spelling (ukrane~) — as
// the indexed words it stands for, found in the term dictionaries of the
// unstemmed fields, the most frequent first, and scores them together as
// one word with BM25F. (bleve's own pattern searchers score each word
// apart with its BM25, whose statistics depend on what the index has
// deleted but not yet merged away: two indexes of the same files ranked
// such hits differently.) A word of two letters being typed begins hundreds
// of words, most of them not the one the user means, and walking all their
// postings on every key press made search as you type slow: it stands for
// its maxCompletions most frequent words.
type expandedQuery struct {
	kind      clauseKind // kindPrefix, kindWildcard or kindFuzzy
	text      string     // folded; for kindWildcard a regular expression
	fuzziness int
	fields    []weighted
	limit     int // words at most
	// also are the fields and terms of a word being typed, stemmed: they
	// score with its completions, as forms of one word.
	also  []fieldTerm
	boost float64
}

// Expansion limits: the words a word being typed stands for, and any other
// pattern.
const (
	maxCompletions = 12
	maxExpansions  = 256
)

// newCompletion finds the words a word being typed begins.
func newCompletion(prefix string, fields []weighted, also []fieldTerm) *expandedQuery {
	return &expandedQuery{kind: kindPrefix, text: prefix, fields: fields, limit: maxCompletions, also: also, boost: 1}
}

// newPattern finds the words a prefix, wildcard or fuzzy word stands for.
// text is folded as the index folds words, except for a wildcard, given as
// typed with wild, the byte offsets of its wildcards (see unescape).
func newPattern(kind clauseKind, text string, wild []int, fuzziness int, fields []weighted) *expandedQuery {
	q := &expandedQuery{kind: kind, text: text, fuzziness: fuzziness, fields: fields, limit: maxExpansions, boost: 1}
	if kind == kindWildcard {
		q.text = wildcardRegexp(text, wild)
	}
	return q
}

// wildcardRegexp turns a word with wildcards into a regular expression:
// * any letters, ? one; the letters between are folded as the index
// folds words.
func wildcardRegexp(text string, wild []int) string {
	var sb strings.Builder
	last := 0
	for _, w := range wild {
		if w < last || w >= len(text) {
			continue
		}
		sb.WriteString(regexp.QuoteMeta(fold(text[last:w])))
		if text[w] == '*' {
			sb.WriteString(".*")
		} else {
			sb.WriteString(".")
		}
		last = w + 1
	}
	sb.WriteString(regexp.QuoteMeta(fold(text[last:])))
	return sb.String()
}

// SetBoost weighs the word.
func (q *expandedQuery) SetBoost(b float64) { q.boost = b }

// Boost returns the word's weight.
func (q *expandedQuery) Boost() float64 { return q.boost }

// dict returns the dictionary of a field's words that the pattern matches.
func (q *expandedQuery) dict(r bleveindex.IndexReader, field string) (bleveindex.FieldDict, error) {
	switch q.kind {
	case kindFuzzy:
		if fr, ok := r.(bleveindex.IndexReaderFuzzy); ok {
			return fr.FieldDictFuzzy(field, q.text, q.fuzziness, "")
		}
	case kindWildcard:
		if rr, ok := r.(bleveindex.IndexReaderRegexp); ok {
			return rr.FieldDictRegexp(field, q.text)
		}
	default:
		return r.FieldDictPrefix(field, []byte(q.text))
	}
	return nil, fmt.Errorf("the index cannot look up %q", q.text)
}

// Searcher finds the words in the term dictionaries and opens their
// postings.
func (q *expandedQuery) Searcher(ctx context.Context, r bleveindex.IndexReader, _ mapping.IndexMapping,
	options search.SearcherOptions) (search.Searcher, error) {
	counts := map[string]uint64{}
	for _, f := range q.fields {
		dict, err := q.dict(r, f.field)
		if err != nil {
			return nil, fmt.Errorf("look up %q in %s: %w", q.text, f.field, err)
		}
		for {
			e, err := dict.Next()
			if err != nil {
				_ = dict.Close()
				return nil, fmt.Errorf("look up %q in %s: %w", q.text, f.field, err)
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
	words = words[:min(len(words), q.limit)]
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
