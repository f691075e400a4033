package index

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// readOnlyCache returns a cache folder and a function that makes it
// read-only: a read-only mount as root (who may write anywhere), the
// permissions otherwise.
func readOnlyCache(t *testing.T) (string, func()) {
	t.Helper()
	cache := t.TempDir()
	if os.Geteuid() != 0 {
		return cache, func() {
			_ = filepath.WalkDir(cache, func(path string, d os.DirEntry, err error) error {
				if err == nil {
					mode := os.FileMode(0o444)
					if d.IsDir() {
						mode = 0o555
					}
					_ = os.Chmod(path, mode)
				}
				return nil
			})
			t.Cleanup(func() { _ = exec.Command("chmod", "-R", "u+w", cache).Run() })
		}
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", cache).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a file system here: %v: %s", err, out)
	}
	t.Cleanup(func() { _ = exec.Command("umount", cache).Run() })
	return cache, func() {
		if out, err := exec.Command("mount", "-o", "remount,ro", cache).CombinedOutput(); err != nil {
			t.Fatalf("remount read-only: %v: %s", err, out)
		}
	}
}

// A complete index in a folder brief cannot write (a shared or mounted
// archive) is searched as it is, without a rebuild in memory, and a sync
// leaves it alone.
func TestReadOnlyIndexFolder(t *testing.T) {
	lib := t.TempDir()
	writeFiles(t, lib, manyFiles(10))
	cache, freeze := readOnlyCache(t)
	ix := openDir(t, lib, cache)
	mustSync(t, ix)
	_ = ix.Close()
	freeze()

	ix = openDir(t, lib, cache)
	if !hasNotice(ix, "in a folder brief cannot write") || hasNotice(ix, "in memory") {
		t.Errorf("notices: %q", ix.Notices())
	}
	writeFiles(t, lib, map[string]string{"new.md": briefing("late", 1, "x")})
	st, err := ix.Sync(context.Background(), nil)
	if err != nil || st.Added != 0 {
		t.Errorf("sync of a read-only index: %+v, %v", st, err)
	}
	checkHits(t, ix, "n4xs3", "0/n4x.md#section-3")
	if n := len(hits(t, ix, "common")); n != 30 {
		t.Errorf("common: %d hits, want 30", n)
	}
	for _, n := range ix.Notices() {
		if strings.Contains(n, "damaged") {
			t.Errorf("notice %q", n)
		}
	}
}
