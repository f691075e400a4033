package search

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/index"
)

func TestCountNew(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	old := time.Now().Add(-48 * time.Hour)
	a, b := filepath.Join(lib, "a.md"), filepath.Join(lib, "b.md")
	write(t, a, "---\ntags: [nato]\n---\n# A\n\n## One\n\nThe summit on the missile shield.\n\n## Two\n\nNothing here.\n")
	write(t, b, "# B\n\n## One\n\nA missile test.\n")
	for _, p := range []string{a, b} {
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
	}
	s := open(t, lib, cache, false)
	ctx := context.Background()
	if _, err := s.Sync(ctx, nil); err != nil {
		t.Fatal(err)
	}
	opened := time.Now().Add(-time.Hour) // both files are older
	saved := []Saved{{Query: "missile", Since: opened}, {Query: "missile tag:nato", Since: opened}, {Query: `"missile`, Since: opened}}
	for i, c := range s.CountNew(ctx, saved) {
		if c.New != 0 || c.Err != nil {
			t.Errorf("%q before any change: %+v", saved[i].Query, c)
		}
	}
	write(t, b, "# B\n\n## One\n\nA missile test.\n\n## Two\n\nAnother missile, later.\n")
	if _, err := s.Sync(ctx, nil); err != nil {
		t.Fatal(err)
	}
	got := s.CountNew(ctx, saved)
	if got[0].New != 1 || got[1].New != 0 || got[0].QueryError != nil {
		t.Errorf("after a new section: %+v", got)
	}
	// A query that no longer parses is counted as plain words, and says so.
	if got[2].QueryError == nil || got[2].New != 1 {
		t.Errorf("broken query: %+v", got[2])
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if c := s.CountNew(cancelled, saved[:1]); c[0].Err == nil {
		t.Errorf("a cancelled count: %+v", c)
	}
}

func TestSectionPreviewSource(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	path := filepath.Join(lib, "r.md")
	write(t, path, "# Report\n\nLead.\n\n## Findings\n\nSee [x].\n\n[x]: https://example.com\n")
	s := open(t, lib, cache, false)
	ctx := context.Background()
	// Not indexed yet: read from the file.
	src, err := s.Section(ctx, path, "findings")
	if err != nil || !strings.HasPrefix(src.Markdown, "## Findings") || len(src.Refs) != 1 {
		t.Fatalf("from the file: %+v %v", src, err)
	}
	if _, err := s.Sync(ctx, nil); err != nil {
		t.Fatal(err)
	}
	src, err = s.Section(ctx, path, "findings")
	if err != nil || !strings.HasPrefix(src.Markdown, "## Findings") || src.Title != "Report" || len(src.Refs) != 1 {
		t.Fatalf("from the index: %+v %v", src, err)
	}
	if _, err := s.Section(ctx, path, "gone"); err != index.ErrNotIndexed {
		t.Errorf("a section that is not there: %v", err)
	}
	if _, err := s.Section(ctx, filepath.Join(lib, "missing.md"), ""); err == nil {
		t.Error("a missing file gave a section")
	}
}

func TestFacetsTakeABrokenQueryAsWords(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	write(t, filepath.Join(lib, "a.md"), "---\ntags: [nato]\n---\n# A\n\n## One\n\nThe missile shield.\n")
	s := open(t, lib, cache, false)
	if _, err := s.Sync(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	f, err := s.Facets(context.Background(), index.Request{Query: `"missile`}, nil)
	if err != nil || len(f.Tags) != 1 || f.Tags[0].Value != "nato" {
		t.Errorf("facets: %+v %v", f, err)
	}
}

// Beside another brief that builds the index, what is new to a saved
// search cannot be told: nothing is answered, and the note says why, so
// that nothing new is taken for seen; the counts wait for the index.
func TestWhatIsNewWaitsForTheIndex(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	write(t, filepath.Join(lib, "zz.md"), "# Zeta\n\n## Harbour\n\nThe quixotic harbour.\n")
	roots, _ := briefings.ResolveRoots([]string{lib})
	builder, err := index.Open(roots, index.Options{Dir: cache, Log: io.Discard, Purpose: "brief index"})
	if err != nil {
		t.Fatal(err)
	}
	defer builder.Close() // holds the index, with nothing indexed yet
	s := open(t, lib, cache, false)
	ans, err := s.Search(context.Background(), index.Request{Query: "quixotic", ChangedSince: time.Now().Add(-time.Hour)})
	if err != nil || len(places(ans)) != 0 || !strings.Contains(strings.Join(ans.Notes, " "), "what is new cannot be told until the index is ready") {
		t.Errorf("%v, hits %q, notes %q", err, places(ans), ans.Notes)
	}
	if c := s.CountNew(context.Background(), []Saved{{Query: "quixotic"}}); c[0].Err != ErrBusy {
		t.Errorf("count: %+v", c)
	}
	if f, err := s.Facets(context.Background(), index.Request{Query: "quixotic"}, nil); err != nil || len(f.Tags) != 0 {
		t.Errorf("facets: %+v %v", f, err)
	}
	if src, err := s.Section(context.Background(), filepath.Join(lib, "zz.md"), "harbour"); err != nil || !strings.Contains(src.Markdown, "quixotic") {
		t.Errorf("preview from the file: %+v %v", src, err)
	}
}
