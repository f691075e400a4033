package index

import (
	"context"
	"fmt"
	"math"
	"sort"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// phraseQuery finds words next to each other, in order, in one field, and
// scores the phrase with BM25 as if it were one word. (bleve's phrase
// searcher builds maps of every match's term locations to check the
// order: most of the time of a phrase search went there.)
type phraseQuery struct {
	field  string
	kind   fieldKind
	weight float64
	// slots are the words of the phrase by position: any of a slot's
	// terms fills it; an empty slot (a stop word left out) takes any word.
	slots [][]string
}

// SetBoost weighs the phrase.
func (q *phraseQuery) SetBoost(b float64) { q.weight = b }

// Boost returns the phrase's weight.
func (q *phraseQuery) Boost() float64 { return q.weight }

// Searcher opens the postings, with positions, of the phrase's words.
func (q *phraseQuery) Searcher(ctx context.Context, r bleveindex.IndexReader, _ mapping.IndexMapping,
	options search.SearcherOptions) (search.Searcher, error) {
	stats := readFieldStats(r)
	n := stats.Sections
	if n == 0 {
		if count, err := r.DocCount(); err == nil {
			n = float64(count)
		}
	}
	s := &phraseSearcher{weight: q.weight, vectors: options.IncludeTermVectors, score: options.Score != "none",
		b: bm25B[q.kind], avgLen: stats.avgLen(q.field, q.kind)}
	for offset, slot := range q.slots {
		if len(slot) == 0 {
			continue
		}
		ps := &phraseSlot{offset: uint64(offset)}
		var df uint64
		for _, term := range slot {
			tr, err := r.TermFieldReader(ctx, []byte(term), q.field, true, true, true)
			if err != nil {
				_ = s.Close()
				return nil, fmt.Errorf("read the postings of %q in %s: %w", term, q.field, err)
			}
			df += tr.Count()
			ps.terms = append(ps.terms, &posting{reader: tr, term: term})
		}
		s.slots = append(s.slots, ps)
		if df > 0 {
			s.idf += math.Log(1 + (max(n, float64(df))-float64(df)+0.5)/(float64(df)+0.5))
		}
	}
	return s, nil
}

// phraseSlot is one word of a phrase: the postings of its terms, and its
// place in the phrase.
type phraseSlot struct {
	offset uint64
	terms  []*posting
	key    uint64 // the lowest current document among terms; math.MaxUint64 at the end
	done   bool
}

// phraseSearcher walks the documents that have every word of a phrase and
// keeps those where they stand in order.
type phraseSearcher struct {
	slots   []*phraseSlot
	weight  float64
	idf     float64
	b       float64
	avgLen  float64
	vectors bool
	score   bool
	started bool
	// positions of each slot's words in the current document
	positions [][]uint64
}

// fill moves a slot's terms to their first document at or after key
// (from the start when first), and records the lowest.
func (ps *phraseSlot) fill(key uint64, first bool, id bleveindex.IndexInternalID) error {
	ps.key = math.MaxUint64
	for _, p := range ps.terms {
		if first || p.curr != nil && p.key < key {
			var err error
			if id == nil {
				err = p.next()
			} else {
				err = p.advance(id)
			}
			if err != nil {
				return err
			}
		}
		if p.curr != nil && p.key < ps.key {
			ps.key = p.key
		}
	}
	ps.done = ps.key == math.MaxUint64
	return nil
}

// Next returns the next section with the phrase.
func (s *phraseSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	if !s.started {
		s.started = true
		for _, ps := range s.slots {
			if err := ps.fill(0, true, nil); err != nil {
				return nil, err
			}
		}
	} else if err := s.step(); err != nil {
		return nil, err
	}
	return s.find(ctx)
}

// Advance returns the first section with the phrase at or after id.
func (s *phraseSearcher) Advance(ctx *search.SearchContext, id bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	first := !s.started
	s.started = true
	target := docKey(id)
	for _, ps := range s.slots {
		if first || ps.key < target {
			if err := ps.fill(target, first, id); err != nil {
				return nil, err
			}
		}
	}
	return s.find(ctx)
}

// step moves every slot past the current document.
func (s *phraseSearcher) step() error {
	if len(s.slots) == 0 {
		return nil
	}
	key := s.slots[0].key
	for _, ps := range s.slots {
		for _, p := range ps.terms {
			if p.curr != nil && p.key == key {
				if err := p.next(); err != nil {
					return err
				}
			}
		}
		ps.key = math.MaxUint64
		for _, p := range ps.terms {
			if p.curr != nil && p.key < ps.key {
				ps.key = p.key
			}
		}
		ps.done = ps.key == math.MaxUint64
	}
	return nil
}

// find leapfrogs the slots to a document they all have, and returns it
// when the words stand in order there.
func (s *phraseSearcher) find(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	if len(s.slots) == 0 {
		return nil, nil
	}
	for {
		high := uint64(0)
		for _, ps := range s.slots {
			if ps.done {
				return nil, nil
			}
			high = max(high, ps.key)
		}
		aligned := true
		for _, ps := range s.slots {
			if ps.key < high {
				aligned = false
				var id bleveindex.IndexInternalID
				for _, other := range s.slots {
					if other.key == high {
						id = other.current()
						break
					}
				}
				if err := ps.fill(high, false, id); err != nil {
					return nil, err
				}
			}
		}
		if !aligned {
			continue
		}
		if dm := s.match(ctx); dm != nil {
			return dm, nil
		}
		if err := s.step(); err != nil {
			return nil, err
		}
	}
}

// current returns the id of the slot's current document.
func (ps *phraseSlot) current() bleveindex.IndexInternalID {
	for _, p := range ps.terms {
		if p.curr != nil && p.key == ps.key {
			return p.curr.ID
		}
	}
	return nil
}

// positions returns the sorted positions of the slot's terms in the
// current document.
func (ps *phraseSlot) positions(buf []uint64) []uint64 {
	buf = buf[:0]
	for _, p := range ps.terms {
		if p.curr == nil || p.key != ps.key {
			continue
		}
		for _, v := range p.curr.Vectors {
			buf = append(buf, v.Pos)
		}
	}
	if len(ps.terms) > 1 {
		sort.Slice(buf, func(a, b int) bool { return buf[a] < buf[b] })
	}
	return buf
}

// match counts the places where the words stand in order in the current
// document, and returns it scored, or nil when there are none.
func (s *phraseSearcher) match(ctx *search.SearchContext) *search.DocumentMatch {
	if len(s.positions) != len(s.slots) {
		s.positions = make([][]uint64, len(s.slots))
	}
	for i, ps := range s.slots {
		s.positions[i] = ps.positions(s.positions[i])
	}
	first := s.slots[0]
	matches := 0
	var matched []uint64 // start positions of the matches
	for _, start := range s.positions[0] {
		if start < first.offset {
			continue
		}
		base := start - first.offset
		ok := true
		for j, ps := range s.slots[1:] {
			buf := s.positions[j+1]
			i := sort.Search(len(buf), func(i int) bool { return buf[i] >= base+ps.offset })
			if i == len(buf) || buf[i] != base+ps.offset {
				ok = false
				break
			}
		}
		if ok {
			matches++
			matched = append(matched, base)
		}
	}
	if matches == 0 {
		return nil
	}
	rv := ctx.DocumentMatchPool.Get()
	rv.IndexInternalID = append(rv.IndexInternalID[:0], first.current()...)
	if s.score {
		length := 1.0
		for _, p := range first.terms {
			if p.curr != nil && p.key == first.key && p.curr.Norm > 0 {
				length = 1 / (p.curr.Norm * p.curr.Norm)
			}
		}
		tf := float64(matches) / (1 - s.b + s.b*length/s.avgLen)
		rv.Score = s.weight * s.idf * tf * (bm25K1 + 1) / (bm25K1 + tf)
	}
	if s.vectors {
		s.locate(rv, matched)
	}
	return rv
}

// locate records the locations of the words of the matches, for
// highlighting.
func (s *phraseSearcher) locate(rv *search.DocumentMatch, starts []uint64) {
	want := map[uint64]bool{}
	for _, ps := range s.slots {
		for _, b := range starts {
			want[b+ps.offset] = true
		}
		for _, p := range ps.terms {
			if p.curr == nil || p.key != ps.key {
				continue
			}
			for _, v := range p.curr.Vectors {
				if want[v.Pos] {
					rv.FieldTermLocations = append(rv.FieldTermLocations, search.FieldTermLocation{
						Field: v.Field, Term: p.term,
						Location: search.Location{Pos: v.Pos, Start: v.Start, End: v.End},
					})
				}
			}
		}
		clear(want)
	}
}

// Close closes the postings.
func (s *phraseSearcher) Close() error {
	var first error
	for _, ps := range s.slots {
		if err := closePostings(ps.terms); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// Weight is 1: the query norm is not used (see wordSearcher.Weight).
func (s *phraseSearcher) Weight() float64 { return 1 }

// SetQueryNorm ignores the query norm.
func (s *phraseSearcher) SetQueryNorm(float64) {}

// Count estimates the number of matches: the rarest word's.
func (s *phraseSearcher) Count() uint64 {
	n := uint64(math.MaxUint64)
	for _, ps := range s.slots {
		c := uint64(0)
		for _, p := range ps.terms {
			c += p.reader.Count()
		}
		n = min(n, c)
	}
	if n == math.MaxUint64 {
		return 0
	}
	return n
}

// Min is 0.
func (s *phraseSearcher) Min() int { return 0 }

// DocumentMatchPoolSize is 1.
func (s *phraseSearcher) DocumentMatchPoolSize() int { return 1 }

// Size estimates the searcher's memory.
func (s *phraseSearcher) Size() int {
	n := 64
	for _, ps := range s.slots {
		n += postingsSize(ps.terms)
	}
	return n
}
