package index

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/briefreader/brief/briefings"
)

// Scorch writes segments and snapshots to disk in the background. When it
// cannot (a full disk, a read-only one), it retries without end and reports
// each failure only to an error callback, which is how the callers of Batch
// learn of it: without this, a sync on a full disk waited forever for data
// that never reached the disk.

// asyncErrorsName registers persistFailed with scorch (see scorchConfig).
const asyncErrorsName = "brief"

var persistWatches sync.Map // store path → chan error

func init() {
	scorch.RegistryAsyncErrorCallbacks[asyncErrorsName] = persistFailed
}

// persistFailed passes a background error of scorch to whoever watches
// that index (see watchPersist); the first one is enough. A panic is also
// remembered (see storeFailure): it may come before anyone watches.
func persistFailed(err error, path string) {
	if isPanic(err) {
		panicked(path)
	}
	if ch, ok := persistWatches.Load(filepath.Clean(path)); ok {
		select {
		case ch.(chan error) <- err:
		default:
		}
	}
}

// watchPersist starts receiving the background errors of the index in dir
// (the folder holding its store). Call the returned stop when done.
func watchPersist(dir string) (<-chan error, func()) {
	key := filepath.Join(dir, "store")
	ch := make(chan error, 1)
	persistWatches.Store(key, ch)
	return ch, func() { persistWatches.CompareAndDelete(key, ch) }
}

// persistGrace is how long a sync that was stopped still waits for what it
// wrote to reach the disk before giving it up: the index then stays as it
// was at its last snapshot on disk.
const persistGrace = 300 * time.Millisecond

// errPersistAbandoned ends a stopped sync whose last writes did not reach
// the disk in time.
var errPersistAbandoned = errors.New("the last changes were not written before the stop; the index is as it was before them")

// DiskError is a sync stopped because the index could not be written: the
// disk is full, or became read-only. The index stays as it was at its last
// complete write, and a half-built copy is removed.
type DiskError struct {
	Root string // the library
	Dir  string // the folder the index is kept in
	// Free is the space left there and Need about how much more the
	// index needs, in bytes (0 when unknown).
	Free, Need int64
	// ReadOnly is set when the file system cannot be written at all.
	ReadOnly bool
	Err      error // the system's error
}

// Error says what happened, where, and how much space is needed.
func (e *DiskError) Error() string {
	if e.ReadOnly {
		return fmt.Sprintf("the index of %s cannot be written: %s is on a read-only disk", e.Root, e.Dir)
	}
	msg := fmt.Sprintf("the disk holding the index of %s is full (%s has %s free", e.Root, e.Dir, briefings.FormatSize(e.Free))
	if e.Need > 0 {
		msg += fmt.Sprintf("; the index needs about %s", briefings.FormatSize(e.Need))
	}
	return msg + "); free some space or keep the index elsewhere"
}

// Unwrap returns the system's error.
func (e *DiskError) Unwrap() error { return e.Err }

// diskFull returns a *DiskError for an error that means the index's disk
// is full or read-only, or nil for any other error. need is about how much
// more the index needs, in bytes.
func (ix *Index) diskFull(p *part, err error, need int64) *DiskError {
	if err == nil {
		return nil
	}
	full := errors.Is(err, errNoSpace) || errors.Is(err, errQuota) || mentions(err, errNoSpace) || mentions(err, errQuota)
	ro := errors.Is(err, errROFS) || mentions(err, errROFS)
	if !full && !ro {
		return nil
	}
	var de *DiskError
	if errors.As(err, &de) {
		return de
	}
	return &DiskError{Root: p.root.Path, Dir: ix.base, Free: freeSpace(ix.base), Need: need, ReadOnly: ro && !full, Err: err}
}

// mentions reports whether an error's text holds a system error's: scorch
// reports background errors as text only.
func mentions(err error, errno syscall.Errno) bool {
	return strings.Contains(err.Error(), errno.Error())
}

// resourceError says what a process ran out of, or was refused, when err
// is such an error (too many open files, out of memory, permission
// denied), and "" otherwise. These are never taken for a damaged index.
func resourceError(err error) string {
	for _, r := range resourceErrors {
		if errors.Is(err, r.errno) || mentions(err, r.errno) {
			return r.what
		}
	}
	return ""
}

// indexBytesPerByte is about how many bytes of index a byte of text takes
// (310 MB for 70.9 MB of markdown in BENCHMARKS.md), with room for scorch
// to merge segments, which needs their size again for a moment.
const indexBytesPerByte = 4.4 * 1.5

// writeFailed handles a sync stopped because the index could not be
// written. The index is closed at once (scorch would retry without end),
// a half-built copy is removed now rather than at the next run, and the
// last good index, if there is one, is opened read-only to be searched
// as it was; otherwise the part is busy, and its files are searched by a
// quick scan. The caller holds ix.mu for writing.
func (ix *Index) writeFailed(p *part, cause *DiskError) {
	old := p.idx
	ix.closePartIndex(p)
	p.rebuild = false
	ix.releaseBuild(p)
	var idx bleve.Index
	if p.dir != "" && existsDir(p.dir) {
		if i, err := openIndex(p.dir, p.root, true); err == nil {
			if synced, _ := i.GetInternal([]byte(keySynced)); synced != nil {
				idx = i
			} else {
				_ = closeIndex(i) // never completely built: not an answer
			}
		}
	}
	if ix.alias != nil {
		ix.alias.Swap(nonNil(idx), nonNil(old))
	}
	if idx != nil {
		p.idx, p.mode, p.readOnly = idx, modeDisk, true
		ix.notice("the index of %s could not be updated, and is searched as it was at its last complete write", p.root.Path)
		return
	}
	p.busy, p.lasting = cause.Error(), true // the sync returns it: no notice
	if p.lock != nil {
		_ = p.lock.Close()
		p.lock = nil
	}
}
