package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// failWritesAfter makes scorch report a full disk for the part's store
// once n files are written, as its persister does when the disk fills.
func failWritesAfter(t *testing.T, ix *Index, n int) {
	t.Helper()
	old := batchSections
	batchSections = 4
	t.Cleanup(func() { batchSections = old; testHookAfterFile = nil })
	testHookAfterFile = func(done int) {
		if done != n {
			return
		}
		p := ix.parts[0]
		dir := p.dir
		if p.work != "" {
			dir = p.work
		}
		persistFailed(fmt.Errorf("got err persisting snapshot: write: %w", syscall.ENOSPC), filepath.Join(dir, "store"))
	}
}

// A full disk stops a sync at once with a *DiskError that says where the
// index is and how much it needs. The index stays as it was at its last
// complete write, and is searched read-only; a rebuild's half-built copy
// is removed at once; a first build, never complete, leaves the part busy.
func TestFullDisk(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	writeFiles(t, lib, manyFiles(30))

	// A first build.
	ix := openDir(t, lib, cache)
	failWritesAfter(t, ix, 5)
	_, err := ix.Sync(context.Background(), nil)
	var full *DiskError
	if !errors.As(err, &full) || full.Need <= 0 || !strings.Contains(err.Error(), "the disk holding the index of "+lib+" is full") {
		t.Fatalf("first build: %v", err)
	}
	if busy := ix.Busy(); len(busy) != 1 || !strings.Contains(busy[0].Why, "is full") {
		t.Errorf("busy after a failed first build: %v", busy)
	}
	_ = ix.Close()
	testHookAfterFile = nil

	// A complete index, then a rebuild on a full disk.
	ix = openDir(t, lib, cache)
	mustSync(t, ix)
	failWritesAfter(t, ix, 10)
	if _, err := ix.Rebuild(context.Background(), nil); !errors.As(err, &full) {
		t.Fatalf("rebuild: %v", err)
	}
	if entries, _ := os.ReadDir(filepath.Join(cache, tmpDirName)); len(entries) != 0 {
		t.Errorf("the half-built copy is still there: %v", entries)
	}
	if !hasNotice(ix, "is searched as it was") || len(ix.Busy()) != 0 {
		t.Errorf("notices %q, busy %v", ix.Notices(), ix.Busy())
	}
	checkHits(t, ix, "n7xs2", "3/n7x.md#section-2")
	testHookAfterFile = nil
	// Read-only now: a sync does nothing, and fails nothing.
	writeFiles(t, lib, map[string]string{"new.md": briefing("late", 1, "x")})
	checkStats(t, mustSync(t, ix), 0, 0, 0, 0)
	_ = ix.Close()

	// The next run finds the index whole, and adds the new file.
	ix = openDir(t, lib, cache)
	if len(ix.Notices()) != 0 {
		t.Errorf("notices: %q", ix.Notices())
	}
	checkStats(t, mustSync(t, ix), 1, 0, 0, 30)
}

// The errors of a process that ran out of something, or was refused, are
// never taken for damage.
func TestResourceErrorsAreNotDamage(t *testing.T) {
	for _, errno := range []syscall.Errno{syscall.EMFILE, syscall.ENOMEM, syscall.EACCES} {
		err := fmt.Errorf("open x: %w", errno)
		if resourceError(err) == "" || resourceError(errors.New(err.Error())) == "" {
			t.Errorf("%v is not a resource error", errno)
		}
	}
	if resourceError(errors.New("segment x fails its checksum")) != "" {
		t.Error("damage taken for a resource error")
	}
}
