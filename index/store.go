package index

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
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

// tmpDirName holds private copies and rebuilds, on the same file system as
// the indexes so that they can be hard-linked and renamed into place.
const tmpDirName = "tmp"

// scorchConfig is the store configuration. unsafe_batch lets Batch return
// before its segment is on disk; Sync waits for persistence once, at the end
// (see flush), and a crash loses at most the batches since the last persist:
// every persisted snapshot holds complete files and their manifest entries.
func scorchConfig() map[string]any {
	return map[string]any{
		"bolt_timeout": boltTimeout.String(),
		"unsafe_batch": true,
	}
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

// openPart opens the index of one root, falling back as needed.
func (ix *Index) openPart(root briefings.Root) (*part, error) {
	p := &part{root: root, key: keyFor(root)}
	if root.Builtin() || ix.base == "" {
		return p, ix.useMemory(p)
	}
	p.dir = filepath.Join(ix.base, p.key)
	lockPath := filepath.Join(ix.base, p.key+".lock")
	lock, err := os.OpenFile(lockPath, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil && clearWay(lockPath, false) {
		lock, err = os.OpenFile(lockPath, os.O_CREATE|os.O_RDWR, 0o600)
	}
	if err == nil {
		err = lockShared(lock)
	}
	if err != nil {
		if lock != nil {
			_ = lock.Close()
		}
		return p, ix.inMemory(p, fmt.Sprintf("cannot lock the index of %s (%v)", root.Path, err))
	}
	p.lock = lock

	if _, err := os.Stat(p.dir); errors.Is(err, os.ErrNotExist) {
		idx, err := createIndex(p.dir, root)
		if err == nil {
			p.idx, p.mode = idx, modeDisk
			ix.removeOtherVersions(p)
			return p, nil
		}
		_ = os.RemoveAll(p.dir)
		return p, ix.inMemory(p, fmt.Sprintf("cannot create the index of %s (%s)", root.Path, firstLine(err)))
	}

	idx, err := openIndex(p.dir, root)
	switch {
	case err == nil:
		p.idx, p.mode = idx, modeDisk
		return p, nil
	case errors.Is(err, bolterrors.ErrTimeout):
		if ix.opts.SharedOnly {
			return p, &InUseError{Root: root.Path}
		}
		return p, ix.usePrivateCopy(p)
	case errors.Is(err, errOtherSchema):
		ix.notice("the index of %s was made by another version of brief; rebuilding it", root.Path)
		return p, ix.startRebuild(p)
	default:
		ix.notice("the index of %s is damaged (%s); rebuilding it", root.Path, firstLine(err))
		return p, ix.startRebuild(p)
	}
}

// clearWay removes what is at path, under the base directory, when it is
// not what brief keeps there (a folder where a file belongs, or the
// reverse), so that damage to the cache does not outlive one run. It
// reports whether something was removed.
func clearWay(path string, wantDir bool) bool {
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

// createIndex creates an empty index at dir with its marker.
func createIndex(dir string, root briefings.Root) (bleve.Index, error) {
	m, err := newMapping()
	if err != nil {
		return nil, err
	}
	idx, err := bleve.NewUsing(dir, m, scorch.Name, scorch.Name, scorchConfig())
	if err != nil {
		return nil, err
	}
	if err := idx.SetInternal([]byte(keyMeta), encodeMeta(meta{Schema: SchemaVersion, Root: root.Path})); err != nil {
		_ = idx.Close()
		return nil, err
	}
	return idx, nil
}

// openIndex opens an existing index and checks its marker. A panic inside
// bleve on a damaged file is returned as an error.
func openIndex(dir string, root briefings.Root) (idx bleve.Index, err error) {
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
	idx, err = bleve.OpenUsing(dir, scorchConfig())
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
		_ = idx.Close()
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
	p.idx, p.mode = idx, modeMemory
	return nil
}

// tempDir returns a new directory name under the base's tmp directory,
// tagged with the process id so that leftovers of dead processes can be
// recognized and removed.
func (ix *Index) tempDir(p *part, purpose string) string {
	return filepath.Join(ix.base, tmpDirName, fmt.Sprintf("%s.%s.%d.%d", p.key, purpose, os.Getpid(), time.Now().UnixNano()))
}

// usePrivateCopy is the fallback when another process holds the index: copy
// it (hard-linking the immutable segment files), and open and sync the copy.
func (ix *Index) usePrivateCopy(p *part) error {
	work := ix.tempDir(p, "copy")
	err := copyIndex(p.dir, work)
	var idx bleve.Index
	if err == nil {
		idx, err = openIndex(work, p.root)
	}
	if err != nil {
		_ = os.RemoveAll(work)
		ix.notice("the index of %s is in use by another brief and could not be copied (%s); searching an index built in memory", p.root.Path, firstLine(err))
		return ix.useMemory(p)
	}
	ix.notice("the index of %s is in use by another brief; searching a private copy", p.root.Path)
	p.idx, p.mode, p.work = idx, modeCopy, work
	return nil
}

// copyIndex copies the index at src to dst. Segment files are never
// modified once written, so they are hard-linked when possible.
func copyIndex(src, dst string) error {
	if err := os.MkdirAll(filepath.Join(dst, "store"), 0o700); err != nil {
		return err
	}
	if err := copyFile(filepath.Join(src, "index_meta.json"), filepath.Join(dst, "index_meta.json")); err != nil {
		return err
	}
	_ = copyFile(filepath.Join(src, verifiedName), filepath.Join(dst, verifiedName))
	entries, err := os.ReadDir(filepath.Join(src, "store"))
	if err != nil {
		return err
	}
	for _, e := range entries {
		from, to := filepath.Join(src, "store", e.Name()), filepath.Join(dst, "store", e.Name())
		switch {
		case strings.HasSuffix(e.Name(), ".zap"):
			if os.Link(from, to) == nil {
				continue
			}
			err = copyFile(from, to)
		case e.Name() == "root.bolt":
			err = copyFile(from, to)
		}
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return err // a segment merged away while copying is not needed
		}
	}
	return nil
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		_ = out.Close()
		return err
	}
	return out.Close()
}

// startRebuild replaces the part's index with a fresh one in a temporary
// directory; finishRebuild renames it into place after a complete sync.
func (ix *Index) startRebuild(p *part) error {
	if p.idx != nil {
		_ = closeIndex(p.idx)
		p.idx = nil
	}
	if p.work != "" {
		_ = os.RemoveAll(p.work)
		p.work = ""
	}
	p.rebuild = false
	if p.dir == "" {
		return ix.useMemory(p)
	}
	work := ix.tempDir(p, "rebuild")
	idx, err := createIndex(work, p.root)
	if err != nil {
		_ = os.RemoveAll(work)
		return ix.inMemory(p, fmt.Sprintf("cannot rebuild the index of %s (%s)", p.root.Path, firstLine(err)))
	}
	p.idx, p.mode, p.work, p.rebuild = idx, modeCopy, work, true
	return nil
}

// finishRebuild moves a completely synced rebuild into place, unless
// another process has the old index open; then the rebuild stays private to
// this process. The caller holds ix.mu for writing.
func (ix *Index) finishRebuild(p *part) error {
	p.rebuild = false
	ok, err := tryLockExclusive(p.lock)
	if err != nil || !ok {
		ix.notice("rebuilt the index of %s, but another brief is using the old one; this rebuild is kept until brief exits", p.root.Path)
		return nil
	}
	defer func() { _ = lockShared(p.lock) }()
	old := p.idx
	if err := closeIndex(old); err != nil {
		return fmt.Errorf("close the rebuilt index: %w", err)
	}
	trash := ix.tempDir(p, "trash")
	if err := os.Rename(p.dir, trash); err != nil && !errors.Is(err, os.ErrNotExist) {
		return ix.reopenWork(p, old, fmt.Errorf("move the damaged index away: %w", err))
	}
	if err := os.Rename(p.work, p.dir); err != nil {
		return ix.reopenWork(p, old, fmt.Errorf("move the rebuilt index into place: %w", err))
	}
	_ = os.RemoveAll(trash)
	idx, err := openIndex(p.dir, p.root)
	if err != nil {
		return fmt.Errorf("open the rebuilt index: %w", err)
	}
	p.idx, p.mode, p.work = idx, modeDisk, ""
	ix.alias.Swap([]bleve.Index{idx}, []bleve.Index{old})
	ix.notice("rebuilt the index of %s", p.root.Path)
	return nil
}

// reopenWork keeps searching the rebuild where it is when it cannot be
// moved into place.
func (ix *Index) reopenWork(p *part, old bleve.Index, cause error) error {
	idx, err := openIndex(p.work, p.root)
	if err != nil {
		return errors.Join(cause, err)
	}
	p.idx = idx
	ix.alias.Swap([]bleve.Index{idx}, []bleve.Index{old})
	ix.notice("rebuilt the index of %s, but could not store it (%s); it is kept until brief exits", p.root.Path, firstLine(cause))
	return nil
}

// removeOtherVersions deletes the indexes of the same root made by other
// versions of brief (other schema versions live in other directories).
func (ix *Index) removeOtherVersions(p *part) {
	_, rest, ok := strings.Cut(p.key, "-")
	if !ok {
		return
	}
	matches, _ := filepath.Glob(filepath.Join(ix.base, "v*-"+rest))
	for _, m := range matches {
		if filepath.Base(m) != p.key {
			_ = os.RemoveAll(m)
			_ = os.Remove(m + ".lock")
		}
	}
}

// cleanTemp removes temporary directories left by processes that died.
func (ix *Index) cleanTemp() {
	dir := filepath.Join(ix.base, tmpDirName)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		fields := strings.Split(e.Name(), ".")
		if len(fields) < 4 {
			continue
		}
		pid, err := strconv.Atoi(fields[len(fields)-2])
		if err != nil || pid == os.Getpid() || processAlive(pid) {
			continue
		}
		_ = os.RemoveAll(filepath.Join(dir, e.Name()))
	}
}

// closeIndex closes a bleve index. bleve panics when an index is closed
// twice, and a damaged index may panic while closing: both become errors.
func closeIndex(idx bleve.Index) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("close the index: %v", r)
		}
	}()
	return idx.Close()
}
