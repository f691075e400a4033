package index

import (
	"context"
	"fmt"
	"slices"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Sorting by date. bleve sorts by reading the sort field of every match,
// which on a broad query over 10,000 briefings takes several frames. The
// newest hits are all in the newest months that have matches, so a broad
// query is first sorted within its newest (or oldest) month, then within
// two, four... months, until a window holds the page; only when every
// month together does not, are all the matches sorted (those without a
// date come last). A window is terms of the month field: bleve walks only
// the matches in it.

// windowFrom is the number of matches from which a date sort goes by
// windows of years. (A variable for tests.)
var windowFrom uint64 = 2000

// sortedSearch returns the candidates offset..offset+limit in the order
// asked for, with the number of matching sections.
func (ix *Index) sortedSearch(ctx context.Context, rq *rankedQuery, order string, offset, limit int) ([]candidate, uint64, error) {
	var by search.SortOrder
	switch order {
	case SortNewest, SortOldest:
		by = search.SortOrder{
			&search.SortField{Field: fieldDate, Desc: order == SortNewest, Type: search.SortFieldAsDate, Missing: search.SortFieldMissingLast},
			&search.SortScore{Desc: true},
		}
	case SortTitle:
		by = search.SortOrder{
			&search.SortField{Field: fieldTitleSort, Type: search.SortFieldAsString},
			&search.SortField{Field: fieldOrdinal, Type: search.SortFieldAsNumber},
		}
	default:
		return nil, 0, fmt.Errorf("search: %q is not an order; use relevance, newest, oldest or title", order)
	}
	sorted := func(q query.Query) (*bleve.SearchResult, error) {
		sreq := bleve.NewSearchRequestOptions(q, limit, offset, false)
		sreq.SortByCustom(by)
		return ix.run(ctx, sreq)
	}
	if order != SortTitle {
		count := bleve.NewSearchRequestOptions(rq.counted(), 0, 0, false)
		count.Score = "none"
		res, err := ix.run(ctx, count)
		if err != nil {
			return nil, 0, err
		}
		if total := res.Total; total >= windowFrom {
			months := ix.months()
			if order == SortNewest {
				slices.Reverse(months)
			}
			need := uint64(offset + limit)
			for k := 1; k < len(months); k *= 2 {
				var terms []query.Query
				for _, m := range months[:k] {
					terms = append(terms, termQuery(fieldMonth, m, 0))
				}
				windowed := query.NewConjunctionQuery([]query.Query{rq.some(), disjunction(terms)})
				res, err := sorted(windowed)
				if err != nil {
					return nil, 0, err
				}
				if res.Total >= need {
					return tierOf(res.Hits, 0), total, nil
				}
			}
		}
	}
	res, err := sorted(rq.some())
	if err != nil {
		return nil, 0, err
	}
	return tierOf(res.Hits, 0), res.Total, nil
}

// months returns the months of the briefings in the index, in order.
func (ix *Index) months() []string {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	seen := map[string]bool{}
	for _, p := range ix.parts {
		if p.idx == nil {
			continue
		}
		dict, err := p.idx.FieldDict(fieldMonth)
		if err != nil {
			continue
		}
		for {
			e, err := dict.Next()
			if err != nil || e == nil {
				break
			}
			seen[e.Term] = true
		}
		dict.Close()
	}
	out := make([]string, 0, len(seen))
	for y := range seen {
		out = append(out, y)
	}
	slices.Sort(out)
	return out
}
