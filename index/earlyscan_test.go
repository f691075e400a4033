package index

import (
	"io"
	"strings"
	"testing"
	"time"

	"github.com/briefreader/brief/briefings"
)

// With WriteWhenChanged (a search that syncs first), the first Sync takes the files as the walk started by
// Open found them; later ones walk again.
func TestWalkStartedAtOpen(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	writeFiles(t, lib, map[string]string{"a.md": briefing("a", 2, "harbour"), "b.md": briefing("b", 2, "quay")})
	built := openDir(t, lib, cache)
	checkStats(t, mustSync(t, built), 2, 0, 0, 0)
	if err := built.Close(); err != nil {
		t.Fatal(err)
	}

	writeFiles(t, lib, map[string]string{"c.md": briefing("c", 2, "jetty")})
	roots, _ := briefings.ResolveRoots([]string{lib})
	ix, err := Open(roots, Options{Dir: cache, Log: io.Discard, WriteWhenChanged: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ix.Close() })
	deadline := time.Now().Add(10 * time.Second)
	for len(ix.early[roots[0].Path]) == 0 { // the walk has not sent its files yet
		if time.Now().After(deadline) {
			t.Fatal("the walk started at Open never ended")
		}
		time.Sleep(time.Millisecond) // waits for a goroutine of this process
	}
	writeFiles(t, lib, map[string]string{"d.md": briefing("d", 2, "pier")}) // after the walk
	checkStats(t, mustSync(t, ix), 1, 0, 0, 2)                              // c, found by the walk
	checkStats(t, mustSync(t, ix), 1, 0, 0, 3)                              // d, by a new one
	if got := hits(t, ix, "pier"); len(got) != 2 || !strings.HasPrefix(got[0], "d.md#") || !strings.HasPrefix(got[1], "d.md#") {
		t.Errorf("search pier: %q, want the two sections of d.md", got)
	}
}
