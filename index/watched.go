package index

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/internal/proc"
)

// A watched index. A process that keeps the index of a library up to date
// with a file watcher (the app, brief index --watch) holds an exclusive lock
// on KEY.watch beside the index for as long as it watches, and writes in it
// whether changes it was told of are still waiting to be indexed. A search
// in another process that finds every part of its library watched, by a
// holder that is not stopped, with nothing waiting, can trust the index as
// it is and skip checking every file for changes. Anything else — no
// watcher, a watcher stopped or gone (its lock goes with it), changes
// waiting, a system that cannot name a lock's holder — means the files are
// checked as usual.

// Watch is this process's claim to keep the index fresh. Its methods, and
// ClaimMore on it, are not safe to call from several goroutines at once.
type Watch struct {
	held   map[string]*os.File // the marker of each part claimed, by the part's key
	socket string              // where to answer searches for others; "" when not every part is claimed
	syncs  int                 // syncs done: a search that opened the index before the last one has an older copy
}

// Marker contents.
const (
	watchFresh   = "fresh"
	watchPending = "pending"
)

// Watch claims the parts of the index kept on disk for this process's
// watcher. A part another watcher already holds is left to it (ClaimMore
// takes it later, once that watcher is gone). The claim starts as pending:
// the caller says Fresh once its first sync is done.
func (ix *Index) Watch() (*Watch, error) {
	w := &Watch{held: map[string]*os.File{}}
	_, err := ix.ClaimMore(w) // marks what it claims pending
	return w, err
}

// ClaimMore claims for w the parts of the index it does not hold yet and
// can now: those no other watcher holds and that are kept on disk (a
// private copy, made while another process had the index open, becomes the
// shared index again after Retry). It reports whether w gained a part; the
// parts gained are marked pending.
func (ix *Index) ClaimMore(w *Watch) (bool, error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	var errs []error
	gained := false
	for _, p := range ix.parts {
		if w.held[p.key] != nil || p.mode != modeDisk || ix.base == "" {
			continue
		}
		f, err := os.OpenFile(filepath.Join(ix.base, p.key+".watch"), os.O_RDWR|os.O_CREATE, 0o600)
		if err != nil {
			errs = append(errs, fmt.Errorf("mark the index of %s watched: %w", p.root.Path, err))
			continue
		}
		if ok, err := tryLock(f); !ok || err != nil {
			_ = f.Close() // another watcher keeps it fresh, or no locks here
			continue
		}
		w.held[p.key] = f
		writeMarker(f, watchPending, w.syncs)
		gained = true
	}
	if len(w.held) == len(ix.parts) && w.socket == "" {
		roots := make([]briefings.Root, len(ix.parts))
		for i, p := range ix.parts {
			roots[i] = p.root
		}
		w.socket = answerSocketIn(ix.base, roots)
	}
	return gained, errors.Join(errs...)
}

// Pending says that changes were seen and are not indexed yet.
func (w *Watch) Pending() { w.set(watchPending) }

// Fresh says that the index holds every change seen.
func (w *Watch) Fresh() {
	if w != nil {
		w.syncs++
		w.set(watchFresh)
	}
}

func (w *Watch) set(state string) {
	if w == nil {
		return
	}
	for _, f := range w.held {
		writeMarker(f, state, w.syncs)
	}
}

// writeMarker writes a watcher's state in its marker file f.
func writeMarker(f *os.File, state string, syncs int) {
	line := fmt.Sprintf("%s %d %d\n", state, os.Getpid(), syncs)
	_, _ = f.WriteAt([]byte(line), 0)
	_ = f.Truncate(int64(len(line)))
}

// readWatchMarker returns what a watcher's marker says, "" when there is
// none.
func readWatchMarker(base, key string) string {
	if base == "" {
		return ""
	}
	data, err := os.ReadFile(filepath.Join(base, key+".watch"))
	if err != nil || len(data) > 64 {
		return ""
	}
	return strings.TrimSpace(string(data))
}

// AnswerSocket is where this watcher may answer the searches of other
// processes (see the package function AnswerSocket): "" unless it claimed
// every part of the index.
func (w *Watch) AnswerSocket() string {
	if w == nil {
		return ""
	}
	return w.socket
}

// Syncs returns how many times Fresh was said.
func (w *Watch) Syncs() int {
	if w == nil {
		return 0
	}
	return w.syncs
}

// Close gives up the claim.
func (w *Watch) Close() {
	if w == nil {
		return
	}
	for _, f := range w.held {
		unlock(f)
		_ = f.Close()
	}
	w.held = nil
}

// Watched reports whether another process watches every part of the index
// and has indexed every change it saw; when not, why, in words. A process
// that opened the index beside the watcher searches a private copy of it
// (bleve opens an index in one process at a time), made when it opened:
// call Watched soon after Open.
func (ix *Index) Watched() (bool, string) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if !lockAccounting() {
		return false, "this system cannot tell whether a watcher runs"
	}
	for _, p := range ix.parts {
		// A private copy is the watcher's index as it was persisted
		// when this process opened it: as fresh as the watcher says.
		if p.mode == modeMemory || p.rebuild || ix.base == "" {
			return false, "the index of " + p.root.Path + " is not kept on disk"
		}
		if ok, why := ix.watchedPart(p); !ok {
			return false, why
		}
	}
	return len(ix.parts) > 0, ""
}

func (ix *Index) watchedPart(p *part) (bool, string) {
	path := filepath.Join(ix.base, p.key+".watch")
	f, err := os.Open(path)
	if err != nil {
		return false, "nothing watches " + p.root.Path
	}
	defer f.Close()
	if free, err := tryLockShared(f); err != nil || free {
		if free {
			unlock(f)
		}
		return false, "nothing watches " + p.root.Path
	}
	for _, pid := range lockHolders(path) {
		if state := proc.State(pid); state != proc.Running {
			return false, fmt.Sprintf("the watcher of %s (pid %d) is %s", p.root.Path, pid, orUnknown(state))
		}
	}
	buf := make([]byte, 64)
	n, _ := f.ReadAt(buf, 0)
	marker := strings.TrimSpace(string(buf[:n]))
	if state, _, _ := strings.Cut(marker, " "); state != watchFresh {
		return false, "the watcher of " + p.root.Path + " is catching up"
	}
	if marker != p.watchSeen {
		return false, "the watcher of " + p.root.Path + " indexed changes since this search opened the index"
	}
	return true, ""
}

func orUnknown(state string) string {
	if state == "" {
		return "in an unknown state"
	}
	return state
}
