package ui

import (
	"context"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/index"
	"github.com/briefreader/brief/internal/search"
)

// fakeSearch is a search service without an index, for the tests of the
// screens: it answers every request with answer (by default, the sections
// of the sample library whose text holds every word), and, while block is
// open, waits for it to close first.
type fakeSearch struct {
	answer  func(index.Request) (search.Answer, error)
	block   chan struct{}
	updates chan search.Update
	notices []string
	// fresh is how many sections are new to a saved search, by query.
	fresh map[string]uint64
	// sections, if set, are the section counts per briefing Facets gives.
	sections map[string]int

	mu      sync.Mutex
	changed [][]string
	asked   []index.Request
	closed  bool
}

func newFakeSearch() *fakeSearch {
	return &fakeSearch{answer: sampleAnswer, updates: make(chan search.Update, 16)}
}

func (f *fakeSearch) Search(ctx context.Context, req index.Request) (search.Answer, error) {
	f.mu.Lock()
	f.asked = append(f.asked, req)
	block := f.block
	f.mu.Unlock()
	if block != nil {
		select {
		case <-block:
		case <-ctx.Done():
			return search.Answer{}, ctx.Err()
		}
	}
	return f.answer(req)
}

func (f *fakeSearch) Facets(ctx context.Context, req index.Request, paths []string) (*index.Facets, error) {
	req.Limit, req.Offset = 10000, 0
	ans, err := f.answer(req)
	if err != nil || ans.Results == nil {
		return nil, err
	}
	out := &index.Facets{Sections: map[string]int{}, Languages: []index.FacetCount{{Value: "en", Count: int(ans.Results.Total)}}}
	for _, t := range ans.Results.Tags {
		out.Tags = append(out.Tags, index.FacetCount{Value: t.Tag, Count: t.Count})
	}
	sort.Slice(out.Tags, func(i, j int) bool {
		return out.Tags[i].Count > out.Tags[j].Count || out.Tags[i].Count == out.Tags[j].Count && out.Tags[i].Value < out.Tags[j].Value
	})
	for _, h := range ans.Results.Hits {
		if contains(paths, h.Path) {
			out.Sections[h.Path]++
		}
	}
	for p, n := range f.sections {
		out.Sections[p] = n
	}
	return out, nil
}

func (f *fakeSearch) Section(ctx context.Context, path, anchor string) (*index.SectionSource, error) {
	b, err := briefings.LoadSample().Find(path)
	if err != nil {
		return nil, err
	}
	i := b.SectionIndex(anchor)
	if i < 0 {
		return nil, index.ErrNotIndexed
	}
	sec := b.Sections[i]
	return &index.SectionSource{Path: path, Anchor: anchor, Title: b.Title, Heading: sec.Heading, Markdown: sec.Markdown, Depth: sec.Depth, Refs: b.Refs}, nil
}

func (f *fakeSearch) CountNew(ctx context.Context, saved []search.Saved) []search.NewCount {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make([]search.NewCount, len(saved))
	for i, sv := range saved {
		out[i].New = f.fresh[sv.Query]
		if strings.Contains(sv.Query, "date:>someday") {
			out[i].QueryError = &index.QueryError{Query: sv.Query, Msg: "a date must look like 2024-05-01"}
		}
	}
	return out
}

func (f *fakeSearch) Notices() []string { return f.notices }

func (f *fakeSearch) Changed(paths []string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.changed = append(f.changed, paths)
}

func (f *fakeSearch) NextUpdate(ctx context.Context) (search.Update, bool) {
	select {
	case u, ok := <-f.updates:
		return u, ok
	case <-ctx.Done():
		return search.Update{}, false
	}
}

func (f *fakeSearch) Close() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.closed {
		f.closed = true
		close(f.updates)
	}
	return nil
}

// requests returns the requests the fake was asked.
func (f *fakeSearch) requests() []index.Request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]index.Request(nil), f.asked...)
}

// sampleAnswer finds the sections of the sample library that hold every
// word of the query (as a part of a word), those with the words in their
// heading first, with the tags of the hits counted. "date:>someday" is a query error.
func sampleAnswer(req index.Request) (search.Answer, error) {
	var ans search.Answer
	q := req.Query
	if strings.Contains(q, "date:>someday") {
		ans.QueryError = &index.QueryError{Query: q, Pos: strings.Index(q, "date:"), Msg: "a date must look like 2024-05-01"}
		q = strings.ReplaceAll(q, "date:>someday", "")
	}
	// Tag filters keep briefings with any of their values; the other
	// filters are left out.
	var tagFilters [][]string
	filters := index.QueryFilters(q)
	for i := len(filters) - 1; i >= 0; i-- {
		f := filters[i]
		if f.Field == "tag" {
			tagFilters = append(tagFilters, f.Values)
		}
		q = q[:f.Pos] + " " + q[f.End:]
	}
	words := strings.Fields(strings.ToLower(q))
	res := &index.Results{}
	tags := map[string]int{}
	for _, b := range briefings.LoadSample().Briefings {
		if len(req.Paths) > 0 && req.Paths[0] != b.Path {
			continue
		}
		if req.Tags != nil && !contains(b.Tags, req.Tags[0]) {
			continue
		}
		keep := true
		for _, values := range tagFilters {
			any := false
			for _, v := range values {
				any = any || contains(b.Tags, v)
			}
			keep = keep && any
		}
		if !keep {
			continue
		}
		for i, sec := range b.Sections {
			text := strings.ToLower(sec.Heading + " " + sec.Body())
			all := len(words) > 0
			for _, w := range words {
				all = all && strings.Contains(text, w)
			}
			if !all {
				continue
			}
			res.Total++
			for _, tag := range b.Tags {
				tags[tag]++
			}
			score := float64(strings.Count(text, words[0]))
			for _, w := range words {
				score += 10 * float64(strings.Count(strings.ToLower(sec.Heading), w))
			}
			res.Hits = append(res.Hits, index.Hit{Path: b.Path, RelPath: b.RelPath, Anchor: sec.Anchor,
				Title: b.Title, Heading: sec.Heading, Ordinal: i + 1, Tags: b.Tags, Terms: words, Score: score,
				Snippets: []index.Snippet{{Text: firstLine(strings.TrimSpace(sec.Body()))}}})
		}
	}
	sort.SliceStable(res.Hits, func(i, j int) bool { return res.Hits[i].Score > res.Hits[j].Score })
	res.Hits = res.Hits[min(max(req.Offset, 0), len(res.Hits)):]
	res.Hits = res.Hits[:min(len(res.Hits), max(req.Limit, 1))]
	for tag, n := range tags {
		res.Tags = append(res.Tags, index.TagCount{Tag: tag, Count: n})
	}
	ans.Results = res
	return ans, nil
}

// realSearch opens the search service on roots, with its index in a
// temporary folder, live as in the app.
func realSearch(t *testing.T, roots []briefings.Root, cache string) (*search.Service, error) {
	t.Helper()
	svc, err := search.Open(context.Background(), search.Options{
		Roots: roots, Index: index.Options{Dir: cache, Log: discardLog{}}, Live: true,
	})
	if err == nil {
		t.Cleanup(func() { _ = svc.Close() })
	}
	return svc, err
}
