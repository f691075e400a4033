package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/blevesearch/bleve/v2"
)

// RebuildingError is returned, with Options.SharedOnly, when another
// process builds or rebuilds the same index: one build at a time, and the
// others stop at once instead of waiting for each other.
type RebuildingError struct {
	Root   string // the library root
	Holder string // who builds it: "brief index --rebuild (pid 4242, running)"
}

// Error says who is building the index already.
func (e *RebuildingError) Error() string {
	return "another brief is already building the index of " + e.Root + ": " + e.Holder
}

// startRebuild replaces the part's index with a fresh one in a temporary
// directory; finishRebuild renames it into place after a complete sync.
// It takes the part's build lock: when another process holds it (it
// rebuilds the same index), the part is left busy, or, for Rebuild, a
// *RebuildingError is returned.
func (ix *Index) startRebuild(p *part) error {
	if p.dir != "" && !p.readOnly {
		got, err := ix.takeBuild(p)
		if err == nil && !got {
			if ix.opts.SharedOnly {
				return &RebuildingError{Root: p.root.Path, Holder: ix.builder(p)}
			}
			ix.closePartIndex(p)
			return ix.setBusy(p, fmt.Sprintf("the index of %s is being rebuilt by %s", p.root.Path, ix.builder(p)))
		}
	}
	ix.closePartIndex(p)
	p.rebuild = false
	if p.dir == "" || p.readOnly {
		return ix.useMemory(p)
	}
	work := ix.tempDir(p, "rebuild")
	idx, err := createIndex(work, p.root)
	if err != nil {
		_ = os.RemoveAll(work)
		ix.releaseBuild(p)
		if full := ix.diskFull(p, err, 0); full != nil {
			return ix.inMemory(p, full.Error())
		}
		return ix.inMemory(p, fmt.Sprintf("cannot rebuild the index of %s (%s)", p.root.Path, firstLine(err)))
	}
	p.idx, p.mode, p.work, p.rebuild, p.searchOnly = idx, modeCopy, work, true, false
	return nil
}

// closePartIndex closes the part's index and drops its private folder.
func (ix *Index) closePartIndex(p *part) {
	if p.idx != nil {
		_ = closeIndex(p.idx)
		p.idx = nil
	}
	if p.work != "" {
		_ = os.RemoveAll(p.work)
		p.work = ""
	}
}

// finishRebuild moves a completely synced rebuild into place, unless
// another process has the old index open; then the rebuild stays private to
// this process. The caller holds ix.mu for writing.
func (ix *Index) finishRebuild(p *part) error {
	p.rebuild = false
	defer ix.releaseBuild(p)
	ok, err := tryLockExclusive(p.lock)
	if err != nil || !ok {
		ix.notice("rebuilt the index of %s, but another brief is using the old one; this rebuild is kept until brief exits", p.root.Path)
		return nil
	}
	defer func() { _ = lockShared(ix.ctx, p.lock, lockWait) }()
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
	idx, err := openIndex(p.dir, p.root, false)
	if err != nil {
		return fmt.Errorf("open the rebuilt index: %w", err)
	}
	p.idx, p.mode, p.work, p.searchOnly = idx, modeDisk, "", false
	ix.alias.Swap([]bleve.Index{idx}, []bleve.Index{old})
	ix.notice("rebuilt the index of %s", p.root.Path)
	return nil
}

// reopenWork keeps searching the rebuild where it is when it cannot be
// moved into place.
func (ix *Index) reopenWork(p *part, old bleve.Index, cause error) error {
	idx, err := openIndex(p.work, p.root, false)
	if err != nil {
		return errors.Join(cause, err)
	}
	p.idx, p.searchOnly = idx, false
	ix.alias.Swap([]bleve.Index{idx}, []bleve.Index{old})
	ix.notice("rebuilt the index of %s, but could not store it (%s); it is kept until brief exits", p.root.Path, firstLine(cause))
	return nil
}

// restart swaps a part's index for a fresh one to rebuild.
func (ix *Index) restart(p *part) error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	old := p.idx
	if p.damaged.Swap(false) {
		ix.notice("a search in the index of %s failed; rebuilding it", p.root.Path)
	}
	err := ix.startRebuild(p)
	if ix.alias != nil && old != p.idx {
		ix.alias.Swap(nonNil(p.idx), nonNil(old))
	}
	return err
}

// nonNil is the list of idx, empty for nil.
func nonNil(idx bleve.Index) []bleve.Index {
	if idx == nil {
		return nil
	}
	return []bleve.Index{idx}
}

// waitForOthers takes the exclusive lock of a part for finishRebuild,
// waiting while other processes have the old index open (a reader opened
// during a long rebuild): with Options.SharedOnly, a rebuild that cannot be
// moved into place would be thrown away. Cancelling ctx gives up the
// rebuild; the old index stays as it was.
func (ix *Index) waitForOthers(ctx context.Context, p *part, tracker *progressTracker) error {
	for {
		ok, err := tryLockExclusive(p.lock)
		if err != nil || ok {
			return err
		}
		tracker.wait("the index of " + p.root.Path + " is open in " + ix.holders(p, filepath.Join(ix.base, p.key+".lock")) + "; waiting for it to close to put the rebuilt index in its place")
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
}
