package catalog

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/briefreader/brief/briefings"
)

// stat returns the file as a scan finds it.
func stat(t *testing.T, path string) briefings.File {
	t.Helper()
	f, err := briefings.StatFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// A file whose time stamps are within the racy window of the scan that read
// it is read again next time, even when nothing about it seems to change:
// on a file system with 1 or 2 s time stamps, a change in the same second
// leaves size and times as they were.
func TestRacyFilesAreReadAgain(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	path := filepath.Join(lib, "a.md")
	write(t, path, "# Alpha\n")
	old := time.Now().Add(-time.Hour).Truncate(time.Second)
	if err := os.Chtimes(path, old, old); err != nil {
		t.Fatal(err)
	}
	f := stat(t, path)
	changed := f.ChangeTime
	if changed.IsZero() {
		changed = f.ModTime
	}
	for _, tc := range []struct {
		name     string
		scanAt   time.Time
		wantRead int
	}{
		{"scanned within the window of its last change", changed.Add(time.Second), 1},
		{"scanned again within the window", changed.Add(time.Second), 1},
		{"scanned once the window has passed", changed.Add(briefings.RacyWindow + time.Second), 1},
		{"then trusted", changed.Add(briefings.RacyWindow + time.Second), 0},
	} {
		scanClock = func() time.Time { return tc.scanAt }
		c := Load([]string{lib}, Options{Dir: cache})
		if c.Read != tc.wantRead || titles(c) != "Alpha" {
			t.Errorf("%s: read %d files (want %d), titles %s", tc.name, c.Read, tc.wantRead, titles(c))
		}
	}
	scanClock = time.Now
}

// A file rewritten with the same size and its old modification time (an
// editor or a sync tool that restores times) is read again: its inode
// change time moved, and no program can set that back.
func TestSameSizeSameModTimeChangeIsSeen(t *testing.T) {
	settle(t)
	lib, cache := t.TempDir(), t.TempDir()
	path := filepath.Join(lib, "a.md")
	write(t, path, "# Alpha\n")
	old := time.Now().Add(-time.Hour).Truncate(time.Second)
	if err := os.Chtimes(path, old, old); err != nil {
		t.Fatal(err)
	}
	before := stat(t, path)
	if before.ChangeTime.IsZero() {
		t.Skip("this system gives no inode change time; the racy window alone protects the list")
	}
	if c := Load([]string{lib}, Options{Dir: cache}); titles(c) != "Alpha" {
		t.Fatalf("first list: %s", titles(c))
	}
	// The kernel stamps times from a coarse clock: rewrite until the change
	// time moves on (a few milliseconds at most).
	deadline := time.Now().Add(10 * time.Second)
	for {
		write(t, path, "# Bravo\n")
		if err := os.Chtimes(path, old, old); err != nil {
			t.Fatal(err)
		}
		if !stat(t, path).ChangeTime.Equal(before.ChangeTime) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the inode change time never moved")
		}
	}
	after := stat(t, path)
	if after.Size != before.Size || !after.ModTime.Equal(before.ModTime) {
		t.Fatalf("the change is not same-size-same-time: %+v vs %+v", after, before)
	}
	if c := Load([]string{lib}, Options{Dir: cache}); titles(c) != "Bravo" || c.Read != 1 {
		t.Errorf("after the change: %s, read %d", titles(c), c.Read)
	}
}

func TestClearForgetsTheLibrary(t *testing.T) {
	settle(t)
	lib, other, cache := t.TempDir(), t.TempDir(), t.TempDir()
	write(t, filepath.Join(lib, "a.md"), "# A\n")
	write(t, filepath.Join(lib, "b.md"), "# B\n")
	write(t, filepath.Join(other, "c.md"), "# C\n")
	Load([]string{lib, other}, Options{Dir: cache})
	if c := Load([]string{lib, other}, Options{Dir: cache}); c.Read != 0 {
		t.Fatalf("warm load read %d files", c.Read)
	}
	if err := Clear(cache, []string{lib}); err != nil {
		t.Fatal(err)
	}
	if c := Load([]string{lib, other}, Options{Dir: cache}); c.Read != 2 || titles(c) != "A,B,C" {
		t.Errorf("after Clear: read %d files (want the 2 of the cleared folder), titles %s", c.Read, titles(c))
	}
	if _, ok := Cached([]string{lib}, Options{Dir: cache}); !ok {
		t.Error("the list was not cached again after Clear")
	}
	if err := Clear(cache, []string{filepath.Join(lib, "none")}); err != nil {
		t.Errorf("Clear of a library never listed: %v", err)
	}
	if err := Clear("", []string{lib}); err != nil {
		t.Errorf("Clear without a cache folder: %v", err)
	}
}
