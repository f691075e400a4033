package search

import (
	"sync"

	"github.com/briefreader/brief/index"
)

// Watching: a Live service whose library a file watcher follows claims its
// index as watched (index.Watch), so that brief search in another process
// may trust the index without checking every file. Changes it is told of
// mark the claim pending until a sync has indexed them.

// watching is a service's claim.
type watching struct {
	mu      sync.Mutex
	watch   *index.Watch
	gen     uint64 // bumps with every Changed
	pending bool   // a change is not indexed yet
}

// Watching says whether a file watcher follows the library now (true once
// it runs, false when it stops or falls back to looking from time to
// time). Only a Live service claims the index.
func (s *Service) Watching(on bool) {
	if s.live == nil {
		return
	}
	w := &s.live.watching
	w.mu.Lock()
	defer w.mu.Unlock()
	if on == (w.watch != nil) {
		return
	}
	if !on {
		w.watch.Close()
		w.watch = nil
		return
	}
	watch, _ := s.index().Watch() // parts that cannot be claimed stay unwatched
	w.watch = watch
	w.gen++ // pending until the next sync
	w.pending = true
	s.live.kick()
}

// Stirred tells a Live service that the watcher saw a change, which Changed
// will bring once the watcher has gathered it: from now on a search beside
// it does not trust the index until it is indexed.
func (s *Service) Stirred() {
	if s.live != nil {
		s.live.watching.changed()
	}
}

// changed marks the claim pending.
func (w *watching) changed() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.gen++
	w.pending = true
	w.watch.Pending()
}

// generation returns the count of changes seen so far.
func (w *watching) generation() uint64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.gen
}

// synced marks the claim fresh when no change came since gen.
func (w *watching) synced(gen uint64) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.gen == gen {
		w.pending = false
		w.watch.Fresh()
	}
}

// close gives up the claim.
func (w *watching) close() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.watch.Close()
	w.watch = nil
}

// Watched reports whether another process follows the library with a file
// watcher and has indexed every change it saw: the index can be searched as
// it is. When not, the reason is in words.
func (s *Service) Watched() (bool, string) {
	return s.index().Watched()
}
