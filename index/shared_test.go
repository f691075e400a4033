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

// Tests of SharedOnly, the mode of brief index: never a private copy.

// With SharedOnly (brief index), an index another process holds is refused
// with an *InUseError, not copied: what brief index builds must be kept.
func TestSharedOnlyRefusesAnIndexInUse(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	writeFiles(t, lib, manyFiles(4))
	ix := openDir(t, lib, cache)
	mustSync(t, ix)
	_ = ix.Close()

	_, stdin := startChild(t, "hold", lib, cache)
	roots, _ := briefings.ResolveRoots([]string{lib})
	_, err := Open(roots, Options{Dir: cache, Log: io.Discard, SharedOnly: true})
	var inUse *InUseError
	if !errors.As(err, &inUse) || inUse.Root != roots[0].Path {
		t.Fatalf("Open: %v, want an *InUseError for %s", err, roots[0].Path)
	}
	if entries, _ := os.ReadDir(filepath.Join(cache, tmpDirName)); len(entries) != 0 {
		t.Errorf("a private copy was made: %v", entries)
	}
	// The refused Open let go of its lock: once the other process is
	// gone, a rebuild can take the index's place at once.
	_ = stdin.Close()
	ix, err = openShared(t, lib, cache)
	if err != nil {
		t.Fatal(err)
	}
	var waited []string
	st, err := ix.Rebuild(context.Background(), func(p Progress) {
		if p.Waiting != "" {
			waited = append(waited, p.Waiting)
		}
	})
	if err != nil || len(waited) != 0 {
		t.Fatalf("rebuild: %v, waited %q", err, waited)
	}
	checkStats(t, st, 4, 0, 0, 0)
}

// Without a cache folder it can use, SharedOnly fails instead of building
// an index in memory that would be thrown away.
func TestSharedOnlyNeverBuildsInMemory(t *testing.T) {
	lib := t.TempDir()
	writeFiles(t, lib, manyFiles(1))
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := openShared(t, lib, filepath.Join(file, "cache")); err == nil || !strings.Contains(err.Error(), "cannot use the index directory") {
		t.Errorf("Open under a file: %v", err)
	}
	// Without SharedOnly, the same folder gives an index in memory.
	ix := openDir(t, lib, filepath.Join(file, "cache"))
	if !hasNotice(ix, "built in memory") {
		t.Errorf("notices: %q", ix.Notices())
	}
}

// A rebuild with SharedOnly that another process opened the old index
// during waits for it to close, saying so, and then takes its place.
func TestSharedOnlyRebuildWaitsForOthers(t *testing.T) {
	lib, cache, ix := builtThenShared(t, 20)
	var stdin io.WriteCloser
	waits := 0
	st, err := ix.Rebuild(context.Background(), func(p Progress) {
		switch {
		case p.Waiting != "":
			waits++
			if !strings.Contains(p.Waiting, "waiting for it to close") {
				t.Errorf("Waiting = %q", p.Waiting)
			}
			if waits == 3 {
				_ = stdin.Close() // the other process quits
			}
		case stdin == nil:
			// A reader opens the old index while the rebuild runs.
			_, stdin = startChild(t, "hold", lib, cache)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if waits < 3 {
		t.Errorf("the rebuild did not wait for the other process (%d waits)", waits)
	}
	checkStats(t, st, 20, 0, 0, 0)
	if !hasNotice(ix, "rebuilt the index") || hasNotice(ix, "kept until brief exits") {
		t.Errorf("notices: %q", ix.Notices())
	}
	_ = ix.Close()
	ix = openDir(t, lib, cache)
	checkStats(t, mustSync(t, ix), 0, 0, 0, 20)
}

// Cancelling a rebuild that waits for another process gives it up: the old
// index stays, whole.
func TestSharedOnlyRebuildWaitCanBeCancelled(t *testing.T) {
	lib, cache, ix := builtThenShared(t, 6)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdin io.WriteCloser
	_, err := ix.Rebuild(ctx, func(p Progress) {
		if p.Waiting != "" {
			cancel()
		} else if stdin == nil {
			_, stdin = startChild(t, "hold", lib, cache)
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("rebuild: %v, want cancelled", err)
	}
	_ = ix.Close()
	if entries, _ := os.ReadDir(filepath.Join(cache, tmpDirName)); len(entries) != 0 {
		t.Errorf("the given-up rebuild was left behind: %v", entries)
	}
	_ = stdin.Close() // the other process quits; wait until it has
	for deadline := time.Now().Add(10 * time.Second); ; {
		probe, err := openShared(t, lib, cache)
		if err == nil {
			_ = probe.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatal(err)
		}
		time.Sleep(10 * time.Millisecond) // poll interval, bounded by the deadline
	}
	ix = openDir(t, lib, cache)
	if len(ix.Notices()) != 0 {
		t.Errorf("notices: %q", ix.Notices())
	}
	checkStats(t, mustSync(t, ix), 0, 0, 0, 6)
}

// builtThenShared builds the index of a library of n files, then opens it
// again with SharedOnly, as brief index does.
func builtThenShared(t *testing.T, n int) (lib, cache string, ix *Index) {
	t.Helper()
	lib, cache = t.TempDir(), t.TempDir()
	writeFiles(t, lib, manyFiles(n))
	built := openDir(t, lib, cache)
	mustSync(t, built)
	_ = built.Close()
	ix, err := openShared(t, lib, cache)
	if err != nil {
		t.Fatal(err)
	}
	return lib, cache, ix
}

func openShared(t *testing.T, lib, cache string) (*Index, error) {
	t.Helper()
	roots, _ := briefings.ResolveRoots([]string{lib})
	ix, err := Open(roots, Options{Dir: cache, Log: io.Discard, SharedOnly: true})
	if err == nil {
		t.Cleanup(func() { _ = ix.Close() })
	}
	return ix, err
}
