package index

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/briefreader/brief/internal/userdirs"
)

// The default index folder is decided in one place: DefaultDir, under the
// cache folder userdirs names (a relative XDG_CACHE_HOME is ignored, as
// the XDG rules say), and Open keeps the index there when no folder is
// chosen.
func TestDefaultDirIsWhereOpenKeepsTheIndex(t *testing.T) {
	for _, c := range []struct {
		name, xdg string
	}{
		{"XDG_CACHE_HOME", "abs"},
		{"relative XDG_CACHE_HOME", "relative/cache"},
		{"no XDG_CACHE_HOME", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			home := t.TempDir()
			t.Setenv("HOME", home)
			want := filepath.Join(home, ".cache", "brief")
			if c.xdg == "abs" {
				c.xdg = t.TempDir()
				want = filepath.Join(c.xdg, "brief")
			}
			t.Setenv("XDG_CACHE_HOME", c.xdg)
			base, err := userdirs.CacheHome()
			if err != nil {
				t.Fatal(err)
			}
			if dir, err := DefaultDir(); err != nil || dir != want || dir != filepath.Join(base, "brief") {
				t.Fatalf("DefaultDir() = %q, %v; want %q", dir, err, want)
			}
			lib := t.TempDir()
			writeFiles(t, lib, manyFiles(2))
			ix := openDir(t, lib, "")
			mustSync(t, ix)
			_ = ix.Close()
			if _, err := os.Stat(filepath.Join(want, markerName)); err != nil {
				t.Errorf("Open with no folder did not keep the index in %s: %v", want, err)
			}
		})
	}
}

func TestNoDefaultDirIsErrNoDir(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", "")
	t.Setenv("HOME", "")
	if _, err := userdirs.Home(); err == nil {
		t.Skip("the account has a home folder: the cache folder is always known")
	}
	if _, err := DefaultDir(); !errors.Is(err, ErrNoDir) {
		t.Errorf("DefaultDir() without a home folder = %v, want ErrNoDir", err)
	}
}
