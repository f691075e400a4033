package search

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/index"
)

// What the search screen's workbench asks of the service beside the hits:
// facets to filter by, a section to preview, and how many sections are new
// to each saved search. Each answers from the index, recovering as Search
// does: a query that cannot be understood is taken as plain words, and
// while the index is busy there are no counts (a preview reads the file).

// Facets counts the sections a request matches by tag, folder, language,
// author and year, and those of each briefing in paths. While the index is
// busy it returns no counts.
func (s *Service) Facets(ctx context.Context, req index.Request, paths []string) (*index.Facets, error) {
	ix := s.index()
	if len(ix.Busy()) > 0 {
		return &index.Facets{}, nil
	}
	f, err := ix.Facets(ctx, req, paths)
	var qe *index.QueryError
	if errors.As(err, &qe) && !req.Literal {
		req.Literal = true
		f, err = ix.Facets(ctx, req, paths)
	}
	return f, err
}

// Section returns a section to preview: from the index, which keeps its
// markdown, or, when the index does not have it (busy, not indexed yet),
// from its file.
func (s *Service) Section(ctx context.Context, path, anchor string) (*index.SectionSource, error) {
	ix := s.index()
	if len(ix.Busy()) < len(s.opts.Roots) || len(s.opts.Roots) == 0 {
		src, err := ix.Section(ctx, path, anchor)
		if err == nil || ctx.Err() != nil {
			return src, err
		}
	}
	return s.sectionFromFile(path, anchor)
}

// sectionFromFile reads a section from its file.
func (s *Service) sectionFromFile(path, anchor string) (*index.SectionSource, error) {
	var b *briefings.Briefing
	var err error
	if strings.HasPrefix(path, briefings.BuiltinPrefix) {
		b, err = briefings.LoadSample().Find(path)
	} else {
		var f briefings.File
		if f, err = briefings.StatFile(path); err == nil {
			b, err = briefings.ReadFile(f, s.opts.Index.LoadOptions)
		}
	}
	if err != nil {
		return nil, err
	}
	src := &index.SectionSource{Path: path, Anchor: anchor, RelPath: b.RelPath, Title: b.Title, Date: b.Date, Tags: b.Tags, Refs: b.Refs}
	if anchor == "" {
		src.Markdown, src.Depth = b.Lead, b.LeadDepth
		return src, nil
	}
	i := b.SectionIndex(anchor)
	if i < 0 {
		return nil, index.ErrNotIndexed
	}
	sec := b.Sections[i]
	src.Heading, src.HeadingPath, src.Markdown, src.Depth = sec.Heading, b.HeadingPath(i), sec.Markdown, sec.Depth
	return src, nil
}

// Saved is a saved search, as the service counts what is new to it.
type Saved struct {
	Query string
	// Since is when it was last opened: sections that changed later are
	// new to it.
	Since time.Time
}

// NewCount is how many sections are new to a saved search.
type NewCount struct {
	New uint64
	// QueryError is set when the query can no longer be understood: its
	// words were counted as plain text.
	QueryError *index.QueryError
	// Err is set when there is no count (the index is busy, say).
	Err error
}

// ErrBusy is the error of a count that waits for the index.
var ErrBusy = errors.New("the index is busy; counted once it is ready")

// CountNew counts, for each saved search, the sections it matches that
// are new or changed since it was last opened. It stops early, leaving
// the rest with ctx's error, when ctx is done.
func (s *Service) CountNew(ctx context.Context, saved []Saved) []NewCount {
	out := make([]NewCount, len(saved))
	ix := s.index()
	busy := len(ix.Busy()) > 0
	for i, sv := range saved {
		if err := ctx.Err(); err != nil {
			out[i].Err = err
			continue
		}
		if busy {
			out[i].Err = ErrBusy
			continue
		}
		req := index.Request{Query: sv.Query, ChangedSince: sv.Since}
		n, err := ix.Count(ctx, req)
		var qe *index.QueryError
		if errors.As(err, &qe) {
			out[i].QueryError = qe
			req.Literal = true
			n, err = ix.Count(ctx, req)
		}
		out[i].New, out[i].Err = n, err
	}
	return out
}
