package index

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/blevesearch/bleve/v2"
	bolt "go.etcd.io/bbolt"
)

// scorch writes its whole internal map (brief's manifest: an entry per
// file) into every snapshot it persists, and drops old snapshots only when
// it has nothing else to do. During a long build it seldom has, so
// root.bolt grows by the manifest's size at every persist and never gives
// the space back: a first build of 40,000 briefings left a 360 MB
// root.bolt holding 4 MB of data. Every private copy copies that file, so
// a search beside a watcher took 300 ms at 40,000 briefings. Closing an
// index it wrote, brief rewrites such a file without its free pages; a
// process that keeps the index open (a watcher, the app) does so after a
// sync that left the file twice as big as it last found it.

// compactAbove is the size under which root.bolt is left as it is: a
// library of 10,000 briefings needs about 4 MB.
var compactAbove int64 = 32 << 20

// compactIfBloated rewrites the root.bolt of the index in dir without its
// free pages when they are most of it. The caller holds the part's lock
// exclusively: no other brief has the index open. A failure leaves the
// file as it was.
func compactIfBloated(dir string) error {
	path := filepath.Join(dir, "store", "root.bolt")
	info, err := os.Stat(path)
	if err != nil || info.Size() < compactAbove {
		return nil
	}
	src, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: boltTimeout})
	if err != nil {
		return fmt.Errorf("open root.bolt to compact it: %w", err)
	}
	defer src.Close()
	// Pages in use: up to the high-water mark, less those on the free
	// list. The file may run past the mark (bolt grows it in steps).
	var inUse int64
	_ = src.View(func(tx *bolt.Tx) error {
		inUse = tx.Size() - int64(src.Stats().FreePageN)*int64(src.Info().PageSize)
		return nil
	})
	if inUse > info.Size()/2 {
		return nil
	}
	tmp := filepath.Join(dir, "root.bolt.compact")
	_ = os.Remove(tmp)
	dst, err := bolt.Open(tmp, 0o600, &bolt.Options{Timeout: boltTimeout})
	if err != nil {
		return fmt.Errorf("compact root.bolt: %w", err)
	}
	err = bolt.Compact(dst, src, 1<<20)
	err = errors.Join(err, dst.Close(), src.Close())
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("compact root.bolt: %w", err)
	}
	if d, derr := os.Open(filepath.Dir(path)); derr == nil {
		_ = d.Sync() // make the rename durable where the system allows it
		_ = d.Close()
	}
	return nil
}

// compactAfterSync compacts the part's root.bolt after a sync wrote to it,
// when the file has doubled since the last try and no other brief has the
// index open: scorch is closed, the file rewritten, and the index opened
// again. The caller holds ix.syncMu.
func (ix *Index) compactAfterSync(p *part) {
	if p.mode != modeDisk || p.readOnly || p.searchOnly || p.lock == nil || p.idx == nil {
		return
	}
	info, err := os.Stat(filepath.Join(p.dir, "store", "root.bolt"))
	if err != nil || info.Size() < compactAbove || info.Size() < 2*p.boltTried {
		return
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if alone, err := tryLockExclusive(p.lock); err != nil || !alone {
		return // readers have it: after a later sync
	}
	defer func() { _ = lockShared(ix.ctx, p.lock, lockWait) }()
	p.boltTried = info.Size()
	old := p.idx
	if err := closeIndex(old); err != nil {
		p.damaged.Store(true) // the next sync rebuilds it
		return
	}
	_ = compactIfBloated(p.dir)
	idx, err := openIndex(p.dir, p.root, false)
	if err != nil {
		p.idx = nil
		ix.alias.Swap(nil, []bleve.Index{old})
		p.busy = fmt.Sprintf("cannot open the index of %s again: %s", p.root.Path, firstLine(err))
		return
	}
	p.idx = idx
	ix.alias.Swap([]bleve.Index{idx}, []bleve.Index{old})
	if info, err := os.Stat(filepath.Join(p.dir, "store", "root.bolt")); err == nil {
		p.boltTried = info.Size()
	}
}
