package index

import (
	"context"
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Facets count the sections a search matches by what their briefings are:
// the values to filter the search by, most frequent first, with how many
// sections each would leave.
type Facets struct {
	Tags      []FacetCount
	Folders   []FacetCount
	Languages []FacetCount
	Authors   []FacetCount
	Years     []FacetCount
	// Sections counts the matching sections of each briefing asked for
	// (by path), for "+3 more sections" under a briefing's best hit.
	Sections map[string]int
}

// FacetCount is one value of a facet and how many matching sections have
// it.
type FacetCount struct {
	Value string
	Count int
}

// facetSize is how many values of each facet are counted.
const facetSize = 20

// Facets counts the sections a request matches by tag, folder, language,
// author and year, and those of each briefing in paths. It visits every
// match: the search screen asks for it once the hits are shown.
func (ix *Index) Facets(ctx context.Context, req Request, paths []string) (*Facets, error) {
	rq, err := buildQuery(req, ix.languages())
	if err != nil || rq == nil || rq.empty() {
		return &Facets{}, err
	}
	sreq := bleve.NewSearchRequestOptions(rq.counted(), 0, 0, false)
	sreq.Score = "none"
	for name, field := range facetFields {
		sreq.AddFacet(name, bleve.NewFacetRequest(field, facetSize))
	}
	res, err := ix.run(ctx, sreq)
	if err != nil {
		return nil, err
	}
	out := &Facets{
		Tags: facetCounts(res, "tags"), Folders: facetCounts(res, "folders"), Languages: facetCounts(res, "langs"),
		Authors: facetCounts(res, "authors"), Years: facetCounts(res, "years"),
	}
	sort.SliceStable(out.Years, func(i, j int) bool { return out.Years[i].Value > out.Years[j].Value })
	if out.Sections, err = ix.sectionCounts(ctx, rq, paths); err != nil {
		return nil, err
	}
	return out, nil
}

// facetFields are the facets Facets counts, by name.
var facetFields = map[string]string{
	"tags": fieldTag, "folders": fieldFolder, "langs": fieldLang, "authors": fieldAuthorKey, "years": fieldYear,
}

func facetCounts(res *bleve.SearchResult, name string) []FacetCount {
	f := res.Facets[name]
	if f == nil || f.Terms == nil {
		return nil
	}
	var out []FacetCount
	for _, t := range f.Terms.Terms() {
		if strings.TrimSpace(t.Term) != "" {
			out = append(out, FacetCount{Value: t.Term, Count: t.Count})
		}
	}
	return out
}

// sectionCounts counts the sections matching rq in each of paths.
func (ix *Index) sectionCounts(ctx context.Context, rq *rankedQuery, paths []string) (map[string]int, error) {
	out := make(map[string]int, len(paths))
	if len(paths) == 0 {
		return out, nil
	}
	var ps []query.Query
	for _, p := range paths {
		ps = append(ps, termQuery(fieldPath, p, 0))
	}
	sreq := bleve.NewSearchRequestOptions(query.NewConjunctionQuery([]query.Query{rq.counted(), bleve.NewDisjunctionQuery(ps...)}), 0, 0, false)
	sreq.Score = "none"
	sreq.AddFacet("paths", bleve.NewFacetRequest(fieldPath, len(paths)))
	res, err := ix.run(ctx, sreq)
	if err != nil {
		return nil, err
	}
	for _, c := range facetCounts(res, "paths") {
		out[c.Value] = c.Count
	}
	return out, nil
}

// Count returns how many sections a request matches, without ranking them:
// how a saved search counts what is new.
func (ix *Index) Count(ctx context.Context, req Request) (uint64, error) {
	rq, err := buildQuery(req, ix.languages())
	if err != nil || rq == nil || rq.empty() {
		return 0, err
	}
	sreq := bleve.NewSearchRequestOptions(rq.counted(), 0, 0, false)
	sreq.Score = "none"
	res, err := ix.run(ctx, sreq)
	if err != nil {
		return 0, err
	}
	return res.Total, nil
}

// noMatch returns the filters of a query that match no section at all, as
// typed: the reason a search that finds nothing finds nothing, when it is
// a tag or a folder that is gone.
func (ix *Index) noMatch(ctx context.Context, rq *rankedQuery) []string {
	var out []string
	check := func(text string, q query.Query) {
		sreq := bleve.NewSearchRequestOptions(q, 0, 0, false)
		sreq.Score = "none"
		if res, err := ix.run(ctx, sreq); err == nil && res.Total == 0 {
			out = append(out, text)
		}
	}
	for _, g := range rq.must {
		if g.filter && len(g.alts) > 0 {
			check(g.text, disjunction(g.alts))
		}
	}
	for _, t := range rq.tags {
		check("tag:"+t, termQuery(fieldTag, fold(t), 0))
	}
	return out
}
