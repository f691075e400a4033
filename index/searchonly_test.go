package index

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/briefreader/brief/briefings"
)

// openSearchOnly opens the index of lib in cache to search it as it is.
func openSearchOnly(t *testing.T, lib, cache string) *Index {
	t.Helper()
	roots, _ := briefings.ResolveRoots([]string{lib})
	ix, err := Open(roots, Options{Dir: cache, Log: io.Discard, SearchOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ix.Close() })
	return ix
}

// An index opened to search only is searched as it is and never written:
// scorch's state file is the same byte for byte after a search, and a
// sync brings nothing in.
func TestSearchOnlyWritesNothing(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	writeFiles(t, lib, manyFiles(4))
	built := openDir(t, lib, cache)
	mustSync(t, built)
	_ = built.Close()
	bolts, _ := filepath.Glob(filepath.Join(cache, "v*", "store", "root.bolt"))
	if len(bolts) != 1 {
		t.Fatalf("root.bolt: %q", bolts)
	}
	before, err := os.ReadFile(bolts[0])
	if err != nil {
		t.Fatal(err)
	}

	ix := openSearchOnly(t, lib, cache)
	checkHits(t, ix, "n2xs1", "2/n2x.md#section-1")
	writeFiles(t, lib, map[string]string{"new.md": briefing("fresh", 1, "common")})
	mustSync(t, ix)
	checkHitsNone(t, ix, "freshs1")
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	after, err := os.ReadFile(bolts[0])
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Error("searching the index changed root.bolt")
	}

	// The same index opened to write takes the new file in.
	ix = openDir(t, lib, cache)
	mustSync(t, ix)
	checkHits(t, ix, "freshs1", "new.md#section-1")
}

// A damaged index opened to search only is still rebuilt by a sync, and
// the rebuilt index is filled.
func TestSearchOnlyStillRebuildsADamagedIndex(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	writeFiles(t, lib, manyFiles(4))
	built := openDir(t, lib, cache)
	mustSync(t, built)
	_ = built.Close()
	damageMeta(t, cache)

	ix := openSearchOnly(t, lib, cache)
	mustSync(t, ix)
	checkHits(t, ix, "n2xs1", "2/n2x.md#section-1")
}
