package state

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/briefreader/brief/internal/anchor"
)

func openHighlights(t *testing.T, dir string) *HighlightStore {
	t.Helper()
	s, warnings, err := OpenHighlights(dir)
	if err != nil {
		t.Fatalf("OpenHighlights(%q): %v", dir, err)
	}
	if len(warnings) > 0 {
		t.Fatalf("OpenHighlights(%q) warned: %q", dir, warnings)
	}
	return s
}

func saveHighlights(t *testing.T, s *HighlightStore) {
	t.Helper()
	if err := s.Save(); err != nil {
		t.Fatalf("Save: %v", err)
	}
}

func quoted(text string) anchor.Selector {
	return anchor.NewSelector(text, 0, len(text))
}

func TestHighlightsRoundTrip(t *testing.T) {
	dir := t.TempDir()
	s := openHighlights(t, dir)
	a := s.Add(Highlight{Briefing: "/lib/a.md", Section: "intro", Quote: quoted("first quote"), Note: "check this"})
	s.Add(Highlight{Briefing: "/lib/a.md", Section: "intro", Quote: anchor.Selector{Exact: "earlier", Start: 0}})
	b := s.Add(Highlight{Briefing: "/lib/b.md", Quote: quoted("lead quote")})
	if a.ID == "" || a.ID == b.ID || a.Created.IsZero() || a.Anchored.IsZero() {
		t.Fatalf("Add did not set ID and times: %+v", a)
	}
	saveHighlights(t, s)

	r := openHighlights(t, dir)
	got := r.ForBriefing("/lib/a.md")
	if len(got) != 2 || got[0].Quote.Exact != "first quote" && got[0].Quote.Exact != "earlier" {
		t.Fatalf("ForBriefing = %+v", got)
	}
	if h, ok := r.Get(a.ID); !ok || h.Note != "check this" || h.Section != "intro" {
		t.Errorf("Get = %+v, %v", h, ok)
	}
	all := r.All()
	if len(all) != 3 || all[0].ID != b.ID {
		t.Errorf("All is not newest first: %v", all)
	}
	if !r.SetNote(a.ID, "edited") || !r.Delete(b.ID) || r.Delete(b.ID) {
		t.Fatal("SetNote/Delete did not report the highlight")
	}
	saveHighlights(t, r)
	r2 := openHighlights(t, dir)
	if h, _ := r2.Get(a.ID); h.Note != "edited" {
		t.Errorf("note = %q", h.Note)
	}
	if n := r2.Len(); n != 2 {
		t.Errorf("Len = %d after a deletion, want 2", n)
	}
	if len(r2.ForBriefing("/lib/b.md")) != 0 {
		t.Error("a deleted highlight is still listed")
	}
}

func TestHighlightsFromTwoWindowsMerge(t *testing.T) {
	dir := t.TempDir()
	a, b := openHighlights(t, dir), openHighlights(t, dir)
	// Both windows highlight the same briefing at once.
	ha := a.Add(Highlight{Briefing: "/lib/same.md", Quote: quoted("from a")})
	hb := b.Add(Highlight{Briefing: "/lib/same.md", Quote: quoted("from b")})
	saveHighlights(t, a)
	saveHighlights(t, b)
	c := openHighlights(t, dir)
	if n := len(c.ForBriefing("/lib/same.md")); n != 2 {
		t.Fatalf("after both saved, %d highlights, want 2", n)
	}

	// a edits the note while b re-anchors the same highlight: both stay.
	a.Reload() // a learns of hb
	if !a.SetNote(hb.ID, "a's note") {
		t.Fatal("a does not know b's highlight after Reload")
	}
	moved := hb
	moved.Quote.Start, moved.Quote.End = 40, 46
	b.Reanchored([]Highlight{moved})
	saveHighlights(t, b)
	saveHighlights(t, a)
	got, _ := openHighlights(t, dir).Get(hb.ID)
	if got.Note != "a's note" || got.Quote.Start != 40 {
		t.Errorf("merged highlight = note %q, start %d; want both changes", got.Note, got.Quote.Start)
	}

	// A deletion stays deleted though the other window still has it.
	b = openHighlights(t, dir)
	a.Delete(ha.ID)
	saveHighlights(t, a)
	b.SetNote(hb.ID, "b's later note")
	saveHighlights(t, b)
	if h, _ := openHighlights(t, dir).Get(ha.ID); !h.Deleted {
		t.Error("a deleted highlight came back from the other window")
	}
}

func TestHighlightsConcurrentWindows(t *testing.T) {
	dir := t.TempDir()
	const windows, each = 4, 5
	var wg sync.WaitGroup
	for i := range windows {
		wg.Go(func() {
			s, _, err := OpenHighlights(dir)
			if err != nil {
				t.Error(err)
				return
			}
			for j := range each {
				s.Add(Highlight{Briefing: "/lib/shared.md", Quote: quoted(fmt.Sprintf("w%d-%d", i, j))})
				if err := s.Save(); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	if n := len(openHighlights(t, dir).ForBriefing("/lib/shared.md")); n != windows*each {
		t.Errorf("%d highlights kept, want %d", n, windows*each)
	}
}

func TestHighlightNotesAreCleaned(t *testing.T) {
	dir := t.TempDir()
	s := openHighlights(t, dir)
	long := strings.Repeat("é", 100_000)
	h := s.Add(Highlight{Briefing: "/lib/a.md", Quote: quoted("q"), Note: "\x1b]52;c;ZXZpbA==\x07red \x1b[31mtext\u009b"})
	l := s.Add(Highlight{Briefing: "/lib/a.md", Quote: quoted("q"), Note: long})
	if strings.ContainsAny(h.Note, "\x1b\x07\u009b") || h.Note != "]52;c;ZXZpbA==red [31mtext" {
		t.Errorf("note kept control characters: %q", h.Note)
	}
	if l.Note != long {
		t.Errorf("a 100,000-character note was cut to %d bytes", len(l.Note))
	}
	saveHighlights(t, s)
	if got, _ := openHighlights(t, dir).Get(l.ID); got.Note != long {
		t.Error("the long note did not survive a save")
	}
}

func TestHandEditedHighlightsFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, highlightsFile)
	// Hand-edited: an escape in a quote, then a missing comma.
	content := `{"version": 1, "highlights": {
  "aa": {"id": "aa", "briefing": "/lib/a.md", "quote": {"exact": "kept \u001b[2J quote", "start": 0, "end": 5}, "note": "ok"},
  "bb": {"id": "bb", "briefing": "/lib/b.md" "quote": {}}
}}`
	mustWrite(t, path, []byte(content))
	s, warnings, err := OpenHighlights(dir)
	if err != nil {
		t.Fatal(err)
	}
	kept := asides(t, path)
	if len(kept) != 1 || len(warnings) != 1 || !strings.Contains(warnings[0], "moved it aside whole as "+filepath.Base(kept[0])) ||
		!strings.Contains(warnings[0], "recovered 1 highlight") {
		t.Fatalf("warnings %q, kept %q", warnings, kept)
	}
	assertOneLine(t, warnings[0])
	if data, _ := os.ReadFile(kept[0]); string(data) != content {
		t.Error("the damaged file was not kept whole")
	}
	h, ok := s.Get("aa")
	if !ok || h.Quote.Exact != "kept [2J quote" {
		t.Errorf("salvaged %+v, %v", h, ok)
	}
}

func TestHighlightsFromANewerBrief(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, highlightsFile)
	content := `{"version": 7, "highlights": {"aa": {"id": "aa", "briefing": "/lib/a.md", "quote": {"exact": "q"}, "colour": "pink"}}}`
	mustWrite(t, path, []byte(content))
	s, warnings, err := OpenHighlights(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], "newer version of brief; changes to highlights and notes will not be saved") {
		t.Fatalf("warnings = %q", warnings)
	}
	if _, ok := s.Get("aa"); !ok {
		t.Error("what this version understands was not read")
	}
	s.Add(Highlight{Briefing: "/lib/a.md", Quote: quoted("new")})
	err = s.Save()
	if err == nil || !strings.Contains(err.Error(), "cannot save highlights and notes") {
		t.Fatalf("Save over a newer file: %v", err)
	}
	if data, _ := os.ReadFile(path); string(data) != content {
		t.Error("a newer-format file was overwritten")
	}
}

func TestHighlightsDoNotTouchPositions(t *testing.T) {
	dir := t.TempDir()
	st := open(t, dir)
	writes := countWrites(st)
	hs := openHighlights(t, dir)
	hs.Add(Highlight{Briefing: "/lib/a.md", Quote: quoted("q")})
	saveHighlights(t, hs)
	save(t, st)
	if *writes != 0 {
		t.Errorf("saving a highlight wrote state.json %d times", *writes)
	}
	if _, err := os.Stat(filepath.Join(dir, highlightsFile)); err != nil {
		t.Errorf("highlights.json: %v", err)
	}
}

func TestHighlightsReloadReadsOnlyAChangedFile(t *testing.T) {
	dir := t.TempDir()
	a := openHighlights(t, dir)
	a.Add(Highlight{Briefing: "/lib/a.md", Quote: quoted("mine")})
	saveHighlights(t, a)
	if a.Reload() {
		t.Error("Reload read a file this store wrote last")
	}
	b := openHighlights(t, dir)
	b.Add(Highlight{Briefing: "/lib/b.md", Quote: quoted("theirs")})
	saveHighlights(t, b)
	if !a.Reload() || len(a.ForBriefing("/lib/b.md")) != 1 {
		t.Error("Reload did not read the other window's highlight")
	}
	if a.Reload() {
		t.Error("a second Reload read the same file again")
	}
}
