package index

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/briefreader/brief/briefings"
	bolterrors "go.etcd.io/bbolt/errors"
)

// boltTimeout is how long Open waits for another process to let go of an
// index before using a private copy.
const boltTimeout = 100 * time.Millisecond

// lockWait bounds every wait for the lock file of an index: another process
// holds it exclusively only while it renames a folder, for milliseconds,
// unless it was stopped right then. (A variable for tests.)
var lockWait = time.Second

// builderWait is how long Open waits for another process that builds or
// rebuilds an index to finish before the part is left busy (and searched
// by a quick scan). (A variable for tests.)
var builderWait = 500 * time.Millisecond

// errLocked is returned by lockShared when the wait for the lock runs out.
var errLocked = errors.New("the index is locked")

// tmpDirName holds private copies and rebuilds, on the same file system as
// the indexes so that they can be hard-linked and renamed into place.
const tmpDirName = "tmp"

// scorchConfig is the store configuration. unsafe_batch lets Batch return
// before its segment is on disk; Sync waits for persistence once, at the end
// (see flush), and a crash loses at most the batches since the last persist:
// every persisted snapshot holds complete files and their manifest entries.
// Errors scorch meets in the background (a full disk) reach watchPersist.
func scorchConfig(readOnly bool) map[string]any {
	cfg := map[string]any{
		"bolt_timeout":           boltTimeout.String(),
		"unsafe_batch":           true,
		"asyncErrorCallbackName": asyncErrorsName,
	}
	if readOnly {
		cfg["read_only"] = true
	}
	return cfg
}

// keyFor names the index directory of a root: schema version, the root's
// base name for people looking at the cache, and a hash of its path.
func keyFor(root briefings.Root) string {
	sum := sha256.Sum256([]byte(root.Path))
	name := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			return r
		}
		return '_'
	}, filepath.Base(root.Path))
	if len(name) > 40 {
		name = name[:40]
	}
	return fmt.Sprintf("v%d-%s-%s", SchemaVersion, name, hex.EncodeToString(sum[:6]))
}

// openPart opens the index of one root, falling back as needed: a private
// copy when another process has it open, a rebuild when it is damaged,
// read-only in a folder that cannot be written, busy (nothing to search
// but the files) when another process builds it, in memory as a last
// resort.
func (ix *Index) openPart(root briefings.Root) (*part, error) {
	p := &part{root: root, key: keyFor(root)}
	if root.Builtin() || ix.base == "" {
		return p, ix.useMemory(p)
	}
	p.dir = filepath.Join(ix.base, p.key)
	p.watchSeen = readWatchMarker(ix.base, p.key) // before any copy is made
	if err := ix.openLock(p); err != nil || p.busy != "" || p.idx != nil {
		return p, err // locked, or in memory: the folder is not used
	}
	if _, err := os.Lstat(p.dir); errors.Is(err, os.ErrNotExist) {
		if err := ix.create(p); err != nil || p.idx != nil || p.busy != "" {
			return p, err
		}
	}
	var idx bleve.Index
	var err error
	if !ix.opts.SharedOnly && boltHeld(p.dir) {
		// Another process has it open: go on to a private copy at once,
		// rather than wait out bolt's timeout twice.
		err = bolterrors.ErrTimeout
	} else {
		idx, err = openIndex(p.dir, root, p.readOnly || ix.searchesOnly())
	}
	if errors.Is(err, bolterrors.ErrTimeout) && ix.waitForBuilder(p) {
		idx, err = openIndex(p.dir, root, p.readOnly || ix.searchesOnly()) // the builder is done
	}
	switch {
	case err == nil:
		p.idx, p.mode, p.searchOnly = idx, modeDisk, ix.searchesOnly()
		if p.readOnly {
			ix.notice("the index of %s is in a folder brief cannot write (%s); searching it as it is", root.Path, ix.base)
		}
		ix.touch(p)
		return p, nil
	case errors.Is(err, bolterrors.ErrTimeout):
		who := ix.builder(p)
		switch {
		case ix.opts.SharedOnly && who != "":
			return p, &RebuildingError{Root: root.Path, Holder: who}
		case ix.opts.SharedOnly:
			bolt := filepath.Join(p.dir, "store", "root.bolt")
			return p, &InUseError{Root: root.Path, Holder: ix.holders(p, bolt), Stopped: allStopped(bolt)}
		}
		// Beside a builder, only a complete index is an answer.
		return p, ix.usePrivateCopy(p, who, ix.searchesOnly())
	case resourceError(err) != "":
		p.lasting = true
		return p, ix.setBusy(p, fmt.Sprintf("cannot open the index of %s: %s; it is kept as it is", root.Path, resourceError(err)))
	case p.readOnly:
		return p, ix.inMemory(p, fmt.Sprintf("the index of %s cannot be used (%s), and its folder cannot be written", root.Path, firstLine(err)))
	}
	if who := ix.builder(p); who != "" {
		if ix.opts.SharedOnly {
			return p, &RebuildingError{Root: root.Path, Holder: who}
		}
		return p, ix.setBusy(p, fmt.Sprintf("the index of %s is being rebuilt by %s", root.Path, who))
	}
	why := fmt.Sprintf("the index of %s is damaged (%s); rebuilding it", root.Path, firstLine(err))
	if errors.Is(err, errOtherSchema) {
		why = fmt.Sprintf("the index of %s was made by another version of brief; rebuilding it", root.Path)
	}
	if got, err := ix.takeBuild(p); err == nil && !got {
		// Another brief started rebuilding it just now.
		return p, ix.startRebuild(p)
	}
	ix.notice("%s", why)
	return p, ix.startRebuild(p)
}

// openLock opens the part's lock file and takes it shared. A folder that
// cannot be written makes the part read-only; a lock that stays taken
// (a process stopped while renaming) makes it busy.
func (ix *Index) openLock(p *part) error {
	lockPath := filepath.Join(ix.base, p.key+".lock")
	lock, err := os.OpenFile(lockPath, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil && !readOnlyError(err) && owned(ix.base) && clearWay(lockPath, false) {
		lock, err = os.OpenFile(lockPath, os.O_CREATE|os.O_RDWR, 0o600)
	}
	if err != nil && readOnlyError(err) {
		p.readOnly = true
		lock, err = os.Open(lockPath) // flock works on a file opened to read
		if errors.Is(err, os.ErrNotExist) {
			return nil // no other brief can write here either
		}
	}
	if err == nil {
		err = lockShared(ix.ctx, lock, lockWait)
	}
	if errors.Is(err, errLocked) {
		holder := ix.holders(p, lockPath)
		_ = lock.Close()
		if ix.opts.SharedOnly {
			return &InUseError{Root: p.root.Path, Holder: holder, Stopped: allStopped(lockPath)}
		}
		return ix.setBusy(p, fmt.Sprintf("the index of %s is locked by %s", p.root.Path, holder))
	}
	if err != nil {
		if lock != nil {
			_ = lock.Close()
		}
		return ix.inMemory(p, fmt.Sprintf("cannot lock the index of %s (%v)", p.root.Path, err))
	}
	p.lock = lock
	return nil
}

// setBusy leaves a part without an index to search, saying why in Busy:
// its files are searched by a quick scan instead. With SharedOnly, where
// there is nothing to build into, it fails.
func (ix *Index) setBusy(p *part, why string) error {
	if ix.opts.SharedOnly {
		return errors.New(why)
	}
	p.busy = why
	if p.lock != nil {
		// Not using the index folder, it must not keep a rebuild from
		// taking its place.
		_ = p.lock.Close()
		p.lock = nil
	}
	return nil
}

// touch records that the index was used, for brief index --prune and the
// removal of indexes left unused for long (the lock file's time).
func (ix *Index) touch(p *part) {
	if !p.readOnly {
		now := time.Now()
		_ = os.Chtimes(filepath.Join(ix.base, p.key+".lock"), now, now)
	}
}

// clearWay removes what is at path, in a folder brief owns, when it is not
// what brief keeps there (a folder where a file belongs, or the reverse),
// so that damage to the cache does not outlive one run. It reports whether
// something was removed.
func clearWay(path string, wantDir bool) bool {
	if !owned(filepath.Dir(path)) {
		return false
	}
	info, err := os.Lstat(path)
	if err != nil || wantDir && info.IsDir() || !wantDir && info.Mode().IsRegular() {
		return false
	}
	return os.RemoveAll(path) == nil
}

// firstLine keeps notices on one line: some bleve errors quote whole files.
func firstLine(err error) string {
	msg, _, _ := strings.Cut(err.Error(), "\n")
	if len(msg) > 120 {
		msg = msg[:120] + "…"
	}
	return msg
}

// createIndex creates an empty index at dir with its marker, on disk.
func createIndex(dir string, root briefings.Root) (bleve.Index, error) {
	m, err := newMapping()
	if err != nil {
		return nil, err
	}
	failed, stop := watchPersist(dir)
	defer stop()
	forgetFailed(dir)
	idx, err := bleve.NewUsing(dir, m, scorch.Name, scorch.Name, scorchConfig(false))
	if err != nil {
		return nil, err
	}
	b := idx.NewBatch()
	b.SetInternal([]byte(keyMeta), encodeMeta(meta{Schema: SchemaVersion, Root: root.Path}))
	persisted := make(chan error, 1)
	b.SetPersistedCallback(func(err error) { persisted <- err })
	if err = idx.Batch(b); err == nil {
		select {
		case err = <-persisted:
		case err = <-failed:
		case <-time.After(createWait):
			err = errors.New("the new index was not written within " + createWait.String())
		}
	}
	if err != nil {
		_ = closeIndex(idx)
		return nil, err
	}
	return idx, nil
}

// createWait bounds the wait for a new, empty index to reach the disk.
const createWait = 10 * time.Second

// openIndex opens an existing index and checks its marker. A panic inside
// bleve on a damaged file is returned as an error.
func openIndex(dir string, root briefings.Root, readOnly bool) (idx bleve.Index, err error) {
	// Memory-mapped files that are shorter than their headers say fault
	// when read; make that a panic, recovered below, not a crash.
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			idx, err = nil, fmt.Errorf("bleve failed: %v", r)
		}
	}()
	if err := verifySegments(dir); err != nil {
		return nil, err
	}
	failures := snapshotFailures.Load()
	forgetFailed(dir) // a panic of an index closed before is not this one's
	idx, err = bleve.OpenUsing(dir, scorchConfig(readOnly))
	if err != nil {
		return nil, err
	}
	if snapshotFailures.Load() != failures {
		_ = closeIndex(idx)
		return nil, errors.New("its latest snapshot could not be read")
	}
	raw, err := idx.GetInternal([]byte(keyMeta))
	if err == nil {
		err = checkMeta(raw, root.Path)
	}
	if err != nil {
		_ = closeIndex(idx)
		return nil, err
	}
	return idx, nil
}

// inMemory falls back to an index in memory, saying why; with
// Options.SharedOnly, where that index would be thrown away, it fails.
func (ix *Index) inMemory(p *part, why string) error {
	if ix.opts.SharedOnly {
		return errors.New(why)
	}
	ix.notice("%s; searching an index built in memory", why)
	return ix.useMemory(p)
}

func (ix *Index) useMemory(p *part) error {
	m, err := newMapping()
	if err != nil {
		return fmt.Errorf("index mapping: %w", err)
	}
	// scorch without a path keeps its segments in memory; bleve's own
	// NewMemOnly uses a much slower tree store.
	idx, err := bleve.NewUsing("", m, scorch.Name, scorch.Name, nil)
	if err != nil {
		return fmt.Errorf("create an in-memory index for %s: %w", p.root.Path, err)
	}
	if err := idx.SetInternal([]byte(keyMeta), encodeMeta(meta{Schema: SchemaVersion, Root: p.root.Path})); err != nil {
		_ = idx.Close()
		return fmt.Errorf("create an in-memory index for %s: %w", p.root.Path, err)
	}
	p.idx, p.mode, p.readOnly, p.searchOnly = idx, modeMemory, false, false
	return nil
}
