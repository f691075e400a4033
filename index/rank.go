package index

import (
	"context"
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Ranking by relevance, in three steps:
//
//  1. Sections with every word of the query, best first; then, if the page
//     is not full, sections with some of the words (rankedQuery.every,
//     partial). A short keyword query finds its best sections in the first
//     tier alone, and the partial matches are only counted.
//  2. The best rerankDepth sections of each tier get a bonus for the words
//     of the query standing close together (proximity), computed from the
//     positions of the words in each section.
//  3. The page of hits asked for gets its stored fields and snippets.

// rerankDepth is how many sections of each tier the proximity bonus
// reorders.
var rerankDepth = 50

// candidate is a section found in the first step.
type candidate struct {
	dm   *search.DocumentMatch
	tier int // 0: every word; 1: some of them
}

// rankedSearch returns the candidates up to offset+limit in rank order,
// with the number of sections that match at all.
func (ix *Index) rankedSearch(ctx context.Context, rq *rankedQuery, offset, limit int) ([]candidate, uint64, error) {
	need := offset + limit
	depth := max(need, rerankDepth)
	if !rq.tiered() {
		res, err := ix.run(ctx, bleve.NewSearchRequestOptions(rq.some(), depth, 0, false))
		if err != nil {
			return nil, 0, err
		}
		return ix.rerank(ctx, rq, tierOf(res.Hits, 0)), res.Total, nil
	}
	every, err := ix.run(ctx, bleve.NewSearchRequestOptions(rq.every(), depth, 0, false))
	if err != nil {
		return nil, 0, err
	}
	cands := tierOf(every.Hits, 0)
	if len(every.Hits) >= need {
		// The page is full of sections with every word: the others
		// are only counted.
		count := bleve.NewSearchRequestOptions(rq.counted(), 0, 0, false)
		count.Score = "none"
		res, err := ix.run(ctx, count)
		if err != nil {
			return nil, 0, err
		}
		return ix.rerank(ctx, rq, cands), max(res.Total, every.Total), nil
	}
	partial, err := ix.run(ctx, bleve.NewSearchRequestOptions(rq.partial(), max(need-len(every.Hits), rerankDepth), 0, false))
	if err != nil {
		return nil, 0, err
	}
	cands = append(cands, tierOf(partial.Hits, 1)...)
	return ix.rerank(ctx, rq, cands), every.Total + partial.Total, nil
}

func tierOf(hits search.DocumentMatchCollection, tier int) []candidate {
	out := make([]candidate, len(hits))
	for i, dm := range hits {
		out[i] = candidate{dm: dm, tier: tier}
	}
	return out
}

// rerank adds the proximity bonus to the best rerankDepth candidates of
// each tier and sorts them again within their tier.
func (ix *Index) rerank(ctx context.Context, rq *rankedQuery, cands []candidate) []candidate {
	if len(rq.groups) < 2 {
		return cands
	}
	var ids []string
	counts := map[int]int{}
	for _, c := range cands {
		if counts[c.tier] < rerankDepth {
			counts[c.tier]++
			ids = append(ids, c.dm.ID)
		}
	}
	req := bleve.NewSearchRequestOptions(query.NewConjunctionQuery([]query.Query{rq.located(), bleve.NewDocIDQuery(ids)}), len(ids), 0, false)
	req.IncludeLocations = true
	req.Score = "none"
	res, err := ix.run(ctx, req)
	if err != nil {
		return cands // the order without the bonus is still a good one
	}
	located := make(map[string]search.FieldTermLocationMap, len(res.Hits))
	for _, dm := range res.Hits {
		located[dm.ID] = dm.Locations
	}
	prox := newProximity(rq.groups)
	for _, c := range cands {
		if locs, ok := located[c.dm.ID]; ok {
			c.dm.Score += prox.score(locs)
		}
	}
	sort.SliceStable(cands, func(a, b int) bool {
		ca, cb := cands[a], cands[b]
		if ca.tier != cb.tier {
			return ca.tier < cb.tier
		}
		_, ra := located[ca.dm.ID]
		_, rb := located[cb.dm.ID]
		if ra != rb {
			return ra // reranked candidates keep their place before the rest
		}
		return ca.dm.Score > cb.dm.Score
	})
	return cands
}

// missingWords returns the words of a tiered query that a section found in
// the second tier does not have, as typed.
func missingWords(rq *rankedQuery, locs search.FieldTermLocationMap) []string {
	var missing []string
	for _, g := range rq.groups {
		if !groupFound(g, locs) {
			missing = append(missing, g.text)
		}
	}
	return missing
}

func groupFound(g wordGroup, locs search.FieldTermLocationMap) bool {
	if g.fuzzy {
		return true // its forms are not spelled out: assume it is there
	}
	for _, t := range g.terms {
		if len(locs[t.field][t.term]) > 0 {
			return true
		}
	}
	for _, prefix := range g.prefixes {
		for field, terms := range locs {
			if !strings.HasSuffix(field, "_x") && field != fieldAuthor {
				continue
			}
			for term := range terms {
				if strings.HasPrefix(term, prefix) {
					return true
				}
			}
		}
	}
	return false
}
