package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/briefreader/brief/index"
	"github.com/briefreader/brief/internal/search"
	"github.com/charmbracelet/x/ansi"
)

// manyHits answers with five sections of one briefing and one of another,
// the first briefing's best first.
func manyHits(req index.Request) (search.Answer, error) {
	res := &index.Results{}
	add := func(path, anchor string, score float64) {
		res.Hits = append(res.Hits, index.Hit{Path: path, RelPath: filepath.Base(path), Anchor: anchor, Title: strings.TrimSuffix(filepath.Base(path), ".md"),
			Heading: anchor, Score: score, Terms: []string{"north"}, Snippets: []index.Snippet{{Text: "north of " + anchor}}})
	}
	if len(req.Paths) > 0 {
		for i := range 5 {
			add("/lib/a.md", fmt.Sprintf("a%d", i), float64(10-i))
		}
		res.Total = 5
		return search.Answer{Results: res}, nil
	}
	add("/lib/a.md", "a0", 10)
	add("/lib/b.md", "b0", 9)
	add("/lib/a.md", "a1", 8)
	res.Total = 3
	return search.Answer{Results: res}, nil
}

func rowNames(s *searcher) string {
	var out []string
	for _, r := range s.rows {
		name := r.hit.Anchor
		if r.member {
			name = "  " + name
		}
		if r.more > 0 {
			name += fmt.Sprintf("+%d", r.more)
		}
		out = append(out, name)
	}
	return strings.Join(out, ",")
}

func TestResultsByBriefing(t *testing.T) {
	fake := newFakeSearch()
	fake.answer = manyHits
	fake.sections = map[string]int{"/lib/a.md": 5, "/lib/b.md": 1}
	s := newTestSearcher(t, fake)
	s.input.SetValue("north")
	searchNow(s)
	// Grouped by default: a's best section, with the count of its
	// others from the facets (five in all, not the two of the page).
	if got := rowNames(s); got != "a0+4,b0" {
		t.Fatalf("rows: %s", got)
	}
	view := ansi.Strip(s.view())
	if !strings.Contains(view, "+4 more sections in this briefing (ctrl+x)") {
		t.Errorf("view:\n%s", view)
	}
	// ctrl+x shows them all under it, fetched for the briefing.
	drain(s, cmdOf(s.update(keyMsg("ctrl+x"))))
	if got := rowNames(s); got != "a0,  a1,  a2,  a3,  a4,b0" {
		t.Fatalf("expanded: %s", got)
	}
	if req := fake.requests(); len(req[len(req)-1].Paths) != 1 {
		t.Errorf("the sections were not asked for: %+v", req[len(req)-1])
	}
	// The cursor stays on its hit when grouping changes.
	s.update(keyMsg("down"))
	s.update(keyMsg("down"))
	drain(s, cmdOf(s.update(keyMsg("ctrl+g"))))
	// a2 is not in the page of hits: the cursor goes to its briefing.
	if got := rowNames(s); got != "a0,b0,a1" || s.selected().Anchor != "a0" {
		t.Errorf("flat: %s, selected %s", got, s.selected().Anchor)
	}
	drain(s, cmdOf(s.update(keyMsg("ctrl+g"))))
	drain(s, cmdOf(s.update(keyMsg("ctrl+x")))) // collapse
	if got := rowNames(s); got != "a0+4,b0" {
		t.Errorf("collapsed: %s", got)
	}
}

func TestSortKey(t *testing.T) {
	fake := newFakeSearch()
	s := newTestSearcher(t, fake)
	s.input.SetValue("brief")
	searchNow(s)
	for _, want := range []string{index.SortNewest, index.SortOldest, index.SortRelevance} {
		s.update(keyMsg("ctrl+o"))
		searchNow(s)
		reqs := fake.requests()
		if got := reqs[len(reqs)-1].Sort; got != want {
			t.Errorf("sort %q, want %q", got, want)
		}
	}
	s.update(keyMsg("ctrl+o"))
	if !strings.Contains(s.status(), "newest first") {
		t.Errorf("status: %q", s.status())
	}
}

func TestFilterChooserWritesTheQuery(t *testing.T) {
	s := newTestSearcher(t, newFakeSearch())
	s.input.SetValue("brief")
	searchNow(s)
	s.update(keyMsg("tab"))
	view := ansi.Strip(s.view())
	if !strings.Contains(view, "Tags") || !strings.Contains(view, "[ ] ") || !strings.Contains(view, "Languages") {
		t.Fatalf("chooser:\n%s", view)
	}
	s.update(keyMsg("enter")) // the first tag
	s.update(keyMsg("down"))
	s.update(keyMsg("enter")) // and the next: both required
	f := index.QueryFilters(s.input.Value())
	if len(f) != 2 || f[0].Field != "tag" || f[1].Field != "tag" {
		t.Fatalf("all of: %q", s.input.Value())
	}
	s.update(keyMsg("a")) // any of them: one filter
	f = index.QueryFilters(s.input.Value())
	if len(f) != 1 || len(f[0].Values) != 2 || !strings.Contains(s.input.Value(), ",") {
		t.Fatalf("any of: %q", s.input.Value())
	}
	s.update(keyMsg("esc"))
	if s.filters != nil {
		t.Error("esc left the chooser open")
	}
	// The query box has the keys again, and the filter line says so.
	searchNow(s)
	if !strings.Contains(ansi.Strip(s.view()), "1 filter (tab)") {
		t.Errorf("view:\n%s", ansi.Strip(s.view()))
	}
}

// A filter for a tag the library no longer has is named, and the chooser
// lists it so that it can be taken out.
func TestVanishedTagFilter(t *testing.T) {
	fake := newFakeSearch()
	fake.answer = func(req index.Request) (search.Answer, error) {
		return search.Answer{Results: &index.Results{NoMatch: []string{"tag:gone"}}}, nil
	}
	s := newTestSearcher(t, fake)
	s.input.SetValue("brief tag:gone")
	searchNow(s)
	if v := ansi.Strip(s.view()); !strings.Contains(v, "tag:gone matches nothing in the library") {
		t.Errorf("view:\n%s", v)
	}
	s.update(keyMsg("tab"))
	if v := ansi.Strip(s.view()); !strings.Contains(v, "[x] gone") || !strings.Contains(v, "none") {
		t.Fatalf("chooser:\n%s", v)
	}
	s.update(keyMsg("enter"))
	if s.input.Value() != "brief" {
		t.Errorf("taking it out left %q", s.input.Value())
	}
}

func TestPreviewOnWideTerminals(t *testing.T) {
	s := newTestSearcher(t, newFakeSearch())
	s.setSize(140, 30)
	s.input.SetValue("north korean")
	searchNow(s)
	view := ansi.Strip(s.view())
	if !strings.Contains(view, "│") || !strings.Contains(view, "North Korean") {
		t.Fatalf("no preview:\n%s", view)
	}
	// Rendered as the reader renders it, scrolled to the first match.
	right := previewColumn(view)
	if !strings.Contains(right, "North Korean") {
		t.Errorf("preview:\n%s", right)
	}
	// Moving the cursor shows the next hit's section; coming back is
	// served from the cache, at once.
	drain(s, s.move(1))
	first := s.preview.want
	drain(s, s.move(-1))
	drain(s, s.move(1))
	if _, ok := s.preview.get(first); !ok || s.preview.loading {
		t.Error("the preview was not kept")
	}
	// A narrow terminal has no preview.
	s.setSize(100, 30)
	if strings.Contains(ansi.Strip(s.view()), " │ ") {
		t.Error("a preview at 100 columns")
	}
}

func previewColumn(view string) string {
	var out []string
	for _, l := range strings.Split(view, "\n") {
		if _, right, ok := strings.Cut(l, "│"); ok {
			out = append(out, right)
		}
	}
	return strings.Join(out, "\n")
}

func TestPreviewOfALongSectionShowsTheMatch(t *testing.T) {
	long := "## Long\n\n" + strings.Repeat("Filler words in a paragraph.\n\n", 5000) + "The needle is here.\n\n" + strings.Repeat("More filler.\n\n", 100)
	md, part := previewMarkdown(long, []string{"needle"})
	if !part || len(md) > previewMaxBytes+100 || !strings.Contains(md, "needle") || !strings.HasPrefix(md, "## Long\n\n") {
		t.Errorf("part %v, %d bytes, has the match %v", part, len(md), strings.Contains(md, "needle"))
	}
	if md, part := previewMarkdown("## Short\n\nneedle", []string{"needle"}); part || md != "## Short\n\nneedle" {
		t.Errorf("a short section was cut: %q", md)
	}
}

func TestSaveAndExportPrompts(t *testing.T) {
	dir := t.TempDir()
	s := newTestSearcher(t, newFakeSearch())
	s.input.SetValue("north korean")
	searchNow(s)
	s.update(keyMsg("ctrl+s"))
	if s.prompt == nil || !strings.Contains(ansi.Strip(s.view()), "save as: north korean") {
		t.Fatalf("no prompt:\n%s", ansi.Strip(s.view()))
	}
	s.prompt.input.SetValue("Korea watch")
	drain(s, cmdOf(s.update(keyMsg("enter"))))
	if sv, ok := s.store.SavedSearch("korea watch"); !ok || sv.Query != "north korean" || s.opened == nil {
		t.Fatalf("saved: %+v %v", sv, ok)
	}
	// Saving another search under the same name asks first.
	s.leave()
	s.input.SetValue("troops")
	s.update(keyMsg("ctrl+s"))
	s.prompt.input.SetValue("Korea watch")
	s.update(keyMsg("enter"))
	if s.prompt == nil || !strings.Contains(s.prompt.msg, "enter again to replace") {
		t.Fatalf("replaced without asking: %+v", s.prompt)
	}
	drain(s, cmdOf(s.update(keyMsg("enter"))))
	if sv, _ := s.store.SavedSearch("Korea watch"); sv.Query != "troops" {
		t.Errorf("not replaced: %+v", sv)
	}
	// Export: a bad extension is explained, an existing file is not
	// replaced, a new one is written.
	s.input.SetValue("north korean")
	searchNow(s)
	s.update(keyMsg("ctrl+t"))
	s.prompt.input.SetValue(filepath.Join(dir, "hits.pdf"))
	s.update(keyMsg("enter"))
	if s.prompt == nil || !strings.Contains(s.prompt.msg, "use md, csv or json") {
		t.Fatalf("pdf: %+v", s.prompt)
	}
	taken := filepath.Join(dir, "taken.md")
	if err := os.WriteFile(taken, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	s.prompt.input.SetValue(taken)
	drain(s, cmdOf(s.update(keyMsg("enter"))))
	if s.prompt == nil || !strings.Contains(s.prompt.msg, "exists") {
		t.Fatalf("existing file: %+v", s.prompt)
	}
	if data, _ := os.ReadFile(taken); string(data) != "mine" {
		t.Error("an existing file was replaced")
	}
	out := filepath.Join(dir, "hits.md")
	s.prompt.input.SetValue(out)
	drain(s, cmdOf(s.update(keyMsg("enter"))))
	data, err := os.ReadFile(out)
	if err != nil || !strings.Contains(string(data), "# Search: north korean") || !strings.Contains(s.notice, "Wrote") {
		t.Errorf("export: %v, notice %q\n%s", err, s.notice, data)
	}
}

// newSavedApp runs the app on the sample library with a fake search and a
// store holding saved searches.
func newSavedApp(t *testing.T, fake *fakeSearch, save func(add func(name, query string))) *Model {
	t.Helper()
	store := newStore(t, t.TempDir())
	save(func(name, query string) {
		if _, err := store.SaveSearch(name, query, ""); err != nil {
			t.Fatal(err)
		}
	})
	_ = fake.Close() // no background updates: waiting for one ends at once
	m := New(Options{Style: "dark", Store: store, OpenSearch: func() (SearchService, error) { return fake, nil }})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	run(m, func() tea.Msg { return libraryLoadedMsg{sampleCatalog()} })
	run(m, func() tea.Msg { return searchOpenedMsg{svc: fake} })
	return m
}

// run applies a message to the app and then what it leads to, as
// bubbletea would, leaving out timers, the watcher and the index's
// updates.
func run(m *Model, cmd tea.Cmd) {
	queue := []tea.Cmd{cmd}
	for steps := 0; len(queue) > 0 && steps < 10000; steps++ {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg := c()
		switch msg := msg.(type) {
		case tea.BatchMsg:
			queue = append(queue, msg...)
			continue
		case nil, searchUpdateMsg:
			continue
		}
		if fmt.Sprintf("%T", msg) == "tea.sequenceMsg" {
			continue
		}
		_, next := m.Update(msg)
		queue = append(queue, next)
	}
}

func TestLibraryShowsWhatIsNewInSavedSearches(t *testing.T) {
	fake := newFakeSearch()
	fake.fresh = map[string]uint64{"north korean": 3}
	m := newSavedApp(t, fake, func(add func(string, string)) {
		add("korea", "north korean")
		add("quiet", "zzz")
		add("broken", "troops date:>someday")
	})
	view := ansi.Strip(m.View().Content)
	if !strings.Contains(view, "Saved: korea · 3 new") || !strings.Contains(view, "(tab: all 3)") {
		t.Fatalf("library:\n%s", view)
	}
	m.Update(keyMsg("tab"))
	view = ansi.Strip(m.View().Content)
	for _, want := range []string{"Saved searches (3)", "broken · 0 new · the query has an error", "quiet · 0 new"} {
		if !strings.Contains(view, want) {
			t.Errorf("list lacks %q:\n%s", want, view)
		}
	}
	// Open "korea" (the second, by name): the search screen, its query,
	// only what is new, and it is seen from now on.
	m.Update(keyMsg("down"))
	_, cmd := m.Update(keyMsg("enter"))
	run(m, cmd)
	if m.screen() != searchScreen || m.search.input.Value() != "north korean" || m.search.opened == nil || !m.search.opened.onlyNew {
		t.Fatalf("screen %v, query %q, opened %+v", m.screen(), m.search.input.Value(), m.search.opened)
	}
	if reqs := fake.requests(); reqs[len(reqs)-1].ChangedSince.IsZero() {
		t.Error("the search did not keep what is new")
	}
	if sv, _ := m.opts.Store.SavedSearch("korea"); time.Since(sv.Seen) > time.Minute || m.lib.saved.counts["korea"].n != 0 {
		t.Errorf("not marked seen: %+v", sv)
	}
	// Back in the library (still in the list of saved searches), nothing
	// is new in it any more, and d twice deletes the selected search.
	fake.mu.Lock()
	fake.fresh = nil
	fake.mu.Unlock()
	_, cmd = m.Update(keyMsg("esc"))
	run(m, cmd)
	if !m.lib.saved.focused || !strings.Contains(ansi.Strip(m.View().Content), "korea · 0 new") {
		t.Fatalf("back in the library:\n%s", ansi.Strip(m.View().Content))
	}
	m.Update(keyMsg("up"))
	m.Update(keyMsg("d"))
	if !strings.Contains(ansi.Strip(m.View().Content), "d again deletes “broken”") {
		t.Fatalf("no confirmation:\n%s", ansi.Strip(m.View().Content))
	}
	_, cmd = m.Update(keyMsg("d"))
	run(m, cmd)
	if _, ok := m.opts.Store.SavedSearch("broken"); ok || len(m.lib.saved.list) != 2 {
		t.Errorf("not deleted: %d left", len(m.lib.saved.list))
	}
}

func TestAThousandSavedSearchesOnTheLibraryScreen(t *testing.T) {
	fake := newFakeSearch()
	fake.fresh = map[string]uint64{"q0500": 7}
	m := newSavedApp(t, fake, func(add func(string, string)) {
		for i := range 1000 {
			add(fmt.Sprintf("search %04d", i), fmt.Sprintf("q%04d", i))
		}
	})
	// Counted a batch at a time: all of them, and the one with something
	// new comes first on the line.
	if len(m.lib.saved.counts) != 1000 {
		t.Fatalf("%d counted", len(m.lib.saved.counts))
	}
	view := ansi.Strip(m.View().Content)
	if !strings.Contains(view, "Saved: search 0500 · 7 new") {
		t.Errorf("library:\n%s", view)
	}
	m.Update(keyMsg("tab"))
	m.Update(keyMsg("end"))
	view = ansi.Strip(m.View().Content)
	if !strings.Contains(view, "search 0999 · 0 new") || len(strings.Split(view, "\n")) != 30 {
		t.Errorf("the end of the list:\n%s", view)
	}
}

// Saved searches from a newer brief are shown as kept, and cannot be
// opened or deleted.
func TestSavedSearchFromTheFutureOnTheLibraryScreen(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "searches.json"), []byte(`{"version":1,"searches":{"later":{"v":3,"query":{"x":1}}}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	fake := newFakeSearch()
	_ = fake.Close()
	m := New(Options{Style: "dark", Store: newStore(t, dir), OpenSearch: func() (SearchService, error) { return fake, nil }})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	run(m, func() tea.Msg { return libraryLoadedMsg{sampleCatalog()} })
	run(m, m.refreshSaved())
	m.Update(keyMsg("tab"))
	if v := ansi.Strip(m.View().Content); !strings.Contains(v, "later · kept as it is (it was saved by a newer version of brief)") {
		t.Fatalf("library:\n%s", v)
	}
	_, cmd := m.Update(keyMsg("enter"))
	run(m, cmd)
	if m.screen() != libraryScreen || !strings.Contains(m.lib.message, "cannot be opened") {
		t.Errorf("screen %v, message %q", m.screen(), m.lib.message)
	}
}
