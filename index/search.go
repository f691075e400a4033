package index

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Request is a search.
type Request struct {
	// Query uses the query syntax: words (best match: sections with
	// every word first, then those with some of them), "phrases",
	// +must, -not, a OR b, title:, heading: (or section:), body:, tag:,
	// author:, date:>2024-01-01 (also date:2024, date:2023..2024), fuzzy
	// word~ or word~2, prefix word* and wildcards wo?d*, and ^2 to weigh a
	// word. A syntax error is a *QueryError.
	Query string
	// Literal searches the words of Query as typed, ignoring the syntax:
	// the fallback after a *QueryError.
	Literal bool
	// Tags keeps only sections of briefings with all of these tags.
	Tags []string
	// Limit is the number of hits to return (default 20); Offset skips
	// hits, for paging.
	Limit, Offset int
	// AsYouType treats the last word, when no space follows it, as
	// unfinished: it also matches words it begins, once it has 2
	// characters; a 1-character last word is ignored. Unfinished syntax at
	// the end (an open quote, "title:" alone) is forgiven.
	AsYouType bool
	// Paths keeps only sections of these briefings (Briefing.Path).
	Paths []string
	// NoTagCounts leaves Results.Tags empty. Counting tags visits every
	// match, about a fifth of the time of a search with many matches.
	NoTagCounts bool
	// Sort orders hits: SortRelevance (the default), SortNewest (newest
	// briefing first), SortOldest or SortTitle. Briefings without a date
	// come last by date.
	Sort string
	// ChangedSince, when set, keeps only sections that are new or changed
	// since then (see Hit.Changed).
	ChangedSince time.Time
}

// Orders for Request.Sort.
const (
	SortRelevance = ""
	SortNewest    = "date"
	SortOldest    = "oldest"
	SortTitle     = "title"
	// SortDate is SortNewest.
	SortDate = SortNewest
)

// Results are the hits of a search.
type Results struct {
	// Hits are the requested page of hits, best first.
	Hits []Hit
	// Total is the number of matching sections.
	Total uint64
	// Took is how long the search took.
	Took time.Duration
	// Tags counts matching sections by tag, most frequent first (the top
	// 20; none with Request.NoTagCounts).
	Tags []TagCount
	// Suggestion is the query with the words no section has replaced by
	// the closest words the index has ("did you mean"), or "".
	Suggestion string
	// NoMatch are the filters of the query, as typed (tag:nato, or
	// folder:europe), that no section of the library has at all: a tag
	// that was removed, a folder renamed. Set only when nothing is found.
	NoMatch []string
}

// TagCount is how many matching sections carry a tag.
type TagCount struct {
	Tag   string
	Count int
}

// Hit is one matching section. (Path, Anchor) identify it: the reader opens
// Briefing.Path at the section whose Anchor matches; the lead of a briefing
// has the anchor "".
type Hit struct {
	Path, Anchor string
	// RelPath is Path relative to its library root, for display.
	RelPath string
	Title   string
	// Heading is the section's heading, "" for the lead; HeadingPath has
	// the headings of the enclosing sections too.
	Heading     string
	HeadingPath []string
	Ordinal     int
	Date        time.Time
	Tags        []string
	Score       float64
	// Snippets are fragments of the section's plain text around the
	// matches, in text order; without matches in the body, its start.
	Snippets []Snippet
	// Terms are the matched words as they appear in the text, lower-cased
	// and without duplicates, for highlighting them in the reader.
	Terms []string
	// Missing are the words of the query, as typed, that the section does
	// not have (sections with every word come first).
	Missing []string
	// Changed is when the section was last new or changed, as the index
	// saw it (zero when not known).
	Changed time.Time
}

// ErrDamaged wraps search errors caused by a damaged index. The index is
// rebuilt by the next Sync; search again after it.
var ErrDamaged = errors.New("the search index is damaged")

// defaultLimit is the page size when Request.Limit is 0.
const defaultLimit = 20

var storedFields = []string{fieldPath, fieldRel, fieldAnchor, fieldTitleX, fieldHeadingX, fieldHPath,
	fieldBodyX, fieldTag, fieldDate, fieldOrdinal, fieldChanged}

// Search runs a query. An empty query with no Tags returns no hits; with
// Tags it lists their sections. A query with a syntax error returns a
// *QueryError.
func (ix *Index) Search(ctx context.Context, req Request) (*Results, error) {
	start := time.Now()
	rq, err := buildQuery(req, ix.languages())
	if err != nil {
		return nil, err
	}
	if rq == nil || rq.empty() {
		return &Results{Took: time.Since(start)}, nil
	}
	limit := req.Limit
	if limit <= 0 {
		limit = defaultLimit
	}
	offset := max(req.Offset, 0)
	var cands []candidate
	var total uint64
	if req.Sort == SortRelevance {
		ix.expandQuery(ctx, rq)
		if cands, total, err = ix.rankedSearch(ctx, rq, offset, limit); err != nil {
			return nil, err
		}
		cands = cands[min(offset, len(cands)):min(offset+limit, len(cands))]
	} else {
		if cands, total, err = ix.sortedSearch(ctx, rq, req.Sort, offset, limit); err != nil {
			return nil, err
		}
	}
	out := &Results{Total: total}
	if out.Hits, err = ix.details(ctx, rq, cands); err != nil {
		return nil, err
	}
	if !req.NoTagCounts {
		if out.Tags, err = ix.tagCounts(ctx, rq.counted()); err != nil {
			return nil, err
		}
	}
	out.Suggestion = ix.suggest(req.Query, rq)
	if total == 0 {
		out.NoMatch = ix.noMatch(ctx, rq)
	}
	out.Took = time.Since(start)
	return out, nil
}

// tagCounts counts the sections matching q by tag, the 20 most frequent.
func (ix *Index) tagCounts(ctx context.Context, q query.Query) ([]TagCount, error) {
	sreq := bleve.NewSearchRequestOptions(q, 0, 0, false)
	sreq.Score = "none"
	sreq.AddFacet("tags", bleve.NewFacetRequest(fieldTag, 20))
	res, err := ix.run(ctx, sreq)
	if err != nil {
		return nil, err
	}
	var out []TagCount
	if f := res.Facets["tags"]; f != nil && f.Terms != nil {
		for _, t := range f.Terms.Terms() {
			out = append(out, TagCount{Tag: t.Term, Count: t.Count})
		}
	}
	return out, nil
}

// buildQuery parses the request for an index of sections in langs; nil
// means no hits.
func buildQuery(req Request, langs []string) (*rankedQuery, error) {
	var clauses []clause
	var err error
	if req.Literal {
		clauses = literalClauses(req.Query, req.AsYouType)
	} else if clauses, err = parseQuery(req.Query, req.AsYouType); err != nil {
		return nil, err
	}
	rq, err := compileClauses(clauses, langs)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	if rq.empty() && len(clauses) > 0 {
		return nil, nil // words were given, and none is searchable
	}
	for _, t := range req.Tags {
		if t = strings.TrimSpace(t); t != "" {
			rq.filters = append(rq.filters, termQuery(fieldTag, fold(t), 0))
			rq.tags = append(rq.tags, t)
		}
	}
	if !req.ChangedSince.IsZero() {
		after := false
		cq := query.NewDateRangeInclusiveQuery(req.ChangedSince, time.Time{}, &after, nil)
		cq.SetField(fieldChanged)
		cq.SetBoost(0)
		rq.filters = append(rq.filters, cq)
	}
	if len(req.Paths) > 0 {
		var paths []query.Query
		for _, p := range req.Paths {
			paths = append(paths, termQuery(fieldPath, p, 0))
		}
		rq.filters = append(rq.filters, bleve.NewDisjunctionQuery(paths...))
	}
	return rq, nil
}

// literalClauses reads every space-separated word of q as a plain word,
// each once, the first maxClauses of them: a pasted page searches as its
// opening paragraph.
func literalClauses(q string, asYouType bool) []clause {
	var out []clause
	seen := map[string]bool{}
	start := -1
	for i, r := range q + " " {
		space := unicode.IsSpace(r)
		switch {
		case !space && start < 0:
			start = i
		case space && start >= 0:
			w := q[start:i]
			if key := strings.ToLower(w); !seen[key] && len(out) < maxClauses {
				seen[key] = true
				out = append(out, clause{kind: kindWord, text: w, source: w, pos: start, end: i})
			}
			start = -1
		}
	}
	if asYouType && len(out) > 0 && !strings.HasSuffix(q, " ") {
		out[len(out)-1].asYouType = true
	}
	return out
}

// languages returns the languages of the sections in the index (see
// languagesIn).
func (ix *Index) languages() []string {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	var fields []string
	for _, p := range ix.parts {
		if p.idx == nil {
			continue
		}
		if f, err := p.idx.Fields(); err == nil {
			fields = append(fields, f...)
		}
	}
	return languagesIn(fields)
}

// run searches every part, turning errors and panics from a damaged index
// into ErrDamaged and marking the part for a rebuild.
func (ix *Index) run(ctx context.Context, sreq *bleve.SearchRequest) (*bleve.SearchResult, error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.closed.Load() {
		return nil, errors.New("search: the index is closed")
	}
	res, err := safeSearch(ctx, ix.alias, sreq)
	if err != nil && resourceError(err) != "" {
		return nil, fmt.Errorf("search: %w", err) // not damage: the index is kept
	}
	if err == nil || ctx.Err() != nil {
		if err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		return res, nil
	}
	// Find out which index failed.
	var failed []string
	for _, p := range ix.parts {
		if p.idx == nil {
			continue // busy: not searched
		}
		if _, perr := safeSearch(ctx, p.idx, sreq); perr != nil {
			p.damaged.Store(true)
			failed = append(failed, p.root.Path)
		}
	}
	if len(failed) == 0 {
		return nil, fmt.Errorf("search: %w", err)
	}
	return nil, fmt.Errorf("%w (%s): %v", ErrDamaged, strings.Join(failed, ", "), err)
}

func safeSearch(ctx context.Context, idx bleve.Index, sreq *bleve.SearchRequest) (res *bleve.SearchResult, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("bleve failed: %v", r)
		}
	}()
	res, err = idx.SearchInContext(ctx, sreq)
	if err == nil && res.Status != nil && len(res.Status.Errors) > 0 {
		for _, e := range res.Status.Errors {
			return nil, e
		}
	}
	return res, err
}
