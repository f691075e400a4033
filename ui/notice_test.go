package ui

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/index"
	"github.com/briefreader/brief/internal/catalog"
)

// A damaged index is rebuilt when the app opens it (ui.Options.OpenSearch):
// the search screen says so, and still answers, with the notice kept
// after the results that follow it.
func TestSearchSaysTheIndexWasRebuilt(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	text := "# Rebuilt\n\n## Harbour\n\nThe zanzibar harbour reopened.\n"
	if err := os.WriteFile(filepath.Join(lib, "harbour.md"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	roots := []briefings.Root{{Path: lib, Dir: true}}
	open := func() (*index.Index, error) {
		return index.Open(roots, index.Options{Dir: cache, Log: discardLog{}})
	}
	ix, err := open()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Sync(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	_ = ix.Close()
	metas, _ := filepath.Glob(filepath.Join(cache, "v*", "index_meta.json"))
	if len(metas) != 1 || os.Remove(metas[0]) != nil {
		t.Fatalf("no index to damage: %q", metas)
	}

	tm := startAppWith(t, Options{
		Load:       func(func(int, int)) *catalog.Catalog { return catalog.Load([]string{lib}, catalog.Options{}) },
		Style:      "dark",
		Store:      newStore(t, t.TempDir()),
		Query:      "zanzibar",
		OpenSearch: func() (SearchService, error) { return realSearch(t, roots, cache) },
	})
	waitUntil(t, tm, "the index is synced", searchSynced)
	waitForScreen(t, tm, "Rebuilt › Harbour", "1 section in", "rebuilt the index of")
}
