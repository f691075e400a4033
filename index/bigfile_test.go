package index

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// headings writes a briefing of n sections, each with its word "<id>h<i>".
func headings(id string, n int) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "# %s\n\n", id)
	for i := range n {
		fmt.Fprintf(&sb, "## Part %d\n\nWord %sh%d here.\n\n", i, id, i)
	}
	return sb.String()
}

// A file with more sections than a batch holds is written in several
// batches (memory is bounded by the batch, not the file). A sync stopped
// part way through it leaves nothing behind: the next one indexes the
// file again, and sections the file no longer has are gone.
func TestFileLargerThanABatch(t *testing.T) {
	old := batchSections
	batchSections = 20
	t.Cleanup(func() { batchSections = old })
	lib, cache := t.TempDir(), t.TempDir()
	writeFiles(t, lib, map[string]string{"big.md": headings("big", 130), "small.md": briefing("small", 2, "x")})
	ix := openDir(t, lib, cache)
	checkStats(t, mustSync(t, ix), 2, 0, 0, 0)
	checkHits(t, ix, "bigh129", "big.md#part-129")
	checkHits(t, ix, "bigh0", "big.md#part-0")

	// Stop a sync in the middle of the file's batches, after it changed.
	writeFiles(t, lib, map[string]string{"big.md": headings("new", 100)})
	ctx, cancel := context.WithCancel(context.Background())
	batches := 0
	testHookAfterBatch = func() {
		if batches++; batches == 2 {
			cancel()
		}
	}
	t.Cleanup(func() { testHookAfterBatch = nil })
	if _, err := ix.Sync(ctx, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("sync: %v", err)
	}
	testHookAfterBatch = nil
	_ = ix.Close()

	ix = openDir(t, lib, cache)
	checkStats(t, mustSync(t, ix), 0, 1, 0, 1)
	checkHits(t, ix, "newh99", "big.md#part-99")
	checkHitsNone(t, ix, "bigh129") // part-129 is gone from the file
	checkHitsNone(t, ix, "bigh5")   // part-5 now holds other words
	if n := len(hits(t, ix, "word")); n != 100 {
		t.Errorf("word: %d hits, want the 100 sections", n)
	}
}
