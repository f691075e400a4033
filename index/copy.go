package index

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// usePrivateCopy is the fallback when another process holds the index: copy
// it (hard-linking the immutable segment files), and open and sync the copy.
// When that process builds the index (builder names it), the copy is used
// only if the index was complete once (a rebuild's last good index, not a
// first build under way); otherwise the part is busy. searchOnly opens
// the copy only to search (see Options.SearchOnly).
func (ix *Index) usePrivateCopy(p *part, builder string, searchOnly bool) error {
	if p.readOnly {
		return ix.setBusy(p, "the index of "+p.root.Path+" is in use by another brief, and its folder cannot be written")
	}
	work := ix.tempDir(p, "copy")
	err := copyIndex(p.dir, work)
	var idx = p.idx
	if err == nil {
		if idx, err = openIndex(work, p.root, searchOnly); err == nil {
			shareVerified(work, p.dir)
		}
	}
	if err != nil {
		_ = os.RemoveAll(work)
		if full := ix.diskFull(p, err, 0); full != nil {
			p.lasting = true
			return ix.setBusy(p, full.Error())
		}
		ix.notice("the index of %s is in use by another brief and could not be copied (%s); searching an index built in memory", p.root.Path, firstLine(err))
		return ix.useMemory(p)
	}
	if builder != "" {
		if synced, _ := idx.GetInternal([]byte(keySynced)); synced == nil {
			_ = closeIndex(idx)
			_ = os.RemoveAll(work)
			return ix.setBusy(p, beingBuilt(p.root.Path, builder))
		}
	}
	if ok, _ := ix.watchedPart(p); !ok {
		// Beside a watcher that has indexed every change, the copy is as
		// fresh as the shared index: nothing worth saying.
		ix.notice("the index of %s is in use by another brief; searching a private copy", p.root.Path)
	}
	p.idx, p.mode, p.work, p.searchOnly = idx, modeCopy, work, searchOnly
	return nil
}

// copyIndex copies the index at src to dst. Segment files are never
// modified once written, so they are hard-linked when possible. root.bolt
// is copied first (see copyBolt), then the segments there are then: a
// segment the copied snapshots refer to is merged away only later.
func copyIndex(src, dst string) error {
	if err := os.MkdirAll(filepath.Join(dst, "store"), 0o700); err != nil {
		return err
	}
	if err := copyFile(filepath.Join(src, "index_meta.json"), filepath.Join(dst, "index_meta.json")); err != nil {
		return err
	}
	_ = copyFile(filepath.Join(src, verifiedName), filepath.Join(dst, verifiedName))
	err := copyBolt(filepath.Join(src, "store", "root.bolt"), filepath.Join(dst, "store", "root.bolt"))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	entries, err := os.ReadDir(filepath.Join(src, "store"))
	if err != nil {
		return err
	}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".zap") {
			continue
		}
		from, to := filepath.Join(src, "store", e.Name()), filepath.Join(dst, "store", e.Name())
		if os.Link(from, to) == nil {
			continue
		}
		if err := copyFile(from, to); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err // a segment merged away while copying is not needed
		}
	}
	return nil
}

// boltCopyTries bounds the copies of a root.bolt that another process
// keeps changing.
const boltCopyTries = 5

// errBoltChanging is returned when every copy of a root.bolt was made
// while another process wrote it.
var errBoltChanging = errors.New("its root.bolt changed while it was copied, every time")

// testHookBoltCopy, when set by a test, is called while root.bolt is
// copied: after its meta pages, before the rest.
var testHookBoltCopy func()

// copyBolt copies a bolt file (scorch's root.bolt) that another process
// may be writing, and cannot be opened with bolt meanwhile (that process
// holds it locked). Bolt writes a commit's pages to pages free at the
// commit before, then its meta page: the pages the newest meta page
// reaches stay as they are until a later commit ends. So a copy during
// which no commit ended, the file's newest meta page naming the same
// transaction before and after it, and the copy's too, is whole. Any other
// copy may join the meta page of one commit to pages of a later one:
// neither bolt nor scorch notices on opening it, and scorch's writer then
// panicked in a bolt transaction, leaving bolt's lock held, so that
// closing the copy waited forever (a brief search that never ended). Such
// a copy is made again, a few times at most.
func copyBolt(from, to string) error {
	for range boltCopyTries {
		before, err := boltMetaOf(from)
		if err != nil {
			return err
		}
		if err := copyBoltOnce(from, to, int64(before.pageSize)); err != nil {
			return err
		}
		after, err := boltMetaOf(from)
		if err != nil {
			return err
		}
		copied, err := boltMetaOf(to)
		if err != nil {
			return err
		}
		if after == before && copied == before {
			return nil
		}
	}
	return errBoltChanging
}

// copyBoltOnce copies a bolt file: its two meta pages, then the rest.
func copyBoltOnce(from, to string, pageSize int64) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	_, err = io.CopyN(out, in, 2*pageSize)
	if err == nil {
		if testHookBoltCopy != nil {
			testHookBoltCopy()
		}
		_, err = io.Copy(out, in)
	}
	if errors.Is(err, io.EOF) {
		err = nil // shorter than two pages: boltMetaOf says what is wrong
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	return err
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
