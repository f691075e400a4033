package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/index"
	"github.com/briefreader/brief/internal/catalog"
	"github.com/charmbracelet/x/ansi"
)

// sampleIndex builds a real index of the sample library in a temp dir.
func sampleIndex(t *testing.T) *index.Index {
	t.Helper()
	ix, err := index.Open([]briefings.Root{briefings.SampleRoot}, index.Options{Dir: t.TempDir(), Log: discardLog{}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if _, err := ix.Sync(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	return ix
}

type discardLog struct{}

func (discardLog) Write(p []byte) (int, error) { return len(p), nil }

// searchNow runs the search for the box's query at once (no debounce) and
// applies its results.
func searchNow(s *searcher) {
	s.seq++
	if cmd := s.update(searchDueMsg{s.seq}); cmd != nil {
		s.update(cmd())
	}
}

func newTestSearcher(t *testing.T, ix Index) *searcher {
	s := newSearcher(newStyles(true), newStore(t, t.TempDir()))
	s.ix = ix
	s.setSize(80, 24)
	s.focus()
	return s
}

func TestSearchTypingProducesResults(t *testing.T) {
	s := newTestSearcher(t, sampleIndex(t))
	for _, r := range "north kor" {
		s.update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	searchNow(s)
	if len(s.hits) == 0 || s.hits[0].Heading != "The North Korean Factor" {
		t.Fatalf("hits for an unfinished word: %+v", s.hits)
	}
	view := ansi.Strip(s.view())
	for _, want := range []string{"The North Korean Factor", "section", "tags:"} {
		if !strings.Contains(view, want) {
			t.Errorf("view lacks %q:\n%s", want, view)
		}
	}
}

func TestSearchStaleResultsNeverReplaceNewer(t *testing.T) {
	s := newTestSearcher(t, sampleIndex(t))
	s.input.SetValue("ukraine")
	s.seq = 1
	older := s.run(false)
	s.input.SetValue("escalation")
	s.seq = 2
	newer := s.run(false)
	s.update(newer())
	got := s.query
	s.update(older()) // arrives late
	if s.query != got || got != "escalation" {
		t.Errorf("shown query %q after a late older result (want escalation)", s.query)
	}
}

func TestSearchErrorKeepsLastResults(t *testing.T) {
	s := newTestSearcher(t, sampleIndex(t))
	s.input.SetValue("troops")
	searchNow(s)
	before := len(s.hits)
	if before == 0 {
		t.Fatal("no hits for troops")
	}
	s.input.SetValue("troops date:>someday ")
	searchNow(s)
	if s.err == "" || len(s.hits) != before {
		t.Errorf("error %q, %d hits (want the %d from before)", s.err, len(s.hits), before)
	}
	if v := ansi.Strip(s.view()); !strings.Contains(v, "date") || !strings.Contains(v, "troops") {
		t.Errorf("screen:\n%s", v)
	}
}

func TestSearchTagFilterAndHistory(t *testing.T) {
	s := newTestSearcher(t, sampleIndex(t))
	s.input.SetValue("brief")
	searchNow(s)
	if len(s.tags) == 0 {
		t.Fatal("no tag facets")
	}
	s.update(keyMsg("tab"))
	searchNow(s)
	if s.tag == "" {
		t.Fatal("tab did not choose a tag")
	}
	for _, h := range s.hits {
		if !contains(h.Tags, s.tag) {
			t.Errorf("hit %q lacks tag %q", h.Heading, s.tag)
		}
	}
	s.update(keyMsg("enter"))
	if _, ok := s.intent.(openHitMsg); !ok {
		t.Fatalf("enter: intent %T", s.intent)
	}
	// An empty box and ↑ recalls the query.
	s.input.SetValue("")
	s.update(keyMsg("up"))
	if s.input.Value() != "brief" {
		t.Errorf("history recall gave %q", s.input.Value())
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// startSearchApp runs the app on the sample library with its index.
func startSearchApp(t *testing.T) *teatestModel {
	t.Helper()
	dir := t.TempDir()
	return startAppWith(t, Options{
		Load:  func(func(int, int)) *catalog.Catalog { return sampleCatalog() },
		Style: "dark",
		Store: newStore(t, t.TempDir()),
		OpenIndex: func() (Index, error) {
			return index.Open([]briefings.Root{briefings.SampleRoot}, index.Options{Dir: dir, Log: discardLog{}})
		},
	})
}

func TestAppSearchOpensTheHit(t *testing.T) {
	tm := startSearchApp(t)
	waitForScreen(t, tm, "3 briefings")
	tm.Type("s")
	waitUntil(t, tm, "the index is synced", func(m *Model) bool { return m.ix != nil && m.search.syncing == nil })
	tm.Type("north korean troops")
	waitForScreen(t, tm, "The North Korean Factor", " in ")
	tm.Send(keyMsg("enter"))
	waitUntil(t, tm, "the reader is ready", readerReady)
	got := inspect(t, tm, func(m *Model) [3]int {
		r := m.rd
		_, _, h := r.layout()
		m0 := -1
		if r.find.current >= 0 {
			m0 = r.find.matches[r.find.current].line
		}
		return [3]int{r.current(), len(r.find.matches), boolInt(m0 >= r.top && m0 < r.top+h)}
	})
	if got[0] != 1 || got[1] == 0 || got[2] != 1 {
		t.Errorf("reader: section %d, %d matches, current match in view %v", got[0], got[1], got[2] == 1)
	}
	tm.Type("n")
	waitUntil(t, tm, "n moves to the next match", func(m *Model) bool { return m.rd.find.current >= 1 })
	tm.Send(keyMsg("esc"))
	tm.Send(keyMsg("esc"))
	screen := waitForScreen(t, tm, "north korean troops", "The North Korean Factor")
	if !strings.Contains(screen, "search:") {
		t.Errorf("esc did not return to the results:\n%s", screen)
	}
}

func TestGoldenSearch(t *testing.T) {
	tm := startSearchApp(t)
	waitForScreen(t, tm, "3 briefings")
	tm.Type("s")
	waitUntil(t, tm, "the index is synced", func(m *Model) bool { return m.ix != nil && m.search.syncing == nil })
	tm.Type(`"north korean" troops`)
	waitForScreen(t, tm, "The North Korean Factor", " in ")
	inspect(t, tm, func(m *Model) bool { m.search.lastTook = 2 * time.Millisecond; return true })
	goldenView(t, tm)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
