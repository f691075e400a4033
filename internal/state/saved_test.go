package state

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func names(list []SavedSearch) string {
	var out []string
	for _, s := range list {
		out = append(out, s.Name)
	}
	return strings.Join(out, ",")
}

func TestSavedSearchesRoundTrip(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	before := time.Now()
	if replaced, err := s.SaveSearch("  Ukraine escalation\x1b[2J ", "tag:ukraine escalation", SortNewest); err != nil || replaced {
		t.Fatalf("save: %v %v", replaced, err)
	}
	if _, err := s.SaveSearch("nato", "tag:nato", "sideways"); err != nil {
		t.Fatal(err)
	}
	for _, bad := range [][2]string{{"", "x"}, {"name", "  "}} {
		if _, err := s.SaveSearch(bad[0], bad[1], ""); err == nil {
			t.Errorf("saved %q", bad)
		}
	}
	save(t, s)
	s = open(t, dir)
	list := s.SavedSearches()
	if names(list) != "nato,Ukraine escalation[2J" {
		t.Fatalf("saved: %q", names(list))
	}
	u := list[1]
	if u.Query != "tag:ukraine escalation" || u.Sort != SortNewest || u.Seen.Before(before.Add(-time.Second)) || list[0].Sort != SortRelevance {
		t.Errorf("saved search: %+v / %+v", u, list[0])
	}
	// Found by name, ignoring case; replaced by saving again; deleted.
	if got, ok := s.SavedSearch("NATO"); !ok || got.Query != "tag:nato" {
		t.Errorf("by name: %+v %v", got, ok)
	}
	if replaced, err := s.SaveSearch("nato", "tag:nato date:2024", ""); err != nil || !replaced {
		t.Errorf("replace: %v %v", replaced, err)
	}
	seen := time.Now().Add(time.Hour)
	s.MarkSeen("nato", seen)
	s.MarkSeen("nato", seen.Add(-2*time.Hour)) // earlier: ignored
	if got, _ := s.SavedSearch("nato"); !got.Seen.Equal(seen.Round(0).UTC()) || got.Query != "tag:nato date:2024" {
		t.Errorf("after replace and mark: %+v", got)
	}
	if !s.DeleteSearch("nato") || s.DeleteSearch("nato") {
		t.Error("delete")
	}
	save(t, s)
	if got := names(open(t, dir).SavedSearches()); got != "Ukraine escalation[2J" {
		t.Errorf("after delete: %q", got)
	}
}

// Two windows save searches, delete one, and open them: each change
// survives the other's saves.
func TestSavedSearchesMergeAcrossWindows(t *testing.T) {
	dir := t.TempDir()
	a, b := open(t, dir), open(t, dir)
	mustSave := func(s *Store, name, q string) {
		t.Helper()
		if _, err := s.SaveSearch(name, q, ""); err != nil {
			t.Fatal(err)
		}
		save(t, s)
	}
	mustSave(a, "first", "alpha")
	mustSave(b, "second", "beta")
	if got := names(b.SavedSearches()); got != "first,second" {
		t.Fatalf("b after its save: %q", got)
	}
	// b deletes what a saved; a's next save must not bring it back.
	b.DeleteSearch("first")
	save(t, b)
	mustSave(a, "third", "gamma")
	if got := names(a.SavedSearches()); got != "second,third" {
		t.Errorf("a: %q", got)
	}
	// a marks "second" seen later than b does: the later time wins.
	late := time.Now().Add(time.Hour)
	a.MarkSeen("second", late)
	b.MarkSeen("second", late.Add(-time.Minute))
	save(t, a)
	save(t, b)
	if got, _ := open(t, dir).SavedSearch("second"); !got.Seen.Equal(late.Round(0).UTC()) {
		t.Errorf("seen: %v, want %v", got.Seen, late)
	}
	// A window that did not save sees the others' changes once it
	// refreshes.
	c := open(t, dir)
	mustSave(a, "fourth", "delta")
	if warn := c.RefreshSaved(); warn != "" || names(c.SavedSearches()) != "fourth,second,third" {
		t.Errorf("refresh: %q %q", warn, names(c.SavedSearches()))
	}
}

// Entries saved by a newer brief, or that cannot be read, are shown with a
// message, kept exactly as they were, and never replaced.
func TestSavedSearchesFromTheFuture(t *testing.T) {
	dir := t.TempDir()
	future := `{"v":7,"query":{"clauses":["tag:nato"]},"alerts":"daily"}`
	odd := `["not","an","object"]`
	mustWrite(t, filepath.Join(dir, savedFile), []byte(`{"version":1,"searches":{
		"from the future":`+future+`,
		"odd":`+odd+`,
		"plain":{"v":1,"query":"tag:ukraine","created":"2026-01-01T00:00:00Z","updated":"2026-01-01T00:00:00Z","seen":"2026-01-01T00:00:00Z"}}}`))
	s := open(t, dir)
	list := s.SavedSearches()
	if names(list) != "from the future,odd,plain" {
		t.Fatalf("%q", names(list))
	}
	if !strings.Contains(list[0].Problem, "newer version") || !strings.Contains(list[1].Problem, "cannot be read") || list[2].Problem != "" {
		t.Errorf("problems: %q %q %q", list[0].Problem, list[1].Problem, list[2].Problem)
	}
	if _, err := s.SaveSearch("from the future", "x", ""); err == nil || !strings.Contains(err.Error(), "choose another name") {
		t.Errorf("overwrote a newer search: %v", err)
	}
	if s.DeleteSearch("odd") {
		t.Error("deleted an entry it cannot read")
	}
	s.MarkSeen("from the future", time.Now())
	if _, err := s.SaveSearch("new one", "tag:x", ""); err != nil {
		t.Fatal(err)
	}
	save(t, s)
	data, err := os.ReadFile(filepath.Join(dir, savedFile))
	if err != nil {
		t.Fatal(err)
	}
	for _, kept := range []string{future, odd} {
		if !bytes.Contains(compact(t, data), []byte(kept)) {
			t.Errorf("%s was not kept as it was:\n%s", kept, data)
		}
	}
}

func compact(t *testing.T, data []byte) []byte {
	t.Helper()
	return bytes.Join(bytes.Fields(data), nil)
}

// A whole file from a newer brief is read as far as it is understood and
// never written over.
func TestSavedSearchesFileFromANewerBrief(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, savedFile)
	original := []byte(`{"version":3,"searches":{"kept":{"v":1,"query":"tag:nato"}},"folders":{"x":1}}`)
	mustWrite(t, path, original)
	s, warnings, err := Open(dir)
	if err != nil || len(warnings) != 1 || !strings.Contains(warnings[0], "newer version") {
		t.Fatalf("open: %q %v", warnings, err)
	}
	if names(s.SavedSearches()) != "kept" {
		t.Errorf("read: %q", names(s.SavedSearches()))
	}
	if _, err := s.SaveSearch("mine", "x", ""); err != nil {
		t.Fatal(err)
	}
	err = s.Save()
	if err == nil || !strings.Contains(err.Error(), "cannot save saved searches") {
		t.Errorf("save: %v", err)
	}
	if data, _ := os.ReadFile(path); !bytes.Equal(data, original) {
		t.Errorf("the newer file was changed:\n%s", data)
	}
}

func TestDamagedSavedSearchesAreSalvaged(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, savedFile)
	mustWrite(t, path, []byte(`{"version":1,"searches":{"a":{"v":1,"query":"alpha"},"b":{"v":1,"query":"beta"},"c":{"v":1,"qu`))
	s, warnings, err := Open(dir)
	if err != nil || len(warnings) != 1 || !strings.Contains(warnings[0], "recovered 2 saved searches") {
		t.Fatalf("open: %q %v", warnings, err)
	}
	if names(s.SavedSearches()) != "a,b" || len(asides(t, path)) != 1 {
		t.Errorf("salvaged %q, kept aside %q", names(s.SavedSearches()), asides(t, path))
	}
}

func TestAThousandSavedSearches(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	for i := range 1000 {
		if _, err := s.SaveSearch(fmt.Sprintf("search %04d", i), fmt.Sprintf("word%d tag:t%d", i, i%7), ""); err != nil {
			t.Fatal(err)
		}
	}
	save(t, s)
	list := open(t, dir).SavedSearches()
	if len(list) != 1000 || list[0].Name != "search 0000" || list[999].Query != "word999 tag:t5" {
		t.Errorf("%d saved, first %+v", len(list), list[0])
	}
}

func TestTooManySavedSearches(t *testing.T) {
	s := open(t, t.TempDir())
	for i := range maxSaved {
		if _, err := s.SaveSearch(fmt.Sprint(i), "q", ""); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.SaveSearch("one more", "q", ""); err != ErrTooManySaved {
		t.Errorf("err = %v", err)
	}
	if replaced, err := s.SaveSearch("7", "q2", ""); err != nil || !replaced {
		t.Errorf("replacing at the limit: %v %v", replaced, err)
	}
}
