package search

import (
	"context"
	"sync"
	"time"

	"github.com/briefreader/brief/index"
)

// Update is news from a Live service about its background work.
type Update struct {
	// Progress is set while a sync runs: how far it has got.
	Progress *index.Progress
	// Synced is set when a sync ended; Stats sums it up and Err, if not
	// nil, says why it stopped.
	Synced bool
	Stats  index.SyncStats
	Err    error
	// Changed is set when the index changed: searches on screen are worth
	// running again.
	Changed bool
	// Notices are what the service had to do since the last update (a
	// damaged index rebuilt, another brief holding it), one line each.
	Notices []string
}

// progressEvery is how often a running sync reports progress.
const progressEvery = 100 * time.Millisecond

// liveIndex keeps a Live service's index up to date: one goroutine syncs
// whenever files changed, one sync at a time, and reports on updates.
type liveIndex struct {
	s       *Service
	work    chan struct{} // a token: a sync is due
	updates chan Update
	done    sync.WaitGroup

	mu      sync.Mutex
	noticed int // notices already sent

	watching watching // the claim on the index, when a watcher runs
}

func startLive(s *Service) *liveIndex {
	l := &liveIndex{s: s, work: make(chan struct{}, 1), updates: make(chan Update, 16)}
	l.noticed = len(s.ix.Notices()) // the caller shows these after Open
	l.kick()                        // the first sync
	l.done.Go(l.run)
	return l
}

// kick asks for a sync; several asks before it starts make one sync.
func (l *liveIndex) kick() {
	select {
	case l.work <- struct{}{}:
	default:
	}
}

func (l *liveIndex) wait() { l.done.Wait() }

// retryEvery is how often a busy index (another brief builds it), or one
// searched in a private copy, is tried again. (A variable for tests.)
var retryEvery = time.Second

func (l *liveIndex) run() {
	ctx := l.s.ctx
	retry := time.NewTicker(retryEvery)
	defer retry.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-l.work:
			l.syncOnce(ctx, false)
		case <-retry.C:
			if l.s.index().Retry() {
				l.syncOnce(ctx, true) // the shared index, searchable again
			}
			l.s.claimMore() // a part another watcher held, or now shared
		}
	}
}

// syncOnce runs one sync, streaming its progress; changed says that the
// index changed before it.
func (l *liveIndex) syncOnce(ctx context.Context, changed bool) {
	ix := l.s.index()
	gen := l.watching.generation()
	var last time.Time
	stats, err := ix.Sync(ctx, func(p index.Progress) {
		if now := time.Now(); now.Sub(last) >= progressEvery && p.Total > 0 {
			last = now
			select {
			case l.updates <- Update{Progress: &p}:
			default: // the screen is behind: skip this one
			}
		}
	})
	if ctx.Err() != nil {
		return
	}
	if err == nil {
		l.watching.synced(gen)
	}
	u := Update{Synced: true, Stats: stats, Err: err, Notices: l.newNotices(ix)}
	u.Changed = changed || stats.Added+stats.Updated+stats.Removed > 0 || len(u.Notices) > 0
	select {
	case l.updates <- u:
	case <-ctx.Done():
	}
}

// newNotices returns the index's notices not reported yet.
func (l *liveIndex) newNotices(ix *index.Index) []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	all := ix.Notices()
	if l.noticed > len(all) {
		l.noticed = 0
	}
	fresh := all[l.noticed:]
	l.noticed = len(all)
	return fresh
}

// Changed tells a Live service that files changed (paths as the watcher
// gives them); the index is brought up to date in the background, and an
// Update says when. Without Live it does nothing.
func (s *Service) Changed(paths []string) {
	if s.live != nil && len(paths) > 0 {
		s.live.watching.changed()
		s.live.kick()
	}
}

// NextUpdate waits for the next update of a Live service. It returns false
// once the service is closed (or ctx is done), and at once without Live.
func (s *Service) NextUpdate(ctx context.Context) (Update, bool) {
	if s.live == nil {
		return Update{}, false
	}
	select {
	case u := <-s.live.updates:
		return u, true
	case <-ctx.Done():
		return Update{}, false
	case <-s.ctx.Done():
		return Update{}, false
	}
}
