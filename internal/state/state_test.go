package state

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

var t0 = time.Date(2026, 11, 3, 9, 0, 0, 0, time.UTC)

func open(t *testing.T, dir string) *Store {
	t.Helper()
	s, warnings, err := Open(dir)
	if err != nil {
		t.Fatalf("Open(%q): %v", dir, err)
	}
	if len(warnings) > 0 {
		t.Fatalf("Open(%q) warned: %q", dir, warnings)
	}
	return s
}

func save(t *testing.T, s *Store) {
	t.Helper()
	if err := s.Save(); err != nil {
		t.Fatalf("Save: %v", err)
	}
}

// countWrites makes s count the state files it writes.
func countWrites(s *Store) *int {
	n := new(int)
	s.hook = func(stage string) error {
		if stage == "renamed" {
			*n++
		}
		return nil
	}
	return n
}

func assertOneLine(t *testing.T, msg string) {
	t.Helper()
	if msg == "" || strings.ContainsAny(msg, "\n\r") {
		t.Fatalf("message is not one line: %q", msg)
	}
}

func TestRoundTrip(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "not", "yet", "there")
	s := open(t, dir)
	if s.Dir() != dir {
		t.Fatalf("Dir() = %q, want %q", s.Dir(), dir)
	}
	s.SetPosition("/lib/ukraine.md", Position{Anchor: "the-north-korean-factor", Fraction: 0.25, Updated: t0})
	s.SetPosition("/lib/wheat.md", Position{Anchor: "", Fraction: 1})
	s.ToggleBookmark("/lib/ukraine.md", "sanctions")
	s.ToggleBookmark("/lib/ukraine.md", "background")
	s.AddHistory("grain exports")
	s.AddHistory("  \"black sea\"  ")
	save(t, s)

	r := open(t, dir)
	p, ok := r.Position("/lib/ukraine.md")
	if !ok || p.Anchor != "the-north-korean-factor" || p.Fraction != 0.25 || !p.Updated.Equal(t0) {
		t.Errorf("Position = %+v, %v", p, ok)
	}
	if p, ok := r.Position("/lib/wheat.md"); !ok || p.Anchor != "" || p.Fraction != 1 || p.Updated.IsZero() {
		t.Errorf("Position(wheat) = %+v, %v", p, ok)
	}
	if _, ok := r.Position("/lib/other.md"); ok {
		t.Error("Position of an unknown briefing reported as found")
	}
	if got, want := r.Bookmarks("/lib/ukraine.md"), []string{"sanctions", "background"}; !slices.Equal(got, want) {
		t.Errorf("Bookmarks = %q, want %q", got, want)
	}
	if got, want := r.History(), []string{`"black sea"`, "grain exports"}; !slices.Equal(got, want) {
		t.Errorf("History = %q, want %q", got, want)
	}

	// Human-readable, versioned JSON.
	data, err := os.ReadFile(filepath.Join(dir, stateFile))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "\n  \"version\": 1,\n") || !strings.Contains(string(data), `"anchor": "the-north-korean-factor"`) {
		t.Errorf("state.json is not indented, versioned JSON:\n%s", data)
	}
	if info, err := os.Stat(filepath.Join(dir, historyFile)); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("history.json: %v, %v (want mode 0600)", info, err)
	}
}

func TestSaveWritesOnlyWhatChanged(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "state")
	s := open(t, dir)
	writes := countWrites(s)
	save(t, s)
	if *writes != 0 {
		t.Fatalf("Save of an untouched store wrote %d files", *writes)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("Save of an untouched store created the folder: %v", err)
	}
	s.SetPosition("a.md", Position{Anchor: "x", Fraction: 0.5})
	save(t, s)
	if *writes != 1 {
		t.Fatalf("Save after SetPosition wrote %d files, want 1 (state.json only)", *writes)
	}
	s.SetPosition("a.md", Position{Anchor: "x", Fraction: 0.5}) // same place: no change
	save(t, s)
	s.AddHistory("   ")
	save(t, s)
	if *writes != 1 {
		t.Fatalf("Save without a change wrote again (%d writes)", *writes)
	}
	s.AddHistory("q")
	save(t, s)
	if *writes != 2 {
		t.Fatalf("Save after AddHistory: %d writes, want 2", *writes)
	}
}

func TestTwoStoresMerge(t *testing.T) {
	dir := t.TempDir()
	a, b := open(t, dir), open(t, dir)

	a.SetPosition("a.md", Position{Anchor: "one", Fraction: 0.1, Updated: t0})
	b.SetPosition("b.md", Position{Anchor: "two", Fraction: 0.2, Updated: t0})
	// Both read shared.md; b did so later, but a saves last.
	a.SetPosition("shared.md", Position{Anchor: "old", Updated: t0.Add(time.Minute)})
	b.SetPosition("shared.md", Position{Anchor: "new", Updated: t0.Add(2 * time.Minute)})
	a.ToggleBookmark("a.md", "mark")
	b.AddHistory("from b")
	a.AddHistory("from a")
	save(t, b)
	save(t, a)

	c := open(t, dir)
	for path, want := range map[string]string{"a.md": "one", "b.md": "two", "shared.md": "new"} {
		if p, ok := c.Position(path); !ok || p.Anchor != want {
			t.Errorf("after both saved, Position(%s) = %+v, %v; want anchor %q", path, p, ok, want)
		}
	}
	if got := c.Bookmarks("a.md"); !slices.Equal(got, []string{"mark"}) {
		t.Errorf("Bookmarks(a.md) = %q", got)
	}
	if got, want := c.History(), []string{"from a", "from b"}; !slices.Equal(got, want) {
		t.Errorf("History = %q, want %q", got, want)
	}
	// Saving also brought the other store's entries into a's memory.
	if p, ok := a.Position("b.md"); !ok || p.Anchor != "two" {
		t.Errorf("a does not see b's position after saving: %+v, %v", p, ok)
	}

	// A removed bookmark stays removed even though b's memory still has it.
	b = open(t, dir)
	if added := a.ToggleBookmark("a.md", "mark"); added {
		t.Fatal("ToggleBookmark of a present bookmark reported added")
	}
	save(t, a)
	b.SetPosition("b.md", Position{Anchor: "three"})
	save(t, b)
	if got := open(t, dir).Bookmarks("a.md"); len(got) != 0 {
		t.Errorf("removed bookmark came back: %q", got)
	}
}

// Many stores saving at the same time (as separate processes would) must not
// lose each other's entries.
func TestConcurrentStoresKeepEverything(t *testing.T) {
	dir := t.TempDir()
	const stores, each = 4, 4
	var wg sync.WaitGroup
	errs := make(chan error, stores*each)
	for i := range stores {
		wg.Go(func() {
			s, _, err := Open(dir)
			if err != nil {
				errs <- err
				return
			}
			for j := range each {
				s.SetPosition(fmt.Sprintf("%d-%d.md", i, j), Position{Anchor: "x"})
				s.AddHistory(fmt.Sprintf("q%d-%d", i, j))
				if err := s.Save(); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	s := open(t, dir)
	for i := range stores {
		for j := range each {
			if _, ok := s.Position(fmt.Sprintf("%d-%d.md", i, j)); !ok {
				t.Errorf("position %d-%d lost", i, j)
			}
		}
	}
	if n := len(s.History()); n != stores*each {
		t.Errorf("history has %d queries, want %d", n, stores*each)
	}
}

func TestConcurrentUseOfOneStore(t *testing.T) {
	s := open(t, t.TempDir())
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 30 {
				path := fmt.Sprintf("%d.md", i%7)
				s.SetPosition(path, Position{Anchor: "a", Fraction: float64(i) / 30})
				s.ToggleBookmark(path, fmt.Sprint(g))
				s.AddHistory(fmt.Sprint(i))
				_, _ = s.Position(path)
				_ = s.Bookmarks(path)
				_ = s.History()
				if i%10 == 0 {
					if err := s.Save(); err != nil {
						t.Error(err)
					}
				}
			}
		})
	}
	wg.Wait()
	save(t, s)
}

func TestHistory(t *testing.T) {
	s := open(t, t.TempDir())
	s.AddHistory("")
	s.AddHistory(" \t ")
	if h := s.History(); len(h) != 0 {
		t.Fatalf("blank queries recorded: %q", h)
	}
	s.AddHistory("alpha")
	s.AddHistory("beta")
	s.AddHistory("alpha")
	s.AddHistory("evil\x1b]52;c;aGk=\x07 query\r\n")
	want := []string{"evil]52;c;aGk= query", "alpha", "beta"}
	if got := s.History(); !slices.Equal(got, want) {
		t.Fatalf("History = %q, want %q", got, want)
	}
	for i := range 150 {
		s.AddHistory(fmt.Sprintf("q%03d", i))
	}
	h := s.History()
	if len(h) != maxHistory || h[0] != "q149" || h[99] != "q050" {
		t.Fatalf("capped history: len %d, first %q, last %q", len(h), h[0], h[len(h)-1])
	}
	s.AddHistory(strings.Repeat("é", maxQueryLen))
	if q := s.History()[0]; len(q) > maxQueryLen || !strings.HasPrefix(q, "éé") || strings.ToValidUTF8(q, "") != q {
		t.Fatalf("long query kept as %d bytes, valid UTF-8 %v", len(q), strings.ToValidUTF8(q, "") == q)
	}
	save(t, s)
	if got := open(t, s.Dir()).History(); !slices.Equal(got, s.History()) {
		t.Fatal("history changed in a round trip")
	}
}

func TestPositionIsClamped(t *testing.T) {
	s := open(t, t.TempDir())
	for in, want := range map[float64]float64{math.NaN(): 0, -3: 0, 7: 1, math.Inf(1): 1, 0.5: 0.5} {
		s.SetPosition("x.md", Position{Anchor: "a", Fraction: in})
		if p, _ := s.Position("x.md"); p.Fraction != want {
			t.Errorf("SetPosition(%v): Fraction %v, want %v", in, p.Fraction, want)
		}
	}
	s.SetPosition("y.md", Position{Updated: time.Date(12000, 1, 1, 0, 0, 0, 0, time.UTC)})
	save(t, s) // NaN, or a year JSON cannot hold, would make encoding fail
}

func TestDefaultDir(t *testing.T) {
	t.Setenv("BRIEF_STATE_DIR", "/tmp/brief-state")
	if got, err := DefaultDir(); err != nil || got != "/tmp/brief-state" {
		t.Errorf("with BRIEF_STATE_DIR: %q, %v", got, err)
	}
	t.Setenv("BRIEF_STATE_DIR", "")
	t.Setenv("XDG_STATE_HOME", "/xdg/state")
	if got, err := DefaultDir(); err != nil || got != filepath.FromSlash("/xdg/state/brief") {
		t.Errorf("with XDG_STATE_HOME: %q, %v", got, err)
	}
	t.Setenv("XDG_STATE_HOME", "relative/is/ignored")
	if got, err := DefaultDir(); err != nil || !filepath.IsAbs(got) || filepath.Base(got) != "brief" {
		t.Errorf("default: %q, %v", got, err)
	}
	// Without HOME the folder is under the account's home, never under
	// "/" (xdg's fallback) nor relative to the working directory.
	t.Setenv("HOME", "")
	if got, err := DefaultDir(); err == nil && (!filepath.IsAbs(got) || strings.HasPrefix(got, "/.local")) {
		t.Errorf("without HOME: %q", got)
	}
	t.Setenv("BRIEF_STATE_DIR", t.TempDir())
	if s := open(t, ""); s.Dir() != os.Getenv("BRIEF_STATE_DIR") {
		t.Errorf("Open(\"\").Dir() = %q", s.Dir())
	}
}

// The files stay small: the least recently used briefings are forgotten.
func TestBriefingsAreCapped(t *testing.T) {
	mine := map[string]briefingDoc{}
	for i := range maxBriefings + 10 {
		at := t0.Add(time.Duration(i) * time.Second)
		mine[fmt.Sprintf("%05d.md", i)] = briefingDoc{Position: &Position{Updated: at}}
	}
	merged := mergeBriefings(mine, map[string]briefingDoc{"disk.md": {Bookmarks: &bookmarkList{Updated: t0.Add(-time.Hour)}}})
	if len(merged) != maxBriefings {
		t.Fatalf("merged %d briefings, want %d", len(merged), maxBriefings)
	}
	for path, want := range map[string]bool{"disk.md": false, "00009.md": false, "00010.md": true, "05009.md": true} {
		if _, ok := merged[path]; ok != want {
			t.Errorf("%s kept: %v, want %v", path, ok, want)
		}
	}
}
