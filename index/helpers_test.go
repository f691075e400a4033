package index

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/briefreader/brief/briefings"
)

// past is a modification time well before any sync, so that files are
// trusted by size and time (files modified within the last seconds are
// always hashed again).
var past = time.Now().Add(-time.Hour).Truncate(time.Second)

// writeFiles writes files (relative path → content) under dir with an old
// modification time.
func writeFiles(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(path, past, past); err != nil {
			t.Fatal(err)
		}
	}
}

// briefing makes a small markdown briefing whose sections each contain a
// unique word "<id>s<n>" and the shared words of body.
func briefing(id string, sections int, body string) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "---\ntitle: Briefing %s\ntags: [test, %s]\ndate: 2024-05-0%d\n---\n\nLead of %s with %slead.\n\n", id, id, len(id)%9+1, id, id)
	for i := 1; i <= sections; i++ {
		fmt.Fprintf(&sb, "## Section %d\n\nText %ss%d %s\n\n", i, id, i, body)
	}
	return sb.String()
}

// openDir opens the index of one folder with its cache in cache.
func openDir(t testing.TB, lib, cache string) *Index {
	t.Helper()
	roots, problems := briefings.ResolveRoots([]string{lib})
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	ix, err := Open(roots, Options{Dir: cache, Log: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ix.Close() })
	return ix
}

func mustSync(t testing.TB, ix *Index) SyncStats {
	t.Helper()
	stats, err := ix.Sync(context.Background(), nil)
	if err != nil {
		t.Fatalf("sync: %v", err)
	}
	return stats
}

// hits returns "relpath#anchor" of every hit of q, in order.
func hits(t testing.TB, ix *Index, q string) []string {
	t.Helper()
	res, err := ix.Search(context.Background(), Request{Query: q, Limit: 1000})
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.RelPath+"#"+h.Anchor)
	}
	if uint64(len(out)) != res.Total {
		t.Fatalf("search %q: %d hits but total %d", q, len(out), res.Total)
	}
	return out
}

func checkHits(t testing.TB, ix *Index, q string, want ...string) {
	t.Helper()
	got := hits(t, ix, q)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("search %q:\n got %q\nwant %q", q, got, want)
	}
}

func checkStats(t testing.TB, got SyncStats, added, updated, removed, unchanged int) {
	t.Helper()
	if got.Added != added || got.Updated != updated || got.Removed != removed || got.Unchanged != unchanged {
		t.Errorf("sync: added/updated/removed/unchanged = %d/%d/%d/%d, want %d/%d/%d/%d",
			got.Added, got.Updated, got.Removed, got.Unchanged, added, updated, removed, unchanged)
	}
}

func hasNotice(ix *Index, part string) bool {
	for _, n := range ix.Notices() {
		if strings.Contains(n, part) {
			return true
		}
	}
	return false
}
