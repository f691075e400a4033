package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/index"
	"github.com/briefreader/brief/internal/catalog"
	"github.com/briefreader/brief/internal/search"
	"github.com/charmbracelet/x/ansi"
)

type discardLog struct{}

func (discardLog) Write(p []byte) (int, error) { return len(p), nil }

// searchNow runs the search for the box's query at once (no debounce),
// applies its results and what they ask for (facets, a preview).
func searchNow(s *searcher) {
	s.seq++
	drain(s, cmdOf(s.update(searchDueMsg{s.seq})))
}

// drain runs what a command asks for and applies the messages, as
// bubbletea would; timers (the debounce) are left out.
func drain(s *searcher, cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	switch msg := cmd().(type) {
	case nil, searchDueMsg:
	case tea.BatchMsg:
		for _, c := range msg {
			drain(s, c)
		}
	default:
		drain(s, cmdOf(s.update(msg)))
	}
}

func newTestSearcher(t *testing.T, svc SearchService) *searcher {
	s := newSearcher(newStyles(true), newStore(t, t.TempDir()))
	s.svc = svc
	s.setSize(80, 24)
	s.focus()
	return s
}

func TestSearchTypingProducesResults(t *testing.T) {
	s := newTestSearcher(t, newFakeSearch())
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
	s := newTestSearcher(t, newFakeSearch())
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

// A query that cannot be understood is explained, and its words are
// searched as plain text (by the search service).
func TestSearchErrorIsExplained(t *testing.T) {
	s := newTestSearcher(t, newFakeSearch())
	s.input.SetValue("troops date:>someday ")
	searchNow(s)
	if s.err == "" || len(s.hits) == 0 {
		t.Errorf("error %q, %d hits", s.err, len(s.hits))
	}
	if v := ansi.Strip(s.view()); !strings.Contains(v, "a date must look like") || !strings.Contains(v, "searched as plain words") {
		t.Errorf("screen:\n%s", v)
	}
}

func TestSearchTagFilterAndHistory(t *testing.T) {
	fake := newFakeSearch()
	s := newTestSearcher(t, fake)
	s.input.SetValue("brief")
	searchNow(s)
	if len(s.tags) == 0 {
		t.Fatal("no tag facets")
	}
	// Tags are counted after the hits are shown, never in the search a
	// key press starts.
	for _, req := range fake.requests() {
		if !req.NoTagCounts {
			t.Errorf("search %q counted tags", req.Query)
		}
	}
	// tab opens the filters; enter writes the first tag into the query.
	s.update(keyMsg("tab"))
	if s.filters == nil {
		t.Fatal("tab did not open the filters")
	}
	s.update(keyMsg("enter"))
	filters := index.QueryFilters(s.input.Value())
	if len(filters) != 1 || filters[0].Field != "tag" || !strings.HasPrefix(s.input.Value(), "brief tag:") {
		t.Fatalf("query after choosing a tag: %q", s.input.Value())
	}
	tag := filters[0].Values[0]
	s.update(keyMsg("esc"))
	searchNow(s)
	if len(s.hits) == 0 {
		t.Fatal("no hits with the tag")
	}
	for _, h := range s.hits {
		if !contains(h.Tags, tag) {
			t.Errorf("hit %q lacks tag %q", h.Heading, tag)
		}
	}
	if in, _ := s.update(keyMsg("enter")); !isOpenHit(in) {
		t.Fatalf("enter: intent %T", in)
	}
	// An empty box and ↑ recalls the query, filter included.
	s.input.SetValue("")
	s.update(keyMsg("up"))
	if s.input.Value() != "brief tag:"+tag {
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

// startSearchApp runs the app on the sample library with the real search
// service.
func startSearchApp(t *testing.T) *teatestModel {
	t.Helper()
	dir := t.TempDir()
	return startAppWith(t, Options{
		Load:  func(func(int, int)) *catalog.Catalog { return sampleCatalog() },
		Style: "dark",
		Store: newStore(t, t.TempDir()),
		OpenSearch: func() (SearchService, error) {
			return realSearch(t, []briefings.Root{briefings.SampleRoot}, dir)
		},
	})
}

// searchSynced reports that the search service is open and no sync runs.
func searchSynced(m *Model) bool { return m.svc != nil && m.search.syncing == nil }

func TestAppSearchOpensTheHit(t *testing.T) {
	tm := startSearchApp(t)
	waitForScreen(t, tm, "3 briefings")
	tm.Type("s")
	waitUntil(t, tm, "the index is synced", searchSynced)
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
	tm.Send(keyMsg("esc")) // one press: the highlight goes with the reader
	screen := waitForScreen(t, tm, "north korean troops", "The North Korean Factor")
	if !strings.Contains(screen, "search:") {
		t.Errorf("esc did not return to the results:\n%s", screen)
	}
}

func TestGoldenSearch(t *testing.T) {
	tm := startSearchApp(t)
	waitForScreen(t, tm, "3 briefings")
	tm.Type("s")
	waitUntil(t, tm, "the index is synced", searchSynced)
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

// Hits that lack some of the words say which, and a word no section has
// gets a suggestion that ctrl+y searches.
func TestSearchMissingWordsAndSuggestion(t *testing.T) {
	fake := newFakeSearch()
	fake.answer = func(req index.Request) (search.Answer, error) {
		res := &index.Results{Total: 2, Hits: []index.Hit{
			{Path: "a.md", Title: "Ukraine", Heading: "Missiles", Anchor: "missiles"},
			{Path: "b.md", Title: "Korea", Heading: "Troops", Anchor: "troops", Missing: []string{"ukrane"}},
		}}
		if req.Query == "troops ukrane" {
			res.Suggestion = "troops ukraine"
		}
		return search.Answer{Results: res}, nil
	}
	s := newTestSearcher(t, fake)
	s.input.SetValue("troops ukrane")
	searchNow(s)
	v := ansi.Strip(s.view())
	for _, want := range []string{"missing: ukrane", "did you mean: troops ukraine (ctrl+y)"} {
		if !strings.Contains(v, want) {
			t.Errorf("screen lacks %q:\n%s", want, v)
		}
	}
	if strings.Count(v, "missing:") != 1 {
		t.Errorf("only the second hit lacks a word:\n%s", v)
	}
	s.update(keyMsg("ctrl+y"))
	if got := s.input.Value(); got != "troops ukraine" {
		t.Errorf("after ctrl+y the query is %q", got)
	}
	searchNow(s)
	if v := ansi.Strip(s.view()); strings.Contains(v, "did you mean") {
		t.Errorf("a suggestion for a query with no unknown word:\n%s", v)
	}
}

func isOpenHit(in intent) bool {
	_, ok := in.(openHitIntent)
	return ok
}
