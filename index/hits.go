package index

import (
	"context"
	"sort"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
)

// details loads the stored fields and match locations of ranked matches,
// and turns them into hits in the same order. A match deleted by a sync
// meanwhile is left out.
func (ix *Index) details(ctx context.Context, rq *rankedQuery, ranked []candidate) ([]Hit, error) {
	if len(ranked) == 0 {
		return nil, nil
	}
	ids := make([]string, len(ranked))
	for i, c := range ranked {
		ids[i] = c.dm.ID
	}
	dreq := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(rq.located(), bleve.NewDocIDQuery(ids)), len(ids), 0, false)
	dreq.Fields = storedFields
	dreq.IncludeLocations = true
	dreq.Score = "none"
	res, err := ix.run(ctx, dreq)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]*search.DocumentMatch, len(res.Hits))
	for _, dm := range res.Hits {
		byID[dm.ID] = dm
	}
	hits := make([]Hit, 0, len(ranked))
	for _, c := range ranked {
		if d := byID[c.dm.ID]; d != nil {
			d.Score = c.dm.Score
			h := makeHit(d)
			if c.tier > 0 {
				h.Missing = missingWords(rq, d.Locations)
			}
			hits = append(hits, h)
		}
	}
	return hits, nil
}

// makeHit turns a bleve match into a Hit with snippets and terms.
func makeHit(dm *search.DocumentMatch) Hit {
	h := Hit{Score: dm.Score}
	h.Path, _ = dm.Fields[fieldPath].(string)
	h.RelPath, _ = dm.Fields[fieldRel].(string)
	h.Anchor, _ = dm.Fields[fieldAnchor].(string)
	h.Title, _ = dm.Fields[fieldTitleX].(string)
	h.Heading, _ = dm.Fields[fieldHeadingX].(string)
	h.HeadingPath = stringList(dm.Fields[fieldHPath])
	h.Tags = stringList(dm.Fields[fieldTag])
	if n, ok := dm.Fields[fieldOrdinal].(float64); ok {
		h.Ordinal = int(n)
	}
	if d, ok := dm.Fields[fieldDate].(string); ok {
		h.Date, _ = time.Parse(time.RFC3339, d)
	}
	if d, ok := dm.Fields[fieldChanged].(string); ok {
		h.Changed, _ = time.Parse(time.RFC3339Nano, d)
	}
	body, _ := dm.Fields[fieldBodyX].(string)
	var ranges [][2]int
	terms := map[string]bool{}
	addTerms := func(text string, locs search.TermLocationMap) [][2]int {
		var rs [][2]int
		for _, list := range locs {
			for _, l := range list {
				if int(l.End) <= len(text) && l.Start < l.End {
					rs = append(rs, [2]int{int(l.Start), int(l.End)})
				}
			}
		}
		rs = mergeRanges(rs)
		for _, r := range rs {
			terms[strings.ToLower(text[r[0]:r[1]])] = true
		}
		return rs
	}
	for field, locs := range dm.Locations {
		switch {
		case strings.HasPrefix(field, fieldBody):
			ranges = append(ranges, addTerms(body, locs)...)
		case strings.HasPrefix(field, fieldTitle):
			addTerms(h.Title, locs)
		case strings.HasPrefix(field, fieldHeading):
			addTerms(h.Heading, locs)
		}
	}
	h.Snippets = buildSnippets(body, mergeRanges(ranges))
	for t := range terms {
		h.Terms = append(h.Terms, t)
	}
	sort.Strings(h.Terms)
	return h
}

func stringList(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		out := make([]string, 0, len(v))
		for _, s := range v {
			if s, ok := s.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}
