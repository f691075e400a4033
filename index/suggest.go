package index

import (
	"context"
	"sort"
	"strings"
	"unicode/utf8"

	bleveindex "github.com/blevesearch/bleve_index_api"
)

// "Did you mean": a word of the query that no section has is replaced by
// the closest word the index has, found in the term dictionaries of the
// unstemmed fields within one or two edits, the most frequent of the
// closest first.

// suggestFields are the dictionaries searched for a replacement.
var suggestFields = []string{fieldBodyX, fieldHeadingX, fieldTitleX}

// spelled is a word of the query as the unstemmed fields index it, and
// where it stands in the query.
type spelled struct {
	term     string
	pos, end int
	// forms are the word's stemmed forms: a word found only in another
	// form ("troop" for "troops") is known.
	forms []fieldTerm
}

// suggest returns the query with its unknown words replaced, or "" when
// every word is known or none has a close neighbour.
func (ix *Index) suggest(q string, rq *rankedQuery) string {
	var words []spelled
	for _, g := range append(append([]wordGroup(nil), rq.groups...), rq.must...) {
		if g.spelled.term != "" {
			words = append(words, g.spelled)
		}
	}
	if len(words) == 0 {
		return ""
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	var readers []bleveindex.IndexReader
	for _, p := range ix.parts {
		if p.idx == nil {
			continue
		}
		adv, err := p.idx.Advanced()
		if err != nil {
			continue
		}
		r, err := adv.Reader()
		if err != nil {
			continue
		}
		defer r.Close()
		readers = append(readers, r)
	}
	sort.Slice(words, func(a, b int) bool { return words[a].pos < words[b].pos })
	var sb strings.Builder
	last, changed := 0, false
	for _, w := range words {
		if w.pos < last || w.end > len(q) || known(readers, w) {
			continue
		}
		if better := closest(readers, w.term); better != "" {
			sb.WriteString(q[last:w.pos])
			sb.WriteString(better)
			last, changed = w.end, true
		}
	}
	if !changed {
		return ""
	}
	sb.WriteString(q[last:])
	return sb.String()
}

// known reports whether any section has the word, in any form.
func known(readers []bleveindex.IndexReader, w spelled) bool {
	forms := w.forms
	for _, f := range suggestFields {
		forms = append(forms, fieldTerm{field: f, term: w.term})
	}
	for _, r := range readers {
		for _, f := range forms {
			tfr, err := r.TermFieldReader(context.Background(), []byte(f.term), f.field, false, false, false)
			if err != nil {
				return true // cannot tell: suggest nothing
			}
			n := tfr.Count()
			_ = tfr.Close()
			if n > 0 {
				return true
			}
		}
	}
	return false
}

// closest returns the indexed word nearest to term, or "".
func closest(readers []bleveindex.IndexReader, term string) string {
	fuzziness := 2
	switch n := utf8.RuneCountInString(term); {
	case n < 3:
		return ""
	case n < 6:
		fuzziness = 1
	}
	best, bestDist, bestCount := "", 3, uint64(0)
	for _, r := range readers {
		fr, ok := r.(bleveindex.IndexReaderFuzzy)
		if !ok {
			continue
		}
		for _, f := range suggestFields {
			dict, err := fr.FieldDictFuzzy(f, term, fuzziness, "")
			if err != nil {
				continue
			}
			for {
				e, err := dict.Next()
				if err != nil || e == nil {
					break
				}
				d := int(e.EditDistance)
				if d == 0 {
					continue
				}
				if d < bestDist || d == bestDist && (e.Count > bestCount || e.Count == bestCount && e.Term < best) {
					best, bestDist, bestCount = e.Term, d, e.Count
				}
			}
			_ = dict.Close()
		}
	}
	return best
}
