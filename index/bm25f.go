package index

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// BM25F scoring of one word over several fields.
//
// bleve's own BM25 is not the textbook formula: it takes the square root of
// the term frequency, and it estimates a field's average length as the
// number of distinct terms in the field divided by the number of documents
// (BENCHMARKS.md, "Ranking"), which makes long sections score far too low.
// It also scores each field on its own, so a word in the title, a heading
// and the body counts three times at full weight. wordQuery reads the
// postings itself and scores a word once per section: its frequencies in
// the fields, each weighed and normalized by the field's length against the
// field's average (fieldStats), are added up and saturated together
// (Robertson, Zaragoza and Taylor, "Simple BM25 extension to multiple
// weighted fields", 2004).

// BM25F parameters.
var (
	bm25K1 = 1.2
	// bm25B is the length normalization of each kind of field. Titles and
	// headings are short and nearly all alike: their length says little.
	bm25B = map[fieldKind]float64{kindTitle: 0.5, kindHeading: 0.5, kindBody: 0.75}
)

// fieldKind says which part of a section a field holds.
type fieldKind int

const (
	kindTitle fieldKind = iota
	kindHeading
	kindBody
)

// fieldTerm is a word as one field indexes it: the analyzed term, and the
// weight of a match in that field.
type fieldTerm struct {
	field  string
	kind   fieldKind
	term   string
	weight float64
}

// wordQuery finds a word in any of its fields and scores it with BM25F.
// It implements bleve's query.Query.
type wordQuery struct {
	terms []fieldTerm
	boost float64
	// idf is the inverse document frequency the last search computed
	// (math.Float64bits), for the proximity bonus.
	idf atomic.Uint64
}

func newWordQuery(terms []fieldTerm) *wordQuery {
	return &wordQuery{terms: terms, boost: 1}
}

// lastIDF returns the word's inverse document frequency in the last index
// searched, or 1 before any search.
func (q *wordQuery) lastIDF() float64 {
	if bits := q.idf.Load(); bits != 0 {
		return math.Float64frombits(bits)
	}
	return 1
}

// SetBoost weighs the word.
func (q *wordQuery) SetBoost(b float64) { q.boost = b }

// Boost returns the word's weight.
func (q *wordQuery) Boost() float64 { return q.boost }

// Searcher opens the postings of the word in each field.
func (q *wordQuery) Searcher(ctx context.Context, r bleveindex.IndexReader, _ mapping.IndexMapping,
	options search.SearcherOptions) (search.Searcher, error) {
	if counting(options) {
		return countSearcher(ctx, r, q.terms, options)
	}
	s, err := openWordSearcher(ctx, r, q.terms, q.boost, options)
	if err != nil {
		return nil, err
	}
	q.idf.Store(math.Float64bits(s.idf))
	return s, nil
}

// counting reports whether a search only counts matches: no scores, no
// locations.
func counting(options search.SearcherOptions) bool {
	return options.Score == "none" && !options.IncludeTermVectors
}

// countSearcher finds the sections with any of terms without scoring
// them: bleve turns a disjunction of plain term searchers into one union
// of posting lists, many times faster to walk.
func countSearcher(ctx context.Context, r bleveindex.IndexReader, terms []fieldTerm,
	options search.SearcherOptions) (search.Searcher, error) {
	list := make([]search.Searcher, 0, len(terms))
	for _, t := range terms {
		ts, err := searcher.NewTermSearcher(ctx, r, t.term, t.field, 1, options)
		if err != nil {
			for _, s := range list {
				_ = s.Close()
			}
			return nil, fmt.Errorf("read the postings of %q in %s: %w", t.term, t.field, err)
		}
		list = append(list, ts)
	}
	if len(list) == 1 {
		return list[0], nil
	}
	return searcher.NewDisjunctionSearcher(ctx, r, list, 1, options)
}

// openWordSearcher opens the postings of terms, one word in several fields
// or forms.
func openWordSearcher(ctx context.Context, r bleveindex.IndexReader, terms []fieldTerm, boost float64,
	options search.SearcherOptions) (*wordSearcher, error) {
	stats := readFieldStats(r)
	s := &wordSearcher{boost: boost, vectors: options.IncludeTermVectors, score: options.Score != "none"}
	var df uint64
	for _, t := range terms {
		tr, err := r.TermFieldReader(ctx, []byte(t.term), t.field, true, true, options.IncludeTermVectors)
		if err != nil {
			_ = s.Close()
			return nil, fmt.Errorf("read the postings of %q in %s: %w", t.term, t.field, err)
		}
		if tr.Count() == 0 {
			_ = tr.Close()
			continue
		}
		df = max(df, tr.Count())
		s.postings = append(s.postings, &posting{reader: tr, term: t.term, weight: t.weight,
			b: bm25B[t.kind], avgLen: stats.avgLen(t.field, t.kind)})
	}
	n := stats.Sections
	if n == 0 {
		if count, err := r.DocCount(); err == nil {
			n = float64(count)
		}
	}
	n = max(n, float64(df))
	s.idf = math.Log(1 + (n-float64(df)+0.5)/(float64(df)+0.5))
	return s, nil
}

// wordSearcher walks the union of a word's postings in document order. The
// postings not at their end are kept in a heap by their current document.
type wordSearcher struct {
	postings []*posting
	heap     []*posting
	done     []*posting // moved past the current match
	idf      float64
	boost    float64
	vectors  bool
	score    bool
	started  bool
}

// start reads the first document of every posting, or the first at or
// after id when id is not nil.
func (s *wordSearcher) start(id bleveindex.IndexInternalID) error {
	s.started = true
	for _, p := range s.postings {
		var err error
		if id == nil {
			err = p.next()
		} else {
			err = p.advance(id)
		}
		if err != nil {
			return err
		}
		if p.curr != nil {
			s.push(p)
		}
	}
	return nil
}

// Next returns the next section with the word.
func (s *wordSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	if !s.started {
		if err := s.start(nil); err != nil {
			return nil, err
		}
	}
	return s.match(ctx)
}

// Advance returns the first section with the word at or after id.
func (s *wordSearcher) Advance(ctx *search.SearchContext, id bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	if !s.started {
		if err := s.start(id); err != nil {
			return nil, err
		}
		return s.match(ctx)
	}
	target := docKey(id)
	for len(s.heap) > 0 && (s.heap[0].key < target || s.heap[0].key == target && bytes.Compare(s.heap[0].curr.ID, id) < 0) {
		p := s.pop()
		if err := p.advance(id); err != nil {
			return nil, err
		}
		if p.curr != nil {
			s.push(p)
		}
	}
	return s.match(ctx)
}

// match scores the section at the top of the heap, and moves the postings
// that were on it forward.
func (s *wordSearcher) match(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	if len(s.heap) == 0 {
		return nil, nil
	}
	rv := ctx.DocumentMatchPool.Get()
	rv.IndexInternalID = append(rv.IndexInternalID[:0], s.heap[0].curr.ID...)
	key := s.heap[0].key
	tf := 0.0
	s.done = s.done[:0]
	for len(s.heap) > 0 && s.heap[0].key == key && bytes.Equal(s.heap[0].curr.ID, rv.IndexInternalID) {
		p := s.pop()
		length := 1.0
		if p.curr.Norm > 0 {
			length = 1 / (p.curr.Norm * p.curr.Norm)
		}
		tf += p.weight * float64(p.curr.Freq) / (1 - p.b + p.b*length/p.avgLen)
		if s.vectors {
			for _, v := range p.curr.Vectors {
				rv.FieldTermLocations = append(rv.FieldTermLocations, search.FieldTermLocation{
					Field: v.Field, Term: p.term,
					Location: search.Location{Pos: v.Pos, Start: v.Start, End: v.End,
						ArrayPositions: append(search.ArrayPositions(nil), v.ArrayPositions...)},
				})
			}
		}
		if err := p.next(); err != nil {
			ctx.DocumentMatchPool.Put(rv)
			return nil, err
		}
		if p.curr != nil {
			s.done = append(s.done, p) // back in the heap after the loop
		}
	}
	for _, p := range s.done {
		s.push(p)
	}
	if s.score {
		rv.Score = s.boost * s.idf * tf * (bm25K1 + 1) / (bm25K1 + tf)
	}
	return rv, nil
}

// push adds a posting to the heap.
func (s *wordSearcher) push(p *posting) {
	s.heap = append(s.heap, p)
	i := len(s.heap) - 1
	for i > 0 {
		parent := (i - 1) / 2
		if !s.heap[i].before(s.heap[parent]) {
			break
		}
		s.heap[parent], s.heap[i] = s.heap[i], s.heap[parent]
		i = parent
	}
}

// pop removes the posting with the lowest current document.
func (s *wordSearcher) pop() *posting {
	top := s.heap[0]
	last := len(s.heap) - 1
	s.heap[0] = s.heap[last]
	s.heap = s.heap[:last]
	i := 0
	for {
		l, r, low := 2*i+1, 2*i+2, i
		if l < last && s.heap[l].before(s.heap[low]) {
			low = l
		}
		if r < last && s.heap[r].before(s.heap[low]) {
			low = r
		}
		if low == i {
			return top
		}
		s.heap[i], s.heap[low] = s.heap[low], s.heap[i]
		i = low
	}
}

// Close closes the postings.
func (s *wordSearcher) Close() error { return closePostings(s.postings) }

// Weight is the searcher's share in bleve's query norm, which wordSearcher
// does not use: its scores do not depend on the other words of a query.
func (s *wordSearcher) Weight() float64 { return 1 }

// SetQueryNorm ignores the query norm (see Weight).
func (s *wordSearcher) SetQueryNorm(float64) {}

// Count estimates the number of matches.
func (s *wordSearcher) Count() uint64 {
	var n uint64
	for _, p := range s.postings {
		n = max(n, p.reader.Count())
	}
	return n
}

// Min is 0: any match counts.
func (s *wordSearcher) Min() int { return 0 }

// DocumentMatchPoolSize is 1: one match is held at a time.
func (s *wordSearcher) DocumentMatchPoolSize() int { return 1 }

// Size estimates the searcher's memory.
func (s *wordSearcher) Size() int { return 64 + postingsSize(s.postings) }
