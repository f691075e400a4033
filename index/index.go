// Package index is brief's full-text search: one bleve document per section
// of every briefing, kept in a scorch index per library root under the user's
// cache directory, synced incrementally from the files, and searched with a
// query language close to bleve's query strings. Plain words are a best
// match: sections with every word first, then those with some, ranked by
// BM25F with a proximity bonus (rank.go). It knows bleve and the briefings
// domain, and nothing of the terminal UI.
//
// The index is a cache. It may be deleted, damaged, locked by another
// process or left by another version of brief; Open and Sync recover from
// all of these without hanging, and say what they did in Notices.
package index

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2"
	"github.com/briefreader/brief/briefings"
)

// Options configures Open. The zero value is ready to use.
type Options struct {
	// Dir is the directory holding the indexes; "" is DefaultDir.
	Dir string
	// LoadOptions are used to read briefings during Sync.
	LoadOptions briefings.LoadOptions
	// Log receives what bleve writes to the standard log package. Open
	// points the standard logger there, since bleve offers no other way;
	// by default it is the file index.log in Dir, never the terminal.
	Log io.Writer
	// SharedOnly is for building the index to keep it (brief index): Open
	// and Sync use the shared index in Dir or fail, instead of falling back
	// to a private copy or an index in memory that Close would throw away.
	// Open returns an *InUseError when another process holds the index;
	// a rebuild that another process keeps from being moved into place
	// waits for it (see Progress.Waiting) until the context is cancelled.
	// A rebuild while another process rebuilds the same index fails with
	// a *RebuildingError.
	SharedOnly bool
	// Purpose says what this process is ("brief index --rebuild"), for
	// the messages of other processes that find the index busy.
	Purpose string
	// SearchOnly opens the index to search it as it is (brief search
	// --no-sync): without scorch's writer, which rewrites the index's
	// state each time it opens it. Sync then brings nothing up to date; it
	// still rebuilds a part found damaged, which is then open to write.
	SearchOnly bool
	// WriteWhenChanged is for a search that syncs first (brief search).
	// It opens the index as SearchOnly does; Sync looks at the files and
	// opens it to write only when one changed, so a search that finds
	// nothing changed (most of them) never pays for the writer. The walk
	// of the files starts as Open starts, beside the opening of the index,
	// and the first Sync uses what it found (earlyscan.go).
	WriteWhenChanged bool
}

// InUseError is returned by Open with Options.SharedOnly when another
// process holds the index of a root.
type InUseError struct {
	Root   string // the library root whose index is in use
	Holder string // who holds it: "brief search (pid 4242, stopped)"
	// Stopped is set when every holder is stopped (kill -STOP): waiting
	// for it is pointless.
	Stopped bool
}

// Error says which library's index is in use, and by whom.
func (e *InUseError) Error() string {
	if e.Holder == "" || e.Holder == "another brief" {
		return "the index of " + e.Root + " is in use by another brief"
	}
	return "the index of " + e.Root + " is in use by " + e.Holder
}

// Index searches the sections of every briefing under a set of library
// roots. Search may be called from several goroutines, also while Sync runs;
// Sync calls are serialized. Close ends a running Sync.
type Index struct {
	opts  Options
	base  string
	parts []*part

	// mu guards alias and the open indexes of the parts: Search holds it
	// for reading, swapping in a rebuilt index holds it for writing.
	mu    sync.RWMutex
	alias bleve.IndexAlias

	syncMu sync.Mutex // one Sync at a time
	early  earlyScans // walks started by Open; guarded by syncMu once Open returns

	noticeMu sync.Mutex
	notices  []string

	ctx     context.Context // cancelled by Close
	cancel  context.CancelFunc
	logFile *os.File
	closed  atomic.Bool
}

// part is the index of one library root.
type part struct {
	root briefings.Root
	key  string // directory name under the base directory
	dir  string // where the shared index lives; "" in memory
	lock *os.File

	idx  bleve.Index
	mode mode
	// work is the directory idx lives in when it is not dir: a private
	// copy, or a rebuild that replaces dir once it is complete.
	work    string
	rebuild bool
	// watchSeen is what a watcher's marker said when the part was opened
	// (see Watched).
	watchSeen string
	// damaged is set when a search on idx failed: the next Sync rebuilds.
	damaged atomic.Bool

	// build is the build lock, held while this process builds the index
	// the first time (firstBuild) or rebuilds it.
	build      *os.File
	firstBuild bool
	// searchOnly is set while idx is open only to search (SearchOnly):
	// Sync leaves the part as it is.
	searchOnly bool
	// readOnly is set when the index folder cannot be written: the index
	// is searched as it is, never synced.
	readOnly bool
	// busy, when set, says why the part has no index to search (another
	// process builds it, the disk is full...): Busy reports it, and its
	// files can only be searched by a quick scan. lasting is set when
	// trying again soon will not help (a full disk, no permission).
	busy    string
	lasting bool
	// boltTried is the size of root.bolt when compactAfterSync last
	// compacted it: it tries again once the file has doubled.
	boltTried int64
}

type mode int

const (
	modeDisk   mode = iota // the shared index in the cache directory
	modeCopy               // a private copy in a temporary directory, removed on Close
	modeMemory             // in memory: the sample library, or a last resort
)

// Open opens or creates the index of each root, falling back to a private
// copy or an in-memory index when the shared one is locked, and preparing a
// rebuild when it is damaged or from another version. It fails only when a
// root cannot be indexed even in memory. Call Sync before searching.
func Open(roots []briefings.Root, opts Options) (*Index, error) {
	ix := &Index{opts: opts}
	ix.ctx, ix.cancel = context.WithCancel(context.Background())
	ix.base = opts.Dir
	if ix.base == "" {
		ix.base, _ = DefaultDir() // "" without a cache folder: said below
	}
	if ix.base != "" {
		base, err := OwnedDir(ix.base)
		if err == nil {
			ix.base = base
			tmp := filepath.Join(ix.base, tmpDirName)
			err = os.MkdirAll(tmp, 0o700)
			if err != nil && clearWay(tmp, true) {
				err = os.MkdirAll(tmp, 0o700)
			}
			if readOnlyError(err) && !opts.SharedOnly {
				err = nil // indexes there can still be searched as they are
			}
		}
		if err != nil {
			if opts.SharedOnly {
				ix.cancel()
				return nil, fmt.Errorf("cannot use the index directory %s: %w", ix.base, err)
			}
			ix.notice("cannot use the index directory %s (%v); searching indexes built in memory", ix.base, err)
			ix.base = ""
		}
	} else {
		if opts.SharedOnly {
			ix.cancel()
			return nil, ErrNoDir
		}
		ix.notice("there is no cache directory for the index; searching indexes built in memory")
	}
	if opts.WriteWhenChanged {
		ix.early = startScans(roots)
	}
	ix.setupLog()
	if ix.base != "" {
		ix.cleanTemp()
		ix.pruneStale()
	}
	var idxs []bleve.Index
	for _, root := range roots {
		p, err := ix.openPart(root)
		if err != nil {
			ix.releaseBuild(p)
			_ = p.close() // its lock: p is not in ix.parts yet
			_ = ix.Close()
			return nil, err
		}
		ix.parts = append(ix.parts, p)
		if p.idx != nil {
			idxs = append(idxs, p.idx)
		}
	}
	ix.alias = bleve.NewIndexAlias(idxs...)
	return ix, nil
}

// Busy describes the roots whose index cannot be searched now, one line
// each: another brief builds or rebuilds it, it is locked, the disk is
// full. Search leaves their files out; a caller may search them some
// other way (a quick scan), and open the index again later.
func (ix *Index) Busy() []Busy {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	var out []Busy
	for _, p := range ix.parts {
		if p.busy != "" {
			out = append(out, Busy{Root: p.root, Why: p.busy})
		}
	}
	return out
}

// Retry opens again the indexes of busy roots whose cause may be gone
// (another brief was building them, or held their lock), and the shared
// index of roots searched in a private copy once the other brief let go
// of it. It reports whether the index changed. Searches go on meanwhile.
func (ix *Index) Retry() bool {
	ix.syncMu.Lock()
	defer ix.syncMu.Unlock()
	if ix.closed.Load() {
		return false
	}
	ix.mu.RLock()
	parts := append([]*part(nil), ix.parts...)
	ix.mu.RUnlock()
	changed := false
	for i, p := range parts {
		copied := p.mode == modeCopy && !p.rebuild
		switch {
		case copied && !boltFree(p.dir):
			continue
		case !copied && (p.busy == "" || p.lasting || ix.builder(p) != ""):
			continue
		}
		np, err := ix.openPart(p.root)
		if err != nil || np.idx == nil || np.mode == modeCopy {
			ix.releaseBuild(np)
			_ = np.close()
			continue
		}
		ix.mu.Lock()
		ix.parts[i] = np
		ix.alias.Swap([]bleve.Index{np.idx}, nonNil(p.idx))
		_ = p.close()
		ix.mu.Unlock()
		changed = true
	}
	return changed
}

// Busy is a root whose index cannot be searched now, and why.
type Busy struct {
	Root briefings.Root
	Why  string
}

// Private reports whether Open fell back to a private copy of an index
// that another process holds. Syncing a private copy repeats that process's
// work (all of it, when it is building the index), and nothing synced is
// kept; callers that must answer at once may cut the sync short.
func (ix *Index) Private() bool {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	for _, p := range ix.parts {
		if p.mode == modeCopy && !p.rebuild {
			return true
		}
	}
	return false
}

// Notices returns one-line messages about what Open and Sync had to do to
// recover: an index locked by another process, a damaged index rebuilt, and
// so on. They are for the user, not errors.
func (ix *Index) Notices() []string {
	ix.noticeMu.Lock()
	defer ix.noticeMu.Unlock()
	return append([]string(nil), ix.notices...)
}

func (ix *Index) notice(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	ix.noticeMu.Lock()
	ix.notices = append(ix.notices, msg)
	ix.noticeMu.Unlock()
}

// Close ends a running Sync, closes every index, and removes private copies
// and unfinished rebuilds. Work a cancelled Sync had finished is kept.
func (ix *Index) Close() error {
	if ix.closed.Swap(true) {
		return nil
	}
	ix.cancel()
	ix.syncMu.Lock()
	defer ix.syncMu.Unlock()
	ix.mu.Lock()
	defer ix.mu.Unlock()
	var errs []error
	if ix.alias != nil {
		_ = ix.alias.Close()
	}
	for _, p := range ix.parts {
		ix.releaseBuild(p)
		if err := p.close(); err != nil {
			errs = append(errs, fmt.Errorf("close the index of %s: %w", p.root.Path, err))
		}
	}
	if ix.logFile != nil {
		if log.Writer() == io.Writer(logTap{ix.logFile}) {
			log.SetOutput(io.Discard)
		}
		_ = ix.logFile.Close()
	}
	return errors.Join(errs...)
}

// close closes the part's index, rewriting its root.bolt without the free
// pages a long build left (see compactIfBloated) when it was open to write
// and no other brief has it open, and drops its temporary directory.
func (p *part) close() error {
	var err error
	if p.idx != nil {
		err = closeIndex(p.idx)
		p.idx = nil
		if err == nil && p.mode == modeDisk && !p.readOnly && !p.searchOnly && p.lock != nil {
			if alone, _ := tryLock(p.lock); alone {
				_ = compactIfBloated(p.dir) // the file stays as it was if it fails
			}
		}
	}
	if p.work != "" {
		_ = os.RemoveAll(p.work)
		p.work = ""
	}
	if p.lock != nil {
		_ = p.lock.Close()
		p.lock = nil
	}
	return err
}
