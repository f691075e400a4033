package index

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
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

// termQueries are bleve's term queries for the word in each field.
func (q *wordQuery) termQueries() []query.Query {
	out := make([]query.Query, len(q.terms))
	for i, t := range q.terms {
		out[i] = termQuery(t.field, t.term, t.weight)
	}
	return out
}

// SetBoost weighs the word.
func (q *wordQuery) SetBoost(b float64) { q.boost = b }

// Boost returns the word's weight.
func (q *wordQuery) Boost() float64 { return q.boost }

// Searcher opens the postings of the word in each field.
func (q *wordQuery) Searcher(ctx context.Context, r bleveindex.IndexReader, _ mapping.IndexMapping,
	options search.SearcherOptions) (search.Searcher, error) {
	stats := readFieldStats(r)
	s := &wordSearcher{boost: q.boost, vectors: options.IncludeTermVectors, score: options.Score != "none"}
	var df uint64
	for _, t := range q.terms {
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
		b := bm25B[t.kind]
		s.postings = append(s.postings, posting{reader: tr, term: t.term, weight: t.weight,
			b: b, avgLen: stats.avgLen(t.field, t.kind)})
	}
	n := stats.Sections
	if n == 0 {
		if count, err := r.DocCount(); err == nil {
			n = float64(count)
		}
	}
	n = max(n, float64(df))
	s.idf = math.Log(1 + (n-float64(df)+0.5)/(float64(df)+0.5))
	q.idf.Store(math.Float64bits(s.idf))
	return s, nil
}

// posting is one field's postings of the word.
type posting struct {
	reader bleveindex.TermFieldReader
	term   string
	weight float64
	b      float64
	avgLen float64
	curr   *bleveindex.TermFieldDoc // nil before the first read and at the end
	buf    bleveindex.TermFieldDoc
	done   bool
}

// wordSearcher walks the union of a word's postings in document order.
type wordSearcher struct {
	postings []posting
	idf      float64
	boost    float64
	vectors  bool
	score    bool
	started  bool
}

func (s *wordSearcher) start() error {
	s.started = true
	for i := range s.postings {
		if err := s.postings[i].next(); err != nil {
			return err
		}
	}
	return nil
}

func (p *posting) next() error {
	tfd, err := p.reader.Next(p.buf.Reset())
	if err != nil {
		return fmt.Errorf("read the postings of %q: %w", p.term, err)
	}
	p.curr, p.done = tfd, tfd == nil
	return nil
}

func (p *posting) advance(id bleveindex.IndexInternalID) error {
	tfd, err := p.reader.Advance(id, p.buf.Reset())
	if err != nil {
		return fmt.Errorf("read the postings of %q: %w", p.term, err)
	}
	p.curr, p.done = tfd, tfd == nil
	return nil
}

// Next returns the next section with the word.
func (s *wordSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	if !s.started {
		if err := s.start(); err != nil {
			return nil, err
		}
	}
	return s.match(ctx)
}

// Advance returns the first section with the word at or after id.
func (s *wordSearcher) Advance(ctx *search.SearchContext, id bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	s.started = true
	for i := range s.postings {
		p := &s.postings[i]
		if p.done || p.curr != nil && bytes.Compare(p.curr.ID, id) >= 0 {
			continue
		}
		if err := p.advance(id); err != nil {
			return nil, err
		}
	}
	return s.match(ctx)
}

// match scores the section at the lowest current position of the
// postings, and moves the postings that were on it forward.
func (s *wordSearcher) match(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	var low bleveindex.IndexInternalID
	for i := range s.postings {
		if p := &s.postings[i]; !p.done && (low == nil || bytes.Compare(p.curr.ID, low) < 0) {
			low = p.curr.ID
		}
	}
	if low == nil {
		return nil, nil
	}
	rv := ctx.DocumentMatchPool.Get()
	rv.IndexInternalID = append(rv.IndexInternalID[:0], low...)
	tf := 0.0
	for i := range s.postings {
		p := &s.postings[i]
		if p.done || !bytes.Equal(p.curr.ID, rv.IndexInternalID) {
			continue
		}
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
	}
	if s.score {
		rv.Score = s.boost * s.idf * tf * (bm25K1 + 1) / (bm25K1 + tf)
	}
	return rv, nil
}

// Close closes the postings.
func (s *wordSearcher) Close() error {
	var first error
	for i := range s.postings {
		if err := s.postings[i].reader.Close(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// Weight is the searcher's share in bleve's query norm, which wordSearcher
// does not use: its scores do not depend on the other words of a query.
func (s *wordSearcher) Weight() float64 { return 1 }

// SetQueryNorm ignores the query norm (see Weight).
func (s *wordSearcher) SetQueryNorm(float64) {}

// Count estimates the number of matches.
func (s *wordSearcher) Count() uint64 {
	var n uint64
	for i := range s.postings {
		n = max(n, s.postings[i].reader.Count())
	}
	return n
}

// Min is 0: any match counts.
func (s *wordSearcher) Min() int { return 0 }

// DocumentMatchPoolSize is 1: one match is held at a time.
func (s *wordSearcher) DocumentMatchPoolSize() int { return 1 }

// Size estimates the searcher's memory.
func (s *wordSearcher) Size() int {
	n := 64
	for i := range s.postings {
		n += 96 + s.postings[i].reader.Size()
	}
	return n
}
