package index

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"

	"github.com/briefreader/brief/briefings"
)

// openSearchOnly opens the index of lib in cache to search it as it is.
func openSearchOnly(t *testing.T, lib, cache string) *Index {
	t.Helper()
	return openWith(t, lib, Options{Dir: cache, Log: io.Discard, SearchOnly: true})
}

// openWith opens the index of lib with opts.
func openWith(t *testing.T, lib string, opts Options) *Index {
	t.Helper()
	roots, _ := briefings.ResolveRoots([]string{lib})
	ix, err := Open(roots, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ix.Close() })
	return ix
}

// builtRootBolt builds the index of lib in cache, closes it, and returns the
// path of scorch's state file.
func builtRootBolt(t *testing.T, lib, cache string) string {
	t.Helper()
	built := openDir(t, lib, cache)
	mustSync(t, built)
	_ = built.Close()
	bolts, _ := filepath.Glob(filepath.Join(cache, "v*", "store", "root.bolt"))
	if len(bolts) != 1 {
		t.Fatalf("root.bolt: %q", bolts)
	}
	return bolts[0]
}

func readBytes(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// An index opened to search only is searched as it is and never written:
// scorch's state file is the same byte for byte after a search, and a
// sync brings nothing in.
func TestSearchOnlyWritesNothing(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	writeFiles(t, lib, manyFiles(4))
	bolt := builtRootBolt(t, lib, cache)
	before := readBytes(t, bolt)

	ix := openSearchOnly(t, lib, cache)
	checkHits(t, ix, "n2xs1", "2/n2x.md#section-1")
	writeFiles(t, lib, map[string]string{"new.md": briefing("fresh", 1, "common")})
	mustSync(t, ix)
	checkHitsNone(t, ix, "freshs1")
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, readBytes(t, bolt)) {
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
	builtRootBolt(t, lib, cache)
	damageMeta(t, cache)

	ix := openSearchOnly(t, lib, cache)
	mustSync(t, ix)
	checkHits(t, ix, "n2xs1", "2/n2x.md#section-1")
}

// A sync of an index opened with WriteWhenChanged writes nothing when no
// file changed, and takes a new and a deleted file in when they did,
// searching the written index from then on.
func TestWriteWhenChangedOpensTheWriterOnlyForAChange(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	writeFiles(t, lib, manyFiles(4))
	bolt := builtRootBolt(t, lib, cache)
	before := readBytes(t, bolt)
	opts := Options{Dir: cache, Log: io.Discard, WriteWhenChanged: true}

	ix := openWith(t, lib, opts)
	st := mustSync(t, ix)
	if st.Unchanged != st.Files || st.Files == 0 || st.Reopened {
		t.Errorf("nothing changed, yet: %+v", st)
	}
	checkHits(t, ix, "n2xs1", "2/n2x.md#section-1")
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, readBytes(t, bolt)) {
		t.Error("a sync that found nothing changed wrote root.bolt")
	}

	writeFiles(t, lib, map[string]string{"new.md": briefing("fresh", 1, "common")})
	if err := os.Remove(filepath.Join(lib, "2", "n2x.md")); err != nil {
		t.Fatal(err)
	}
	ix = openWith(t, lib, opts)
	checkHitsNone(t, ix, "freshs1") // searched as it was until the sync
	st = mustSync(t, ix)
	if st.Added != 1 || st.Removed != 1 || !st.Reopened {
		t.Errorf("sync %+v, want one added and one removed, the index reopened", st)
	}
	checkHits(t, ix, "freshs1", "new.md#section-1")
	checkHitsNone(t, ix, "n2xs1")
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	// Written to stay: opened to search only, the index has them.
	ix = openSearchOnly(t, lib, cache)
	checkHits(t, ix, "freshs1", "new.md#section-1")
	checkHitsNone(t, ix, "n2xs1")
}

// When another process takes the writer between the walk and the open
// (openWriter fails), the sync goes to a private copy, as beside any other
// holder: the new file is found, and the shared index is left to its
// writer.
func TestWriteWhenChangedSyncsAPrivateCopyWhenTheWriterIsTaken(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	writeFiles(t, lib, manyFiles(4))
	builtRootBolt(t, lib, cache)
	writeFiles(t, lib, map[string]string{"new.md": briefing("fresh", 1, "common")})
	saved := openWriter
	openWriter = func(string, briefings.Root) (bleve.Index, error) { return nil, errors.New("taken") }
	t.Cleanup(func() { openWriter = saved })

	ix := openWith(t, lib, Options{Dir: cache, Log: io.Discard, WriteWhenChanged: true})
	if st := mustSync(t, ix); st.Added != 1 || !ix.Private() {
		t.Errorf("sync %+v, private %v: want the new file, in a private copy", st, ix.Private())
	}
	checkHits(t, ix, "n2xs1", "2/n2x.md#section-1")
	checkHits(t, ix, "freshs1", "new.md#section-1")
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	openWriter = saved
	shared := openSearchOnly(t, lib, cache)
	checkHitsNone(t, shared, "freshs1")
}

// Beside another process that has the index open, a sync that must write
// syncs a private copy, as Open does when it finds the index held, rather
// than wait for the writer.
func TestWriteWhenChangedSyncsAPrivateCopyBesideAnotherReader(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	writeFiles(t, lib, manyFiles(4))
	builtRootBolt(t, lib, cache)
	other := openSearchOnly(t, lib, cache) // holds root.bolt, to search
	writeFiles(t, lib, map[string]string{"new.md": briefing("fresh", 1, "common")})

	ix := openWith(t, lib, Options{Dir: cache, Log: io.Discard, WriteWhenChanged: true})
	if ix.Private() {
		t.Fatal("private before any change")
	}
	st := mustSync(t, ix)
	if st.Added != 1 || !ix.Private() {
		t.Errorf("sync %+v, private %v: want the new file, in a private copy", st, ix.Private())
	}
	checkHits(t, ix, "freshs1", "new.md#section-1")
	checkHitsNone(t, other, "freshs1") // the shared index is as it was
	if notes := strings.Join(ix.Notices(), "\n"); !strings.Contains(notes, "private copy") {
		t.Errorf("notices %q", notes)
	}
}
