package catalog

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/briefreader/brief/briefings"
)

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func titles(c *Catalog) string {
	var out []string
	for _, e := range c.Entries {
		out = append(out, e.Title)
	}
	return strings.Join(out, ",")
}

// settle makes every scan of the test run an hour from now, when the files
// it wrote have left the racy window: their time stamps are trusted.
func settle(t *testing.T) {
	t.Helper()
	scanClock = func() time.Time { return time.Now().Add(time.Hour) }
	t.Cleanup(func() { scanClock = time.Now })
}

func TestCatalogReadsOnlyWhatChanged(t *testing.T) {
	settle(t)
	lib, cache := t.TempDir(), t.TempDir()
	write(t, filepath.Join(lib, "a.md"), "# A\n\n## One\n\ntext\n")
	write(t, filepath.Join(lib, "b.md"), "---\ntitle: B\ntags: [x]\n---\nbody\n")
	write(t, filepath.Join(lib, "bad.md"), strings.Repeat("\x00\x01", 64))
	opts := Options{Dir: cache}

	c := Load([]string{lib}, opts)
	if titles(c) != "A,B" || c.Read != 3 || len(c.Problems) != 1 {
		t.Fatalf("first load: %s, read %d, problems %v", titles(c), c.Read, c.Problems)
	}
	if c.Entries[0].Sections != 2 || c.Entries[1].Tags[0] != "x" {
		t.Errorf("entries = %+v", c.Entries)
	}

	c = Load([]string{lib}, opts)
	if titles(c) != "A,B" || c.Read != 0 || len(c.Problems) != 1 || !strings.Contains(c.Problems[0].Err.Error(), "binary") {
		t.Fatalf("warm load read %d files; problems %v", c.Read, c.Problems)
	}

	later := time.Now().Add(time.Minute)
	write(t, filepath.Join(lib, "a.md"), "# A changed\n")
	os.Chtimes(filepath.Join(lib, "a.md"), later, later)
	os.Remove(filepath.Join(lib, "b.md"))
	write(t, filepath.Join(lib, "c.md"), "# C\n")
	c = Load([]string{lib}, opts)
	if titles(c) != "A changed,C" || c.Read != 2 {
		t.Errorf("after changes: %s, read %d", titles(c), c.Read)
	}
}

func TestDamagedCacheIsRebuilt(t *testing.T) {
	settle(t)
	lib, cache := t.TempDir(), t.TempDir()
	write(t, filepath.Join(lib, "a.md"), "# A\n")
	Load([]string{lib}, Options{Dir: cache})
	files, _ := filepath.Glob(filepath.Join(cache, "catalog", "*.gob"))
	if len(files) != 1 {
		t.Fatalf("cache files: %v", files)
	}
	write(t, files[0], "garbage")
	c := Load([]string{lib}, Options{Dir: cache})
	if titles(c) != "A" || c.Read != 1 {
		t.Errorf("damaged cache: %s, read %d", titles(c), c.Read)
	}
	if c := Load([]string{lib}, Options{Dir: cache}); c.Read != 0 {
		t.Errorf("the cache was not rewritten: read %d", c.Read)
	}
}

func TestSampleAndMissing(t *testing.T) {
	c := Load(nil, Options{Dir: t.TempDir()})
	if len(c.Entries) != 3 {
		t.Errorf("sample: %d entries", len(c.Entries))
	}
	c = Load([]string{filepath.Join(t.TempDir(), "nope")}, Options{})
	if len(c.Entries) != 0 || len(c.Problems) != 1 {
		t.Errorf("missing: %+v", c)
	}
}

func TestCachedListsWithoutReading(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	write(t, filepath.Join(lib, "b.md"), "# B\n")
	write(t, filepath.Join(lib, "a.md"), "# A\n")
	if _, ok := Cached([]string{lib}, Options{Dir: cache}); ok {
		t.Fatal("a library never listed has no cache")
	}
	Load([]string{lib}, Options{Dir: cache})
	os.Remove(filepath.Join(lib, "b.md")) // not seen until Load looks again
	c, ok := Cached([]string{lib}, Options{Dir: cache})
	if !ok || titles(c) != "A,B" {
		t.Errorf("cached: %v %s", ok, titles(c))
	}
	if c := Load([]string{lib}, Options{Dir: cache}); titles(c) != "A" {
		t.Errorf("after Load: %s", titles(c))
	}
}

// A brief killed while writing the cache leaves its temporary file; the
// next write removes it once it is old enough not to be another writer's.
func TestStaleTempFilesAreRemoved(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	write(t, filepath.Join(lib, "a.md"), "# A\n")
	Load([]string{lib}, Options{Dir: cache})
	stale := filepath.Join(cache, "catalog", ".catalog-killed.tmp")
	fresh := filepath.Join(cache, "catalog", ".catalog-writing.tmp")
	write(t, stale, "half")
	write(t, fresh, "half")
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(stale, old, old); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(lib, "b.md"), "# B\n") // a change, so the cache is written
	Load([]string{lib}, Options{Dir: cache})
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("the stale temporary file is still there (%v)", err)
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Errorf("a recent temporary file was removed: %v", err)
	}
}

// A file skipped for its size stays a briefings.TooLargeError when listed
// from the cache, so that the command line can say which flag raises the
// limit.
func TestTooLargeKeepsItsType(t *testing.T) {
	settle(t)
	lib, cache := t.TempDir(), t.TempDir()
	write(t, filepath.Join(lib, "big.md"), "# Big\n\n"+strings.Repeat("words ", 100)+"\n")
	opts := Options{Dir: cache, LoadOptions: briefings.LoadOptions{MaxSize: 100}}
	fresh := Load([]string{lib}, opts)
	warm := Load([]string{lib}, opts)
	cached, ok := Cached([]string{lib}, opts)
	if !ok || warm.Read != 0 {
		t.Fatalf("no cache: ok %v, warm load read %d files", ok, warm.Read)
	}
	for name, c := range map[string]*Catalog{"fresh": fresh, "warm": warm, "cached": cached} {
		var tooLarge *briefings.TooLargeError
		if len(c.Problems) != 1 || !errors.As(c.Problems[0].Err, &tooLarge) || tooLarge.Limit != 100 {
			t.Errorf("%s: problems %v, want one TooLargeError with limit 100", name, c.Problems)
		}
	}
}
