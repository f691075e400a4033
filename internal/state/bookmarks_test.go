package state

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// Two windows on one briefing each bookmark a section, and each removes
// one the other still has: every change survives, whichever saves last.
func TestTwoWindowsBookmarksMerge(t *testing.T) {
	dir := t.TempDir()
	setup := open(t, dir)
	setup.ToggleBookmark("war.md", "kept")
	setup.ToggleBookmark("war.md", "removed-by-a")
	setup.ToggleBookmark("war.md", "removed-by-b")
	save(t, setup)

	a, b := open(t, dir), open(t, dir)
	a.ToggleBookmark("war.md", "added-by-a")
	a.ToggleBookmark("war.md", "removed-by-a")
	b.ToggleBookmark("war.md", "added-by-b")
	b.ToggleBookmark("war.md", "removed-by-b")
	save(t, a)
	save(t, b) // b saves last, with a list that never had a's changes

	want := []string{"kept", "added-by-a", "added-by-b"}
	if got := open(t, dir).Bookmarks("war.md"); !slices.Equal(got, want) {
		t.Errorf("after both saved: %q, want %q", got, want)
	}
	// a's memory has b's changes after its next save.
	a.ToggleBookmark("other.md", "x")
	save(t, a)
	if got := a.Bookmarks("war.md"); !slices.Equal(got, want) {
		t.Errorf("a sees %q, want %q", got, want)
	}
}

// A state.json written before bookmarks were merged anchor by anchor keeps
// its bookmarks, in their order, and merges with a newer list.
func TestOldBookmarkListsStillRead(t *testing.T) {
	dir := t.TempDir()
	old := map[string]any{"version": 1, "briefings": map[string]any{
		"war.md": map[string]any{"bookmarks": map[string]any{"anchors": []string{"zeta", "alpha"}, "updated": t0}},
	}}
	data, _ := json.Marshal(old)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "state.json"), data, 0o600); err != nil {
		t.Fatal(err)
	}
	s := open(t, dir)
	if got := s.Bookmarks("war.md"); !slices.Equal(got, []string{"zeta", "alpha"}) {
		t.Fatalf("old list read as %q", got)
	}
	s.ToggleBookmark("war.md", "beta")
	s.ToggleBookmark("war.md", "zeta")
	save(t, s)
	if got := open(t, dir).Bookmarks("war.md"); !slices.Equal(got, []string{"alpha", "beta"}) {
		t.Errorf("after changes: %q", got)
	}
}

// Two windows read one briefing; the one that moved last is where the
// briefing opens next, even when the other saves after it.
func TestTwoWindowsPositions(t *testing.T) {
	dir := t.TempDir()
	a, b := open(t, dir), open(t, dir)
	a.SetPosition("war.md", Position{Anchor: "early", Updated: t0})
	b.SetPosition("war.md", Position{Anchor: "late", Updated: t0.Add(time.Minute)})
	save(t, b)
	save(t, a)
	if p, _ := open(t, dir).Position("war.md"); p.Anchor != "late" {
		t.Errorf("position %q, want the one recorded last", p.Anchor)
	}
}
