package index

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// More damage to an index folder, and how each kind is repaired.

// moreDamage are further ways an index folder gets damaged, beyond
// corruptions: files emptied, deleted or replaced by folders, the
// bookkeeping files around the index, and damage that keeps a file's size
// and time. rebuilt says whether the index must be rebuilt (with a
// notice); otherwise it is repaired quietly or was never hurt.
var moreDamage = []struct {
	name    string
	rebuilt bool
	damage  func(t *testing.T, dir string)
}{
	{"missing root.bolt", true, func(t *testing.T, dir string) {
		mustRemove(t, filepath.Join(dir, "store", "root.bolt"))
	}},
	{"empty root.bolt", true, func(t *testing.T, dir string) {
		mustTruncate(t, filepath.Join(dir, "store", "root.bolt"), 0)
	}},
	{"garbage after the meta pages of root.bolt", true, func(t *testing.T, dir string) {
		path := filepath.Join(dir, "store", "root.bolt")
		info, _ := os.Stat(path)
		for at := int64(2 * os.Getpagesize()); at < info.Size(); at += 4096 {
			writeGarbage(t, path, at)
		}
		mustTruncate(t, path, info.Size())
	}},
	{"empty segments", true, func(t *testing.T, dir string) {
		for _, f := range zapFiles(t, dir) {
			mustTruncate(t, f, 0)
		}
	}},
	{"garbage in segments, size and time kept", true, func(t *testing.T, dir string) {
		for _, f := range zapFiles(t, dir) {
			info, _ := os.Stat(f)
			writeGarbage(t, f, info.Size()/3)
			if err := os.Chtimes(f, info.ModTime(), info.ModTime()); err != nil {
				t.Fatal(err)
			}
		}
	}},
	{"root.bolt is a folder", true, func(t *testing.T, dir string) {
		replaceWithDir(t, filepath.Join(dir, "store", "root.bolt"))
	}},
	{"a segment is a folder", true, func(t *testing.T, dir string) {
		replaceWithDir(t, zapFiles(t, dir)[0])
	}},
	{"store is a file", true, func(t *testing.T, dir string) {
		replaceWithFile(t, filepath.Join(dir, "store"))
	}},
	{"the index folder is a file", true, func(t *testing.T, dir string) {
		replaceWithFile(t, dir)
	}},
	{"empty index_meta.json", true, func(t *testing.T, dir string) {
		mustTruncate(t, filepath.Join(dir, "index_meta.json"), 0)
	}},
	{"index_meta.json of another index type", true, func(t *testing.T, dir string) {
		mustWrite(t, filepath.Join(dir, "index_meta.json"), `{"storage":"boltdb","index_type":"upside_down"}`)
	}},
	{"index_meta.json is a folder", true, func(t *testing.T, dir string) {
		replaceWithDir(t, filepath.Join(dir, "index_meta.json"))
	}},
	{"unreadable marker", true, func(t *testing.T, dir string) {
		setInternal(t, dir, keyMeta, []byte("{garbage"))
	}},
	{"marker of another library", true, func(t *testing.T, dir string) {
		setInternal(t, dir, keyMeta, encodeMeta(meta{Schema: SchemaVersion, Root: "/elsewhere"}))
	}},
	{"missing synced marker", false, func(t *testing.T, dir string) {
		setInternal(t, dir, keySynced, nil)
	}},
	{"wrong file count", false, func(t *testing.T, dir string) {
		setInternal(t, dir, keyCount, []byte{0xff})
	}},
	{"garbage manifest entry", false, func(t *testing.T, dir string) {
		setInternal(t, dir, string(entryKey(filepath.Join(filepath.Dir(filepath.Dir(dir)), "lib", "1", "n5x.md"))), []byte("garbage"))
	}},
	{"garbage verified list", false, func(t *testing.T, dir string) {
		mustWrite(t, filepath.Join(dir, verifiedName), "garbage\x00\xff\n1 2 3\n")
	}},
	{"verified list is a folder", false, func(t *testing.T, dir string) {
		replaceWithDir(t, filepath.Join(dir, verifiedName))
	}},
	{"missing lock file", false, func(t *testing.T, dir string) {
		mustRemove(t, dir+".lock")
	}},
	{"lock file is a folder", false, func(t *testing.T, dir string) {
		replaceWithDir(t, dir+".lock")
	}},
	{"tmp is a file", false, func(t *testing.T, dir string) {
		replaceWithFile(t, filepath.Join(filepath.Dir(dir), tmpDirName))
	}},
	{"index.log is a folder", false, func(t *testing.T, dir string) {
		replaceWithDir(t, filepath.Join(filepath.Dir(dir), "index.log"))
	}},
}

func TestMoreDamageIsRepaired(t *testing.T) {
	for _, c := range moreDamage {
		t.Run(c.name, func(t *testing.T) {
			base := t.TempDir()
			lib, cache := filepath.Join(base, "lib"), filepath.Join(base, "cache")
			writeFiles(t, lib, manyFiles(12))
			ix := openDir(t, lib, cache)
			mustSync(t, ix)
			dir := ix.parts[0].dir
			_ = ix.Close()
			c.damage(t, dir)

			ix = openDir(t, lib, cache)
			if _, err := ix.Sync(context.Background(), nil); err != nil {
				t.Fatalf("sync: %v (notices %q)", err, ix.Notices())
			}
			res, err := ix.Search(context.Background(), Request{Query: "common", Limit: 100})
			if errors.Is(err, ErrDamaged) {
				mustSync(t, ix)
				res, err = ix.Search(context.Background(), Request{Query: "common", Limit: 100})
			}
			if err != nil {
				t.Fatalf("search: %v", err)
			}
			if res.Total != 36 {
				t.Errorf("common: %d hits, want 36 (notices %q)", res.Total, ix.Notices())
			}
			checkHits(t, ix, "n5xs2", "1/n5x.md#section-2")
			if c.rebuilt != hasNotice(ix, "rebuilt the index") || hasNotice(ix, "in memory") {
				t.Errorf("notices: %q", ix.Notices())
			}
			_ = ix.Close()

			// Repaired for good: a reopen is clean and a deleted file
			// leaves the index.
			mustRemove(t, filepath.Join(lib, "2", "n6x.md"))
			ix = openDir(t, lib, cache)
			if len(ix.Notices()) != 0 {
				t.Errorf("notices after the repair: %q", ix.Notices())
			}
			checkStats(t, mustSync(t, ix), 0, 0, 1, 11)
			if got := len(hits(t, ix, "common")); got != 33 {
				t.Errorf("common after a deletion: %d hits, want 33", got)
			}
		})
	}
}

func mustRemove(t *testing.T, path string) {
	t.Helper()
	if err := os.RemoveAll(path); err != nil {
		t.Fatal(err)
	}
}

func mustTruncate(t *testing.T, path string, size int64) {
	t.Helper()
	if err := os.Truncate(path, size); err != nil {
		t.Fatal(err)
	}
}

func mustWrite(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}

// replaceWithDir puts a folder (with a file in it) where path was.
func replaceWithDir(t *testing.T, path string) {
	t.Helper()
	mustRemove(t, path)
	if err := os.MkdirAll(filepath.Join(path, "inside"), 0o700); err != nil {
		t.Fatal(err)
	}
}

// replaceWithFile puts a file of garbage where path was.
func replaceWithFile(t *testing.T, path string) {
	t.Helper()
	mustRemove(t, path)
	mustWrite(t, path, "garbage\x00\xff")
}
