package search

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
	"github.com/briefreader/brief/index"
	"github.com/briefreader/brief/internal/corpus"
)

// open opens a service on the folder lib with its index in cache.
func open(t *testing.T, lib, cache string, live bool) *Service {
	t.Helper()
	roots, problems := briefings.ResolveRoots([]string{lib})
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	s, err := Open(context.Background(), Options{Roots: roots, Index: index.Options{Dir: cache, Log: io.Discard}, Live: live})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// places returns "relpath#anchor" of every hit.
func places(ans Answer) []string {
	var out []string
	if ans.Results == nil {
		return nil
	}
	for _, h := range ans.Results.Hits {
		out = append(out, h.RelPath+"#"+h.Anchor)
	}
	return out
}

func TestSyncAndSearchFindsChangedFiles(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	write(t, filepath.Join(lib, "a.md"), "# A\n\n## Harbour\n\nThe zanzibar harbour.\n")
	s := open(t, lib, cache, false)
	ans, err := s.SyncAndSearch(context.Background(), index.Request{Query: "zanzibar"}, nil)
	if err != nil || strings.Join(places(ans), " ") != "a.md#harbour" {
		t.Fatalf("first search: %v, %q", err, places(ans))
	}
	write(t, filepath.Join(lib, "b.md"), "# B\n\nAnother zanzibar.\n")
	ans, err = s.SyncAndSearch(context.Background(), index.Request{Query: "zanzibar"}, nil)
	if err != nil || len(places(ans)) != 2 {
		t.Fatalf("after a new file: %v, %q", err, places(ans))
	}
}

// A query that cannot be understood is searched as plain words, and the
// answer says why.
func TestQueryErrorFallsBackToWords(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	write(t, filepath.Join(lib, "a.md"), "# A\n\n## Harbour\n\nThe zanzibar harbour.\n")
	s := open(t, lib, cache, false)
	ans, err := s.SyncAndSearch(context.Background(), index.Request{Query: "\"zanzibar harbour"}, nil)
	if err != nil || ans.QueryError == nil || len(places(ans)) != 1 {
		t.Fatalf("%v, query error %v, %q", err, ans.QueryError, places(ans))
	}
}

// Beside another brief building the index for the first time, a search
// answers from a quick scan of the files, saying so, instead of building
// a second copy; beside one that holds a complete index (to sync it), from
// a private copy, synced for a moment only.
func TestSearchBesideAnotherBrief(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	if err := corpus.Generate(lib, 60, corpus.Options{Seed: 3}); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(lib, "zz.md"), "# Zeta\n\n## Harbour\n\nThe quixotic harbour.\n")
	roots, _ := briefings.ResolveRoots([]string{lib})
	builder, err := index.Open(roots, index.Options{Dir: cache, Log: io.Discard, Purpose: "brief index"})
	if err != nil {
		t.Fatal(err)
	}
	defer builder.Close() // holds the index, with nothing indexed yet
	s := open(t, lib, cache, false)
	ans, err := s.SyncAndSearch(context.Background(), index.Request{Query: "quixotic"}, nil)
	notes := strings.Join(ans.Notes, "\n")
	if err != nil || !strings.Contains(notes, "these results come from a quick scan of the files: the index of "+lib+" is being built by another brief") {
		t.Errorf("%v, notes %q", err, ans.Notes)
	}
	if got := strings.Join(places(ans), " "); got != "zz.md#harbour" {
		t.Errorf("hits %q", got)
	}
	if entries, _ := os.ReadDir(filepath.Join(cache, "tmp")); len(entries) != 0 {
		t.Errorf("a copy was made: %v", entries)
	}
	_ = s.Close()

	// The build done, the other brief keeps the index open.
	if _, err := builder.Sync(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	defer func(b time.Duration) { privateSyncBudget = b }(privateSyncBudget)
	privateSyncBudget = time.Millisecond
	write(t, filepath.Join(lib, "zz2.md"), "# Zeta two\n\nAnother quixotic line.\n")
	s = open(t, lib, cache, false)
	ans, err = s.SyncAndSearch(context.Background(), index.Request{Query: "quixotic"}, nil)
	if err != nil || !strings.Contains(strings.Join(s.Notices(), "\n"), "searching a private copy") || len(places(ans)) == 0 {
		t.Errorf("%v, notices %q, notes %q, hits %q", err, s.Notices(), ans.Notes, places(ans))
	}
}

// A live service indexes changed files in the background and says so.
func TestLiveServiceFollowsTheFiles(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	write(t, filepath.Join(lib, "a.md"), "# A\n\nFirst words.\n")
	s := open(t, lib, cache, true)
	waitSynced(t, s)
	write(t, filepath.Join(lib, "b.md"), "# B\n\nThe quixotic harbour.\n")
	s.Changed([]string{filepath.Join(lib, "b.md")})
	if u := waitSynced(t, s); !u.Changed || u.Stats.Added != 1 {
		t.Errorf("update %+v", u)
	}
	ans, err := s.Search(context.Background(), index.Request{Query: "quixotic"})
	if err != nil || strings.Join(places(ans), " ") != "b.md#b" {
		t.Errorf("%v, %q", err, places(ans))
	}
	if err := os.Remove(filepath.Join(lib, "b.md")); err != nil {
		t.Fatal(err)
	}
	s.Changed([]string{filepath.Join(lib, "b.md")})
	if u := waitSynced(t, s); !u.Changed || u.Stats.Removed != 1 {
		t.Errorf("update %+v", u)
	}
}

// waitSynced waits for the next update that ends a sync.
func waitSynced(t *testing.T, s *Service) Update {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for {
		u, ok := s.NextUpdate(ctx)
		if !ok {
			t.Fatal("no sync ended within 10 s")
		}
		if u.Synced {
			if u.Err != nil && !errors.Is(u.Err, context.Canceled) {
				t.Fatalf("sync: %v", u.Err)
			}
			return u
		}
	}
}

// The app beside another brief that builds the index: it answers from a
// quick scan, tries the index again every so often, and once the other
// brief is done, answers from the index and says the results changed.
func TestLiveServiceWaitsOutABuild(t *testing.T) {
	defer func(d time.Duration) { retryEvery = d }(retryEvery)
	retryEvery = 20 * time.Millisecond
	lib, cache := t.TempDir(), t.TempDir()
	write(t, filepath.Join(lib, "a.md"), "# A\n\n## Harbour\n\nThe quixotic harbour.\n")
	roots, _ := briefings.ResolveRoots([]string{lib})
	builder, err := index.Open(roots, index.Options{Dir: cache, Log: io.Discard, Purpose: "brief index"})
	if err != nil {
		t.Fatal(err)
	}
	s := open(t, lib, cache, true)
	ans, err := s.Search(context.Background(), index.Request{Query: "quixotic"})
	if err != nil || len(ans.Notes) != 1 || strings.Join(places(ans), " ") != "a.md#harbour" {
		t.Fatalf("beside the build: %v, notes %q, hits %q", err, ans.Notes, places(ans))
	}
	if _, err := builder.Sync(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	_ = builder.Close()
	for {
		if u := waitSynced(t, s); u.Changed {
			break
		}
	}
	ans, err = s.Search(context.Background(), index.Request{Query: "quixotic"})
	if err != nil || len(ans.Notes) != 0 || strings.Join(places(ans), " ") != "a.md#harbour" {
		t.Errorf("after the build: %v, notes %q, hits %q", err, ans.Notes, places(ans))
	}
}

// The app opened while another brief holds the index searches a private
// copy; once the other brief lets go, it goes back to the shared index
// (what it syncs is then kept).
func TestLiveServiceLeavesItsPrivateCopy(t *testing.T) {
	defer func(d time.Duration) { retryEvery = d }(retryEvery)
	retryEvery = 20 * time.Millisecond
	lib, cache := t.TempDir(), t.TempDir()
	write(t, filepath.Join(lib, "a.md"), "# A\n\n## Harbour\n\nThe quixotic harbour.\n")
	roots, _ := briefings.ResolveRoots([]string{lib})
	holder, err := index.Open(roots, index.Options{Dir: cache, Log: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := holder.Sync(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	s := open(t, lib, cache, true)
	waitSynced(t, s)
	if !s.index().Private() {
		t.Fatalf("not a private copy: %q", s.Notices())
	}
	_ = holder.Close()
	for u := waitSynced(t, s); !u.Changed; u = waitSynced(t, s) {
	}
	if s.index().Private() {
		t.Error("still a private copy after the other brief closed")
	}
	ans, err := s.Search(context.Background(), index.Request{Query: "quixotic"})
	if err != nil || strings.Join(places(ans), " ") != "a.md#harbour" {
		t.Errorf("%v, %q", err, places(ans))
	}
}
