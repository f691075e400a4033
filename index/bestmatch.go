package index

import (
	"context"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// Best-match ranking. The plain words of a query are not all required: a
// section that has some of them is a candidate. Each word is a group of
// queries (its BM25F word query over the fields, a prefix while it is being
// typed, a phrase when it is several tokens); a section scores the sum of
// its words' scores. Sections with every word come first (see
// rankedSearch), then the others, each tier by score.

// wordGroup is one clause of a query: the alternatives that find it, any of
// which counts, and what is needed to say whether a hit has it.
type wordGroup struct {
	alts []query.Query
	// words are the BM25F queries among alts: their terms and weights
	// place the word in a section's text for the proximity bonus.
	words []*wordQuery
	// terms are the fields and terms whose locations in a section are
	// this word.
	terms []fieldTerm
	// prefixes are the folded beginnings the word matches while typed, or
	// as word*.
	prefixes []string
	// fuzzy is set for words matched by edit distance or a wildcard: a hit
	// may have them in forms the query does not spell out.
	fuzzy bool
	// text is the clause as typed.
	text string
	// spelled is the word as typed, for "did you mean", when the clause is
	// one plain word.
	spelled spelled
	// stopOnly is set when every word of the clause is a stop word, so it
	// is searched unstemmed.
	stopOnly bool
	// filter is set for a clause that keeps sections by what their
	// briefing is: tag:, folder:, lang:, date:.
	filter bool
}

// rankedQuery is a query ready to run: best-match words, required clauses
// and filters, excluded clauses.
type rankedQuery struct {
	groups []wordGroup
	// extra are words found by feedback (expandQuery): they add to the
	// score of a section that matches, and match nothing on their own.
	extra   []wordGroup
	must    []wordGroup
	filters []query.Query
	not     []wordGroup
	// tags are the tags of Request.Tags, among the filters.
	tags []string
}

// empty reports whether nothing is searched for.
func (rq *rankedQuery) empty() bool {
	return len(rq.groups) == 0 && len(rq.must) == 0 && len(rq.filters) == 0
}

// tiered reports whether sections with every word are ranked apart.
func (rq *rankedQuery) tiered() bool { return len(rq.groups) > 1 }

// some matches sections with at least one word (or with none, when the
// query has only required clauses), and every required clause.
func (rq *rankedQuery) some() query.Query {
	return rq.build(rq.withExtra(sumQuery(rq.groups)), nil)
}

// every matches sections with every word and every required clause.
func (rq *rankedQuery) every() query.Query {
	return rq.build(rq.withExtra(rq.allWords()), nil)
}

// partial matches sections with some words but not all of them.
func (rq *rankedQuery) partial() query.Query {
	return rq.build(rq.withExtra(sumQuery(rq.groups)), rq.allWords())
}

// located matches as some does, without the words found by feedback: the
// locations of its matches are those of the query's own words, the ones to
// highlight.
func (rq *rankedQuery) located() query.Query {
	return rq.build(sumQuery(rq.groups), nil)
}

// withExtra adds the score of the feedback words to that of words.
func (rq *rankedQuery) withExtra(words query.Query) query.Query {
	ex := sumQuery(rq.extra)
	if words == nil || ex == nil {
		return words
	}
	return query.NewBooleanQuery([]query.Query{words}, []query.Query{ex}, nil)
}

// counted matches the sections some matches, for counting only (in a
// search with Score "none"): a plain disjunction, which bleve walks as one
// union of posting lists when its parts are term searchers, as word and
// completion queries are when counting.
func (rq *rankedQuery) counted() query.Query {
	var alts []query.Query
	for _, g := range rq.groups {
		alts = append(alts, g.alts...)
	}
	var words query.Query
	if len(alts) > 0 {
		words = disjunction(alts)
	}
	return rq.build(words, nil)
}

// allWords requires every word, scoring the sum of their scores.
func (rq *rankedQuery) allWords() query.Query {
	if len(rq.groups) == 0 {
		return nil
	}
	var each []query.Query
	for _, g := range rq.groups {
		each = append(each, sumQuery([]wordGroup{g}))
	}
	if len(each) == 1 {
		return each[0]
	}
	return query.NewConjunctionQuery(each)
}

// build combines words with the required, filtering and excluded clauses.
// exclude, if not nil, is excluded too.
func (rq *rankedQuery) build(words, exclude query.Query) query.Query {
	var must []query.Query
	if words != nil {
		must = append(must, words)
	}
	for _, g := range rq.must {
		if g.filter {
			// A filter's score is the same for every section that has
			// it: a plain disjunction is cheaper than a sum.
			must = append(must, disjunction(g.alts))
		} else {
			must = append(must, sumQuery([]wordGroup{g}))
		}
	}
	must = append(must, rq.filters...)
	var not []query.Query
	for _, g := range rq.not {
		not = append(not, disjunction(g.alts))
	}
	if exclude != nil {
		not = append(not, exclude)
	}
	switch {
	case len(must) == 0:
		if len(not) == 0 {
			return nil
		}
		must = []query.Query{query.NewMatchAllQuery()}
	case len(must) == 1 && len(not) == 0:
		return must[0]
	}
	return query.NewBooleanQuery(must, nil, not)
}

// sumQuery matches sections with any alternative of any group, scoring
// the sum of the scores of the alternatives that match. (bleve's
// disjunction would scale that by the share of alternatives matched, which
// counts a word found in the body alone as a third of a word.) It returns
// nil for no groups.
func sumQuery(groups []wordGroup) query.Query {
	var disjuncts []query.Query
	for _, g := range groups {
		disjuncts = append(disjuncts, g.alts...)
	}
	switch len(disjuncts) {
	case 0:
		return nil
	case 1:
		return disjuncts[0]
	}
	inner := query.NewDisjunctionQuery(disjuncts)
	inner.SetMin(1)
	inner.RetrieveScoreBreakdown(true)
	return &sumOf{inner: inner}
}

// sumOf is the query of sumQuery: bleve's disjunction asked for the score
// of each alternative, which sumSearcher adds up.
type sumOf struct {
	inner *query.DisjunctionQuery
}

// Searcher returns the disjunction's searcher, summing.
func (q *sumOf) Searcher(ctx context.Context, r bleveindex.IndexReader, m mapping.IndexMapping,
	options search.SearcherOptions) (search.Searcher, error) {
	s, err := q.inner.Searcher(ctx, r, m, options)
	if err != nil {
		return nil, err
	}
	return &sumSearcher{Searcher: s}, nil
}

// sumSearcher sets each match's score to the sum of its alternatives'.
type sumSearcher struct {
	search.Searcher
}

// Next returns the next match.
func (s *sumSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	dm, err := s.Searcher.Next(ctx)
	return sum(dm), err
}

// Advance returns the first match at or after id.
func (s *sumSearcher) Advance(ctx *search.SearchContext, id bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	dm, err := s.Searcher.Advance(ctx, id)
	return sum(dm), err
}

func sum(dm *search.DocumentMatch) *search.DocumentMatch {
	if dm == nil || dm.ScoreBreakdown == nil {
		return dm
	}
	total := 0.0
	for _, v := range dm.ScoreBreakdown {
		total += v
	}
	clear(dm.ScoreBreakdown)
	dm.Score = total
	return dm
}
