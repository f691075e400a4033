package index

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/briefreader/brief/briefings"
)

// Tests of another process building, rebuilding or locking the index.

// One rebuild at a time: beside a brief index --rebuild, a second one
// fails at once, naming the first; a search of a damaged index does not
// build a second copy: the part is busy, and says why.
func TestOneRebuildAtATime(t *testing.T) {
	lib, cache, ix := builtThenShared(t, 8)
	_ = ix.Close()
	_, stdin := startChild(t, "rebuild", lib, cache)
	defer stdin.Close()

	second, err := openShared(t, lib, cache)
	if err == nil {
		_, err = second.Rebuild(context.Background(), nil)
		_ = second.Close()
	}
	var rebuilding *RebuildingError
	if !errors.As(err, &rebuilding) || !strings.Contains(err.Error(), "brief index --rebuild (pid ") || !strings.Contains(err.Error(), ", running)") {
		t.Fatalf("second rebuild: %v", err)
	}

	// The old index is good: a search uses it.
	reader := openDir(t, lib, cache)
	if busy := reader.Busy(); len(busy) != 0 {
		t.Fatalf("busy beside a rebuild of a good index: %v", busy)
	}
	checkHits(t, reader, "n3xs1", "3/n3x.md#section-1")
	_ = reader.Close()

	// A damaged index is not rebuilt a second time.
	damageMeta(t, cache)
	reader = openDir(t, lib, cache)
	busy := reader.Busy()
	if len(busy) != 1 || !strings.Contains(busy[0].Why, "is being rebuilt by brief index --rebuild (pid") {
		t.Fatalf("busy: %v, notices %q", busy, reader.Notices())
	}
	if hasNotice(reader, "rebuilding it") {
		t.Errorf("notices: %q", reader.Notices())
	}
	if entries, _ := os.ReadDir(filepath.Join(cache, tmpDirName)); len(entries) != 1 {
		t.Errorf("tmp holds %d folders, want the one rebuild", len(entries))
	}
}

// damageMeta makes the index in cache unreadable.
func damageMeta(t *testing.T, cache string) {
	t.Helper()
	metas, _ := filepath.Glob(filepath.Join(cache, "v*", "index_meta.json"))
	if len(metas) != 1 {
		t.Fatalf("index_meta.json: %q", metas)
	}
	if err := os.WriteFile(metas[0], []byte("garbage"), 0o600); err != nil {
		t.Fatal(err)
	}
}

// A lock file held exclusively (a process stopped while it renamed the
// index) is waited for a bounded time: the index is then busy, saying who
// holds the lock, and in what state; brief index refuses, saying so.
func TestLockHeldByAStoppedProcess(t *testing.T) {
	defer func(d time.Duration) { lockWait = d }(lockWait)
	lockWait = 100 * time.Millisecond
	lib, cache, ix := builtThenShared(t, 2)
	_ = ix.Close()
	cmd, stdin := startChild(t, "lock", lib, cache)
	defer stdin.Close()
	if err := cmd.Process.Signal(syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Signal(syscall.SIGCONT) }()
	pid := strconv.Itoa(cmd.Process.Pid)

	start := time.Now()
	reader := openDir(t, lib, cache)
	busy := reader.Busy()
	if len(busy) != 1 || !strings.Contains(busy[0].Why, "is locked by") {
		t.Fatalf("busy %v", busy)
	}
	if lockAccounting() && !strings.Contains(busy[0].Why, "(pid "+pid+", stopped)") {
		t.Errorf("the holder is not named: %q", busy[0].Why)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("Open waited %s for a stopped process", took) // a hang, not a speed test
	}
	_, err := openShared(t, lib, cache)
	var inUse *InUseError
	if !errors.As(err, &inUse) {
		t.Fatalf("brief index: %v", err)
	}
}

// Processes creating the index at once: each makes it in a folder of its
// own and renames it into place; the loser opens the winner's. Nobody
// deletes a folder it did not make, and nobody finds damage.
func TestConcurrentCreation(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	writeFiles(t, lib, manyFiles(6))
	roots, _ := briefings.ResolveRoots([]string{lib})
	errs := make(chan error, 4)
	ixs := make(chan *Index, 4)
	for range 4 {
		go func() {
			ix, err := Open(roots, Options{Dir: cache, Log: io.Discard})
			errs <- err
			ixs <- ix
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
		ix := <-ixs
		t.Cleanup(func() { _ = ix.Close() })
		for _, n := range ix.Notices() {
			if strings.Contains(n, "damaged") || strings.Contains(n, "rebuild") {
				t.Errorf("notice: %q", n)
			}
		}
	}
	if entries, _ := os.ReadDir(filepath.Join(cache, tmpDirName)); len(entries) > 3 {
		t.Errorf("tmp: %d entries", len(entries))
	}
}
