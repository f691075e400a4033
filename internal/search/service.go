// Package search is brief's search with recovery: the one place that
// decides how a search is answered. It opens the index without waiting
// without bound, brings it up to date, searches it, searches the words as
// typed when a query cannot be understood, and rebuilds a damaged index.
// The command line and the app both use it; for the app it also keeps the
// index up to date in the background while files change (see Live).
package search

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/index"
)

// Options configure a Service.
type Options struct {
	// Roots are the library roots to search.
	Roots []briefings.Root
	// Index configures the index (its folder, how files are read).
	Index index.Options
	// Live keeps the index up to date in the background: a first sync
	// starts at Open, and another after every call to Changed. Updates
	// reports on them. The app uses it; the command line syncs itself.
	Live bool
	// Highlights, if set, answers queries with in:highlights (see
	// SearchHighlights).
	Highlights HighlightSource
}

// Answer is the result of a search.
type Answer struct {
	// Results are the hits.
	Results *index.Results
	// QueryError is set when the query could not be understood and its
	// words were searched as plain text instead.
	QueryError *index.QueryError
	// Notes are one-line remarks on where the results come from, for the
	// user ("files it has not indexed yet may be missing").
	Notes []string
}

// Service searches a library through its index, recovering from what can
// go wrong with the index. Its methods may be called from several
// goroutines.
type Service struct {
	opts Options

	mu sync.RWMutex // guards ix
	ix *index.Index

	ctx    context.Context // cancelled by Close
	cancel context.CancelFunc
	live   *liveIndex // nil unless Options.Live
}

// Open opens the index of the roots. It fails only when the roots cannot
// be indexed at all, not even in memory; what it had to do to get there
// (another brief holds the index, it was damaged) is in Notices.
func Open(ctx context.Context, opts Options) (*Service, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ix, err := index.Open(opts.Roots, opts.Index)
	if err != nil {
		return nil, fmt.Errorf("open the search index: %w", err)
	}
	s := &Service{opts: opts, ix: ix}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	if opts.Live {
		s.live = startLive(s)
	}
	return s, nil
}

// index returns the open index.
func (s *Service) index() *index.Index {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.ix
}

// Notices are one-line messages about what opening and syncing the index
// had to do: another brief holding it, a damaged index rebuilt, and so on.
func (s *Service) Notices() []string {
	return s.index().Notices()
}

// Close stops the background work and closes the index. Work a sync had
// finished is kept.
func (s *Service) Close() error {
	s.cancel()
	if s.live != nil {
		s.live.wait()
		s.live.watching.close()
	}
	return s.index().Close()
}

// Sync brings the index up to date with the files; progress, if not nil,
// is called from time to time. It is how the command line syncs (brief
// index); a Live service syncs by itself.
func (s *Service) Sync(ctx context.Context, progress func(index.Progress)) (index.SyncStats, error) {
	return s.index().Sync(ctx, progress)
}

// Search searches the index as it is. A query that cannot be understood is
// searched as plain words (Answer.QueryError says why); a damaged index is
// rebuilt, at once from the command line, in the background in the app.
func (s *Service) Search(ctx context.Context, req index.Request) (Answer, error) {
	if _, ok := InHighlights(req.Query); ok {
		return s.searchHighlights(req), nil
	}
	ix := s.index()
	busy := ix.Busy()
	if len(busy) > 0 && len(busy) == len(s.opts.Roots) {
		return s.scan(ctx, req, busy), nil
	}
	ans, err := searchLiteralOnError(ctx, ix, req)
	if err == nil && len(busy) > 0 {
		return mergeScan(ans, s.scan(ctx, req, busy)), nil
	}
	if !errors.Is(err, index.ErrDamaged) || ctx.Err() != nil {
		return ans, err
	}
	if s.live != nil {
		s.live.kick() // the next sync rebuilds it; meanwhile, the files
		why := make([]index.Busy, len(s.opts.Roots))
		for i, r := range s.opts.Roots {
			why[i] = index.Busy{Root: r, Why: "the index of " + r.Path + " failed and is being rebuilt"}
		}
		return s.scan(ctx, req, why), nil
	}
	if _, serr := ix.Sync(ctx, nil); serr != nil {
		return ans, errors.Join(err, serr)
	}
	return searchLiteralOnError(ctx, ix, req)
}

// scan answers a request from the files of busy roots, saying why.
func (s *Service) scan(ctx context.Context, req index.Request, busy []index.Busy) Answer {
	roots := make([]briefings.Root, len(busy))
	for i, b := range busy {
		roots[i] = b.Root
	}
	if !req.ChangedSince.IsZero() {
		// The files do not say which sections are new: better none than
		// all of them.
		ans := Answer{Results: &index.Results{}}
		for _, b := range busy {
			ans.Notes = append(ans.Notes, "what is new cannot be told until the index is ready: "+b.Why)
		}
		return ans
	}
	res := quickScan(ctx, roots, req, s.opts.Index.LoadOptions, scanBudget)
	ans := Answer{Results: res.results}
	// What matters first, for a narrow screen: where the results come
	// from, then why.
	how := "these results come from a quick scan of the files"
	if res.looked < res.files {
		how += fmt.Sprintf(" (%d of %d looked at so far)", res.looked, res.files)
	}
	for _, b := range busy {
		ans.Notes = append(ans.Notes, how+": "+b.Why)
	}
	return ans
}

// mergeScan adds the hits of a quick scan after those of the index.
func mergeScan(ans, scanned Answer) Answer {
	res := *ans.Results
	res.Hits = append(append([]index.Hit(nil), res.Hits...), scanned.Results.Hits...)
	res.Total += scanned.Results.Total
	ans.Results = &res
	ans.Notes = append(ans.Notes, scanned.Notes...)
	return ans
}

// searchLiteralOnError runs a request, and again with the words as typed
// when the query cannot be understood.
func searchLiteralOnError(ctx context.Context, ix *index.Index, req index.Request) (Answer, error) {
	var ans Answer
	res, err := ix.Search(ctx, req)
	var qe *index.QueryError
	if errors.As(err, &qe) && !req.Literal {
		ans.QueryError = qe
		req.Literal = true
		res, err = ix.Search(ctx, req)
	}
	ans.Results = res
	return ans, err
}

// privateSyncBudget is how long SyncAndSearch syncs a private copy of an
// index that another brief holds before answering from it as it is.
// (A variable for tests.)
var privateSyncBudget = time.Second

// SyncAndSearch brings the index up to date and searches it: what brief
// search does. When another process watches the library and has indexed
// every change it saw (Watched), the index is searched as it is. Both start at once: most of the time nothing changed, and
// the first search stands; otherwise the search runs again on the synced
// index. Beside another brief that holds the index, the sync of the
// private copy is cut short after a moment (see Notes).
func (s *Service) SyncAndSearch(ctx context.Context, req index.Request, progress func(index.Progress)) (Answer, error) {
	ix := s.index()
	if watched, _ := ix.Watched(); watched {
		return s.Search(ctx, req) // a watcher keeps it fresh: no need to look at every file
	}
	type found struct {
		ans Answer
		err error
	}
	early := make(chan found, 1)
	go func() {
		ans, err := s.Search(ctx, req)
		early <- found{ans, err}
	}()
	syncCtx := ctx
	if ix.Private() {
		var cancel context.CancelFunc
		syncCtx, cancel = context.WithTimeout(ctx, privateSyncBudget)
		defer cancel()
	}
	stats, syncErr := ix.Sync(syncCtx, progress)
	first := <-early
	if ctx.Err() != nil {
		return first.ans, ctx.Err()
	}
	var notes []string
	switch {
	case syncErr == nil:
	case syncCtx.Err() != nil:
		notes = append(notes, "another brief is updating the index; files it has not indexed yet may be missing from the results")
	default:
		notes = append(notes, fmt.Sprintf("the index may be incomplete: %v", syncErr))
	}
	ans, err := first.ans, first.err
	var diskErr *index.DiskError
	errors.As(syncErr, &diskErr)
	// A sync that reopened the index, or failed (a full disk among others),
	// leaves the first search's answer from another index than the one
	// now open: a private copy may even hold what another brief indexed
	// meanwhile, which this sync then found unchanged. Search again.
	if stats.Added+stats.Updated+stats.Removed > 0 || stats.Restated || stats.Reopened ||
		errors.Is(err, index.ErrDamaged) || syncErr != nil {
		ans, err = s.Search(ctx, req)
	}
	if diskErr != nil && len(ans.Notes) > 0 {
		notes = nil // the answer says it: it comes from a quick scan
	}
	ans.Notes = append(notes, ans.Notes...)
	return ans, err
}
