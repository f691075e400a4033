package cli

import (
	"path/filepath"
	"testing"

	"github.com/briefreader/brief/internal/catalog"
)

// brief index --rebuild starts the library list afresh too: a list cached
// from files whose change left no trace in their size and times (a FAT
// stick and a tool that restores times) is forgotten, not kept.
func TestRebuildClearsTheLibraryList(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	writeFile(t, filepath.Join(lib, "a.md"), "# Alpha\n")
	var cleared [][]string
	clearCatalogCache = func(dir string, paths []string) error {
		if dir != cache {
			t.Errorf("cleared the lists in %s, not in the index folder %s", dir, cache)
		}
		cleared = append(cleared, paths)
		return catalog.Clear(dir, paths)
	}
	t.Cleanup(func() { clearCatalogCache = catalog.Clear })
	if _, errOut, code := run(t, "--index-dir", cache, "-L", lib, "index"); code != 0 || len(cleared) != 0 {
		t.Fatalf("brief index: exit %d, cleared %q, stderr %s", code, cleared, errOut)
	}
	if _, errOut, code := run(t, "--index-dir", cache, "-L", lib, "index", "--rebuild"); code != 0 ||
		len(cleared) != 1 || len(cleared[0]) != 1 || cleared[0][0] != lib {
		t.Fatalf("brief index --rebuild: exit %d, cleared %q, stderr %s", code, cleared, errOut)
	}
	if c, ok := catalog.Cached([]string{lib}, catalog.Options{Dir: cache}); !ok || len(c.Entries) != 1 || c.Entries[0].Title != "Alpha" {
		t.Errorf("the list was not cached again after the rebuild (ok=%v)", ok)
	}
}
