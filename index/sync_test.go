package index

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/briefreader/brief/briefings"
)

func TestSyncAddChangeDeleteRename(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	writeFiles(t, lib, map[string]string{
		"a.md":     briefing("alpha", 2, "common"),
		"b.md":     briefing("bravo", 3, "common"),
		"sub/c.md": briefing("charlie", 1, "common"),
	})
	ix := openDir(t, lib, cache)
	st := mustSync(t, ix)
	checkStats(t, st, 3, 0, 0, 0)
	if st.Files != 3 || st.Sections != 2+3+1+3 {
		t.Errorf("files %d, sections %d", st.Files, st.Sections)
	}
	checkHits(t, ix, "bravos2", "b.md#section-2")
	checkHits(t, ix, "charlielead", "sub/c.md#")
	if n := len(hits(t, ix, "common")); n != 6 {
		t.Errorf("common: %d hits, want 6", n)
	}

	// Nothing changed: every file is skipped after a stat, nothing is read.
	st = mustSync(t, ix)
	checkStats(t, st, 0, 0, 0, 3)
	if st.Bytes != 0 {
		t.Errorf("a no-change sync read %d bytes", st.Bytes)
	}

	// Change a section, drop another; touch a file without changing it.
	writeFiles(t, lib, map[string]string{"b.md": strings.Replace(briefing("bravo", 2, "common"), "bravos1", "bravonew", 1)})
	later := past.Add(time.Minute)
	if err := os.Chtimes(filepath.Join(lib, "a.md"), later, later); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(filepath.Join(lib, "b.md"), later, later); err != nil {
		t.Fatal(err)
	}
	st = mustSync(t, ix)
	checkStats(t, st, 0, 1, 0, 2)
	checkHits(t, ix, "bravos1")
	checkHits(t, ix, "bravos3")
	checkHits(t, ix, "bravonew", "b.md#section-1")
	checkHits(t, ix, "alphas1", "a.md#section-1")

	// Delete, rename and add.
	if err := os.Remove(filepath.Join(lib, "a.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(lib, "sub/c.md"), filepath.Join(lib, "sub/renamed.md")); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, lib, map[string]string{"d.md": briefing("delta", 1, "common")})
	st = mustSync(t, ix)
	checkStats(t, st, 2, 0, 2, 1)
	checkHits(t, ix, "alphas1")
	checkHits(t, ix, "alphalead")
	checkHits(t, ix, "charlies1", "sub/renamed.md#section-1")
	checkHits(t, ix, "deltas1", "d.md#section-1")
	if n := len(hits(t, ix, "common")); n != 2+1+1 {
		t.Errorf("common: %d hits, want 4", n)
	}

	// The next sync finds nothing to do: removed files stay removed.
	checkStats(t, mustSync(t, ix), 0, 0, 0, 3)

	// Reopening keeps everything.
	_ = ix.Close()
	ix = openDir(t, lib, cache)
	if n := len(ix.Notices()); n != 0 {
		t.Errorf("notices after a clean reopen: %q", ix.Notices())
	}
	checkStats(t, mustSync(t, ix), 0, 0, 0, 3)
	checkHits(t, ix, "bravonew", "b.md#section-1")
}

func TestSyncSameSizeChangeOfRecentFile(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	path := filepath.Join(lib, "x.md")
	if err := os.WriteFile(path, []byte("# One\n\naaaa\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ix := openDir(t, lib, cache)
	mustSync(t, ix)
	info, _ := os.Stat(path)
	// Same size, and the same modification time: a file written twice
	// within one time stamp. It was written just now, so it is hashed again.
	if err := os.WriteFile(path, []byte("# One\n\nbbbb\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(path, info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
	st := mustSync(t, ix)
	checkStats(t, st, 0, 1, 0, 0)
	checkHits(t, ix, "bbbb", "x.md#one")
	checkHits(t, ix, "aaaa")
}

func TestSyncProblemsAreRemembered(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	writeFiles(t, lib, map[string]string{"good.md": briefing("good", 1, ""), "bin.md": "\x00\x01\x02\x03\x00\x01\x02\x03"})
	ix := openDir(t, lib, cache)
	st := mustSync(t, ix)
	if st.Failed != 1 || len(st.Problems) != 1 || !st.Problems[0].Skipped || !strings.HasSuffix(st.Problems[0].Path, "bin.md") {
		t.Fatalf("failed %d, problems %v", st.Failed, st.Problems)
	}
	st = mustSync(t, ix)
	checkStats(t, st, 0, 0, 0, 2)
	if len(st.Problems) != 1 || !strings.Contains(st.Problems[0].Err.Error(), "binary") {
		t.Errorf("the unchanged binary file's problem was not reported again: %v", st.Problems)
	}
	// Fixing the file indexes it; deleting it removes it.
	writeFiles(t, lib, map[string]string{"bin.md": briefing("fixed", 1, "")})
	checkStats(t, mustSync(t, ix), 1, 0, 0, 1)
	checkHits(t, ix, "fixeds1", "bin.md#section-1")
}

func TestSyncCancelKeepsCompletedFiles(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	files := map[string]string{}
	for i := range 60 {
		id := "f" + strings.Repeat("x", i%3) + string(rune('a'+i%26)) + string(rune('a'+i/26))
		files[id+".md"] = briefing(id, 2, "common")
	}
	writeFiles(t, lib, files)
	old := batchSections
	batchSections = 4
	t.Cleanup(func() { batchSections = old; testHookAfterFile = nil })

	ix := openDir(t, lib, cache)
	ctx, cancel := context.WithCancel(context.Background())
	testHookAfterFile = func(done int) {
		if done == 20 {
			cancel()
		}
	}
	st, err := ix.Sync(ctx, nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if st.Added < 20 || st.Added >= 60 {
		t.Fatalf("a cancelled sync added %d files", st.Added)
	}
	testHookAfterFile = nil
	st2 := mustSync(t, ix)
	if st2.Added+st2.Unchanged != 60 || st2.Updated != 0 || st2.Added != 60-st.Added {
		t.Errorf("after cancel: %+v", st2)
	}
	if n := len(hits(t, ix, "common")); n != 120 {
		t.Errorf("common: %d hits, want 120", n)
	}
}

func TestSearchWhileSyncing(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	files := map[string]string{}
	for i := range 40 {
		files[filepath.Join("d", string(rune('a'+i%26))+string(rune('a'+i/26))+".md")] = briefing("w", 3, "common words here")
	}
	writeFiles(t, lib, files)
	old := batchSections
	batchSections = 8
	t.Cleanup(func() { batchSections = old })
	ix := openDir(t, lib, cache)
	var wg sync.WaitGroup
	done := make(chan struct{})
	for range 3 {
		wg.Go(func() {
			for {
				select {
				case <-done:
					return
				default:
				}
				if _, err := ix.Search(context.Background(), Request{Query: "common", AsYouType: true}); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	mustSync(t, ix)
	close(done)
	wg.Wait()
	if n := len(hits(t, ix, "common")); n != 120 {
		t.Errorf("common: %d hits, want 120", n)
	}
}

func TestSampleLibrary(t *testing.T) {
	ix, err := Open([]briefings.Root{briefings.SampleRoot}, Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	mustSync(t, ix)
	res, err := ix.Search(context.Background(), Request{Query: `"north korean" troops`})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) == 0 || res.Hits[0].Heading != "The North Korean Factor" {
		t.Fatalf("hits: %+v", res.Hits)
	}
	h := res.Hits[0]
	if h.Path != "builtin:ukraine-atacms-north-korea.md" || h.Anchor != "the-north-korean-factor" || h.Date.Year() != 2024 {
		t.Errorf("hit identity: %+v", h)
	}
	if strings.Join(h.Terms, ",") != "korean,north,troops" {
		t.Errorf("terms = %q", h.Terms)
	}
	s := h.Snippets[0]
	var matched []string
	for _, m := range s.Matches {
		matched = append(matched, s.Text[m[0]:m[1]])
	}
	if strings.Join(matched, " ") != "North Korean troops" {
		t.Errorf("first snippet matches %q in %q", matched, s.Text)
	}
	// Presenter notes are not indexed.
	checkHitsNone(t, ix, `"what long-range means"`)
}

func checkHitsNone(t *testing.T, ix *Index, q string) {
	t.Helper()
	if got := hits(t, ix, q); len(got) != 0 {
		t.Errorf("search %q found %q", q, got)
	}
}
