package index

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
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
	cmd, stdin := startChild(t, "rebuild", lib, cache)
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

	// The busy reader does not use the index folder: the rebuild takes
	// its place without waiting for the reader to close.
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	_ = stdin.Close()
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("the rebuild: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the rebuild waits for a reader that is not using the index")
	}
	if n := reader.Retry(); !n || len(reader.Busy()) != 0 {
		t.Errorf("after the rebuild: retried %v, busy %v", n, reader.Busy())
	}
	checkHits(t, reader, "n3xs1", "3/n3x.md#section-1")
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

// A process that takes the build lock only to find the index made by
// another (which let the lock go just before) lets it go after its first
// sync, as a builder does: a search does not keep others waiting on it
// until it exits.
func TestFoundMadeLetsTheBuildLockGo(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	writeFiles(t, lib, manyFiles(3))
	built := openDir(t, lib, cache)
	mustSync(t, built)
	_ = built.Close()

	ix := openDir(t, lib, cache)
	p := ix.parts[0]
	if err := ix.create(p); err != nil { // the lock was free, the folder there
		t.Fatal(err)
	}
	if p.build == nil {
		t.Fatal("the build lock was not taken")
	}
	mustSync(t, ix)
	if p.build != nil {
		t.Error("the build lock is still held after the first sync")
	}
	if got := beingBuilt(lib, ""); strings.HasSuffix(got, "by ") {
		t.Errorf("a notice with no holder: %q", got)
	}
}
