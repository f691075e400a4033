package index

import (
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/briefreader/brief/briefings"
)

// Indexes of other versions of brief are left alone while they may still
// be used (an older brief beside this one), and removed once unused for a
// month; brief index --prune (Prune) removes them at once, with the
// indexes of libraries that no longer exist, never one in use.
func TestIndexesOfOtherVersions(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	writeFiles(t, lib, manyFiles(1))
	roots, _ := briefings.ResolveRoots([]string{lib})
	key := keyFor(roots[0])
	_, rest, _ := strings.Cut(key, "-")
	recent := filepath.Join(cache, "v0-"+rest)
	stale := filepath.Join(cache, "v1-other-000000000000")
	for _, dir := range []string{recent, stale} {
		if err := os.MkdirAll(filepath.Join(dir, "store"), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	old := time.Now().Add(-40 * 24 * time.Hour)
	if err := os.Chtimes(stale, old, old); err != nil {
		t.Fatal(err)
	}
	ix := openDir(t, lib, cache)
	mustSync(t, ix)
	if _, err := os.Stat(recent); err != nil {
		t.Errorf("a recent index of another version was removed: %v", err)
	}
	if _, err := os.Stat(stale); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("an index of another version unused for 40 days was kept: %v", err)
	}

	// Prune: the other version goes, and so does the index of a library
	// that was deleted; the index in use stays, and so does this one.
	gone := t.TempDir()
	writeFiles(t, gone, manyFiles(1))
	other := openDir(t, gone, cache)
	mustSync(t, other)
	_ = other.Close()
	if err := os.RemoveAll(gone); err != nil {
		t.Fatal(err)
	}
	pruned, err := Prune(cache)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range pruned {
		got = append(got, filepath.Base(p.Dir)+": "+p.Why)
	}
	goneKey := keyFor(briefings.Root{Path: gone, Dir: true})
	want := []string{"v0-" + rest + ": made by another version of brief", goneKey + ": its library no longer exists"}
	sort.Strings(want)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("pruned:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	checkStats(t, mustSync(t, ix), 0, 0, 0, 1)
}

// Temporary folders of processes that died are removed; what brief did
// not make in its tmp folder is left alone.
func TestOldTempDirectoriesAreRemoved(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	writeFiles(t, lib, manyFiles(1))
	openDir(t, lib, cache).Close()
	dead := filepath.Join(cache, tmpDirName, "brief-v1-x-000000000000.rebuild.999999999.1")
	foreign := filepath.Join(cache, tmpDirName, "x.y.999999999.z")
	for _, dir := range []string{dead, foreign} {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	openDir(t, lib, cache)
	if _, err := os.Stat(dead); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the directory of a dead process was kept: %v", err)
	}
	if _, err := os.Stat(foreign); err != nil {
		t.Errorf("a folder brief did not make was removed: %v", err)
	}
}
