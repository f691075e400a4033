package search

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/briefreader/brief/index"
	"github.com/briefreader/brief/internal/state"
)

// in:highlights limits a search to the user's highlighted passages and
// their notes. It is answered here, over the highlights themselves, not
// by the index: the index holds whole sections, and a section that holds
// a highlight holds much else, so filtering its hits to those sections
// would find words outside the passages, and could never find a note.
// A few thousand short passages are searched faster than the index opens.
// The words are matched as the quick scan matches them (as words, each
// also the start of a longer word, so troop finds troops; a quoted
// phrase as a phrase; -word excludes), without stemming or fields.

// inHighlights matches the in:highlights term of a query.
var inHighlights = regexp.MustCompile(`(?i)(^|\s)in:highlights?(\s|$)`)

// HighlightSource returns the highlights to search.
type HighlightSource func() []state.Highlight

// InHighlights reports whether a query asks for highlights only, and
// returns the query without "in:highlights".
func InHighlights(query string) (string, bool) {
	if !inHighlights.MatchString(query) {
		return query, false
	}
	return strings.TrimSpace(inHighlights.ReplaceAllString(query, " ")), true
}

// SearchHighlights searches the passages and notes of highlights for the
// words of a request (its query without in:highlights). A highlight with
// more of the words comes first; the hits lead to the highlights'
// sections, with the quote as the snippet. Request.Paths limits the
// briefings; Tags are not known to highlights and are ignored.
func SearchHighlights(hs []state.Highlight, req index.Request) *index.Results {
	start := time.Now()
	query, _ := InHighlights(req.Query)
	terms, excluded := scanTerms(query, req.AsYouType)
	for i := range terms {
		if !strings.Contains(terms[i].text, " ") {
			terms[i].prefix = true
		}
	}
	res := &index.Results{}
	var hits []index.Hit
	for _, h := range hs {
		if h.Deleted || len(req.Paths) > 0 && !slices.Contains(req.Paths, h.Briefing) {
			continue
		}
		if hit, ok := highlightHit(h, terms, excluded); ok {
			hits = append(hits, hit)
		}
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].Score > hits[j].Score })
	res.Total = uint64(len(hits))
	limit := req.Limit
	if limit <= 0 {
		limit = 20
	}
	from := min(max(req.Offset, 0), len(hits))
	res.Hits = hits[from:min(from+limit, len(hits))]
	res.Took = time.Since(start)
	return res
}

// highlightHit matches one highlight.
func highlightHit(h state.Highlight, terms []term, excluded []string) (index.Hit, bool) {
	if len(terms) == 0 {
		return index.Hit{}, false
	}
	quote, note := h.Quote.Exact, h.Note
	for _, x := range excluded {
		if n, _, _ := findTerms(quote+"\n"+note, []term{{text: x}}); len(n) > 0 {
			return index.Hit{}, false
		}
	}
	inQuote, dq, nq := findTerms(quote, terms)
	inNote, dn, nn := findTerms(note, terms)
	distinct := max(dq, dn)
	if distinct == 0 {
		return index.Hit{}, false
	}
	hit := index.Hit{Path: h.Briefing, Anchor: h.Section, Title: h.Title, Heading: h.Heading,
		Score: float64(distinct)*10 + float64(min(nq+nn, 20))/20}
	if h.Heading != "" {
		hit.HeadingPath = []string{h.Heading}
	}
	for _, sn := range index.Snippets(quote, inQuote) {
		sn.Start += h.Quote.Start
		hit.Snippets = append(hit.Snippets, sn)
	}
	if len(inNote) > 0 {
		for _, sn := range index.Snippets(note, inNote) {
			sn.Text = "note: " + sn.Text
			for i := range sn.Matches {
				sn.Matches[i][0] += len("note: ")
				sn.Matches[i][1] += len("note: ")
			}
			hit.Snippets = append(hit.Snippets, sn)
		}
	}
	seen := map[string]bool{}
	for _, m := range inQuote {
		w := strings.ToLower(quote[m[0]:m[1]])
		if !seen[w] {
			seen[w] = true
			hit.Terms = append(hit.Terms, w)
		}
	}
	sort.Strings(hit.Terms)
	return hit, true
}

// searchHighlights answers a query with in:highlights.
func (s *Service) searchHighlights(req index.Request) Answer {
	if s.opts.Highlights == nil {
		return Answer{Results: &index.Results{}, Notes: []string{"in:highlights: highlights are not kept here, so there are none to search"}}
	}
	return Answer{Results: SearchHighlights(s.opts.Highlights(), req)}
}
