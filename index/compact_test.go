package index

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// bloat grows the bolt file at path by about 16 MB of free pages, as a long
// build does when scorch has no time to drop old snapshots.
func bloat(t *testing.T, path string) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	junk := []byte("brief-test-junk")
	err = db.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucket(junk)
		if err != nil {
			return err
		}
		for i := range 16 {
			if err := b.Put([]byte{byte(i)}, bytes.Repeat([]byte{'x'}, 1<<20)); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		err = db.Update(func(tx *bolt.Tx) error { return tx.DeleteBucket(junk) })
	}
	if err != nil {
		t.Fatal(err)
	}
}

func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return info.Size()
}

// bloatedIndex builds the index of a small library, closes it, and grows
// its root.bolt by some 16 MB of free pages; compactAbove is lowered for
// the test. It returns the library, the index folder, root.bolt's path
// and size.
func bloatedIndex(t *testing.T) (lib, cache, path string, size int64) {
	t.Helper()
	saved := compactAbove
	compactAbove = 4 << 20
	t.Cleanup(func() { compactAbove = saved })
	lib, cache = t.TempDir(), t.TempDir()
	writeFiles(t, lib, manyFiles(4))
	path = builtRootBolt(t, lib, cache)
	bloat(t, path)
	return lib, cache, path, fileSize(t, path)
}

// An index that was written is closed with its root.bolt rewritten without
// the free pages that were most of it, and opens and searches as before;
// opened only to search, or beside another brief, it is left as it is.
func TestCloseCompactsABloatedRootBolt(t *testing.T) {
	lib, cache, path, bloated := bloatedIndex(t)
	if bloated < 16<<20 {
		t.Fatalf("root.bolt is %d bytes after bloating", bloated)
	}

	// Opened only to search: left as it is.
	ro := openSearchOnly(t, lib, cache)
	if err := ro.Close(); err != nil {
		t.Fatal(err)
	}
	if fileSize(t, path) != bloated {
		t.Error("an index opened only to search was compacted")
	}

	// Beside another brief that has it open: left as it is.
	other := openSearchOnly(t, lib, cache)
	ix := openDir(t, lib, cache)
	mustSync(t, ix)
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if fileSize(t, path) != bloated {
		t.Error("compacted while another brief had the index open")
	}
	if err := other.Close(); err != nil {
		t.Fatal(err)
	}

	// Written and alone: compacted.
	ix = openDir(t, lib, cache)
	writeFiles(t, lib, map[string]string{"new.md": briefing("fresh", 1, "common")})
	mustSync(t, ix)
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if got := fileSize(t, path); got > bloated/4 {
		t.Errorf("root.bolt is %d bytes after closing, was %d", got, bloated)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(filepath.Dir(path)), "root.bolt.compact")); !os.IsNotExist(err) {
		t.Errorf("the compacted file was left behind: %v", err)
	}
	ix = openDir(t, lib, cache)
	checkHits(t, ix, "n2xs1", "2/n2x.md#section-1")
	checkHits(t, ix, "freshs1", "new.md#section-1")
	// Nothing to do: the manifest came through whole.
	if st := mustSync(t, ix); st.Unchanged != st.Files || st.Files != 5 {
		t.Errorf("after compacting, a sync finds changes: %+v", st)
	}
}

// A process that keeps the index open compacts it after a sync that wrote
// to it, and goes on searching and syncing the same Index.
func TestASyncCompactsABloatedRootBoltInAnOpenIndex(t *testing.T) {
	lib, cache, path, bloated := bloatedIndex(t)

	ix := openDir(t, lib, cache)
	if st := mustSync(t, ix); st.Unchanged != st.Files {
		t.Fatalf("first sync %+v", st)
	}
	if fileSize(t, path) != bloated {
		t.Error("compacted after a sync that wrote nothing")
	}
	writeFiles(t, lib, map[string]string{"new.md": briefing("fresh", 1, "common")})
	mustSync(t, ix)
	if got := fileSize(t, path); got > bloated/4 {
		t.Errorf("root.bolt is %d bytes after the sync, was %d", got, bloated)
	}
	checkHits(t, ix, "freshs1", "new.md#section-1")
	checkHits(t, ix, "n2xs1", "2/n2x.md#section-1")
	writeFiles(t, lib, map[string]string{"later.md": briefing("later", 1, "common")})
	mustSync(t, ix)
	checkHits(t, ix, "laters1", "later.md#section-1")
}
