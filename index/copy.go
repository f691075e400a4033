package index

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// usePrivateCopy is the fallback when another process holds the index: copy
// it (hard-linking the immutable segment files), and open and sync the copy.
// When that process builds the index (builder names it), the copy is used
// only if the index was complete once (a rebuild's last good index, not a
// first build under way); otherwise the part is busy.
func (ix *Index) usePrivateCopy(p *part, builder string) error {
	if p.readOnly {
		return ix.setBusy(p, "the index of "+p.root.Path+" is in use by another brief, and its folder cannot be written")
	}
	work := ix.tempDir(p, "copy")
	err := copyIndex(p.dir, work)
	var idx = p.idx
	if err == nil {
		if idx, err = openIndex(work, p.root, false); err == nil {
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
			return ix.setBusy(p, fmt.Sprintf("the index of %s is being built by %s", p.root.Path, builder))
		}
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
