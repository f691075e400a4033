package search

import (
	"context"
	"sync"

	"github.com/briefreader/brief/index"
	"github.com/briefreader/brief/internal/remote"
)

// Watching: a Live service whose library a file watcher follows claims its
// index as watched (index.Watch), so that brief search in another process
// may trust the index without checking every file. Changes it is told of
// mark the claim pending until a sync has indexed them. While it holds the
// claim on every part, the service also answers the searches of other
// brief processes (internal/remote), for as long as nothing is pending.

// watching is a service's claim.
type watching struct {
	mu      sync.Mutex
	watch   *index.Watch
	gen     uint64 // bumps with every Changed
	pending bool   // a change is not indexed yet
	server  *remote.Server
	closed  bool // the service closed: no claim any more
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
	if on == (w.watch != nil) || w.closed {
		w.mu.Unlock()
		return
	}
	if !on {
		wait := w.release()
		w.mu.Unlock()
		wait()
		return
	}
	defer w.mu.Unlock()
	watch, _ := s.index().Watch() // parts that cannot be claimed stay unwatched (see claimMore)
	w.watch = watch
	w.answer(s)
	w.gen++ // pending until the next sync
	w.pending = true
	s.live.kick()
}

// answer starts answering the searches of others once the claim covers
// every part. Not answering (another process took the socket, a folder
// that cannot hold one) only costs the others a search of their own.
func (w *watching) answer(s *Service) {
	if socket := w.watch.AnswerSocket(); socket != "" && w.server == nil {
		w.server, _ = remote.Listen(socket, s.answerRemote)
	}
}

// claimMore claims the parts the watcher could not claim before: those
// another watcher held, once it is gone, and a private copy that is the
// shared index again. A part gained is pending until the next sync.
func (s *Service) claimMore() {
	w := &s.live.watching
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.watch == nil || w.closed {
		return
	}
	if gained, _ := s.index().ClaimMore(w.watch); !gained {
		return
	}
	w.answer(s)
	w.markPending()
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
	w.markPending()
}

// markPending says that the index misses something until the next sync;
// the caller holds w.mu.
func (w *watching) markPending() {
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
	w.closed = true
	wait := w.release()
	w.mu.Unlock()
	wait()
}

// release stops answering at once, before the claim goes (so a claim
// made right after, here or in another watcher, can answer on the socket),
// and gives the claim up; the caller holds w.mu. The function it returns
// waits for the searches being answered, which ask w, so it must be
// called without w.mu held.
func (w *watching) release() (wait func()) {
	server := w.server
	w.server = nil
	server.Stop()
	w.watch.Close()
	w.watch = nil
	return func() { _ = server.Close() }
}

// fresh says whether the claim covers every change seen; when not, why.
func (w *watching) fresh() (bool, string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	switch {
	case w.watch == nil:
		return false, "it no longer watches the library"
	case w.pending && w.watch.Syncs() == 0:
		return false, "the index is catching up: the watcher has not finished its first sync"
	case w.pending:
		return false, "the index is catching up with changes it saw"
	}
	return true, ""
}

// answerRemote searches for another process (see internal/remote), if the
// index holds every change the watcher saw and all of it can be searched.
func (s *Service) answerRemote(ctx context.Context, req index.Request) remote.Reply {
	if _, ok := InHighlights(req.Query); ok {
		return remote.Reply{Declined: "highlights are searched by the asker"}
	}
	if ok, why := s.live.watching.fresh(); !ok {
		return remote.Reply{Declined: why}
	}
	ix := s.index()
	if len(ix.Busy()) > 0 || ix.Private() {
		return remote.Reply{Declined: "its index cannot be searched as a whole now"}
	}
	ans, err := s.Search(ctx, req)
	if err != nil {
		return remote.Reply{Declined: err.Error()}
	}
	return remote.Reply{Results: ans.Results, QueryError: ans.QueryError, Notes: ans.Notes}
}

// Watched reports whether another process follows the library with a file
// watcher and has indexed every change it saw: the index can be searched as
// it is. When not, the reason is in words.
func (s *Service) Watched() (bool, string) {
	return s.index().Watched()
}
