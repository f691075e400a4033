package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/briefreader/brief/internal/anchor"
	"github.com/briefreader/brief/internal/state"
	"github.com/charmbracelet/x/ansi"
)

// libraryQuotes shows a library's highlights list of three quotes
// (newest first: the last added on top) and returns the library.
func libraryQuotes(t *testing.T, store *state.HighlightStore) *library {
	t.Helper()
	for _, q := range []string{"delta of the river", "queue at the port", "other harbours"} {
		store.Add(state.Highlight{Briefing: "/lib/grain.md", Title: "Grain", Quote: anchor.Selector{Exact: q}})
	}
	m := New(Options{Style: "dark", Highlights: store})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	run(m, func() tea.Msg { return libraryLoadedMsg{sampleCatalog()} })
	m.showHighlights()
	if m.lib.quotes == nil {
		t.Fatal("H did not list the highlights")
	}
	return m.lib
}

// libraryView is the library screen without colours.
func libraryView(l *library) string { return ansi.Strip(l.view()) }

// ? in either highlight list lists its keys, the filter's among them, and
// the next key goes back to the list.
func TestHighlightListsListTheirKeys(t *testing.T) {
	store := highlightStore(t)
	l := libraryQuotes(t, store)
	l.quotesKey(keyMsg("?"))
	out := libraryView(l)
	for _, want := range []string{"Highlights in the library, newest first: keys", "read it there", "copy with its citation",
		"delete (press twice)", "esc/q/H", "pgdn/space/f", "keep the filter", "clear the filter"} {
		if !strings.Contains(out, want) {
			t.Errorf("the library's list keys lack %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "add or edit the note") {
		t.Errorf("the library's list offers a note:\n%s", out)
	}
	l.quotesKey(keyMsg("esc"))
	if out := libraryView(l); l.quotes == nil || !strings.Contains(out, "“queue at the port”") {
		t.Errorf("esc on the keys did not go back to the list:\n%s", out)
	}

	r := highlightReader(t, parseBrief(t, hlBrief), store, 80)
	press(r, "/")
	typeText(r, "Ships left")
	press(r, "enter", "h", "H", "?")
	if out := plainView(r); !strings.Contains(out, "Highlights in this briefing: keys") || !strings.Contains(out, "add or edit the note") {
		t.Errorf("? in the reader's list:\n%s", out)
	}
	press(r, "esc")
	if out := plainView(r); r.hl.overlay == nil || !strings.Contains(out, "“Ships left Odesa in August.”") {
		t.Errorf("esc on the keys did not go back to the reader's list:\n%s", out)
	}
}

// While the filter box has the keys, d, q, H and ? are letters of the
// filter, not actions; enter keeps the filter, and enter then chooses the
// highlight under the cursor.
func TestHighlightFilterKeepsTheKeysWhileTyping(t *testing.T) {
	store := highlightStore(t)
	l := libraryQuotes(t, store)
	for _, k := range []string{"/", "q", "u", "?", "d", "H"} {
		if in, _ := l.quotesKey(keyMsg(k)); in != nil {
			t.Fatalf("%q asked the app for %#v", k, in)
		}
	}
	q := l.quotes
	if q == nil || !q.list.typing() || q.list.help != nil || q.list.filterValue() != "qu?dH" || len(store.All()) != 3 {
		t.Fatalf("typing: list %v, filter %q, %d highlights", q != nil, q.list.filterValue(), len(store.All()))
	}
	for range 3 {
		l.quotesKey(keyMsg("backspace"))
	}
	if len(q.shown) != 1 || !l.typing() {
		t.Fatalf("“qu”: %d shown, typing %v", len(q.shown), l.typing())
	}
	l.quotesKey(keyMsg("enter"))
	if q.list.typing() || q.list.filterValue() != "qu" || !strings.Contains(libraryView(l), "/ qu") {
		t.Fatalf("enter did not keep the filter:\n%s", libraryView(l))
	}
	in, _ := l.quotesKey(keyMsg("enter"))
	got, ok := in.(openHighlightIntent)
	if h, _ := q.selected(); !ok || got.id != h.ID || h.Quote.Exact != "queue at the port" {
		t.Errorf("enter: %#v, want the queue's highlight", in)
	}
	// esc clears the kept filter first, then closes.
	l.quotesKey(keyMsg("esc"))
	if l.quotes == nil || len(q.shown) != 3 {
		t.Fatalf("esc with a filter: open %v, %d shown", l.quotes != nil, len(q.shown))
	}
	l.quotesKey(keyMsg("esc"))
	if l.quotes != nil {
		t.Error("esc did not close the list")
	}
}

// d asks before it deletes: a second d on the same highlight deletes it,
// any other key in between keeps it.
func TestHighlightDeleteAsksTwice(t *testing.T) {
	store := highlightStore(t)
	l := libraryQuotes(t, store)
	l.quotesKey(keyMsg("d"))
	if len(store.All()) != 3 || !strings.Contains(libraryView(l), "Press d again") {
		t.Fatalf("one d:\n%s", libraryView(l))
	}
	l.quotesKey(keyMsg("j"))
	l.quotesKey(keyMsg("d"))
	if len(store.All()) != 3 {
		t.Fatal("d, j, d deleted a highlight")
	}
	_, cmd := l.quotesKey(keyMsg("d"))
	if len(store.All()) != 2 || cmd == nil || !strings.Contains(libraryView(l), "Highlight deleted.") {
		t.Fatalf("d d: %d left, save %v", len(store.All()), cmd != nil)
	}
	for _, h := range store.All() {
		if h.Quote.Exact == "queue at the port" {
			t.Error("d d deleted another highlight than the one under the cursor")
		}
	}
}

// ? in the saved searches lists their keys over the screen, and the next
// key goes back to the pane; enter on one returns it to the app to open.
func TestSavedSearchesListTheirKeys(t *testing.T) {
	m := newSavedApp(t, newFakeSearch(), func(add func(string, string)) {
		add("korea", "north korean")
		add("quiet", "zzz")
	})
	m.Update(keyMsg("tab"))
	m.Update(keyMsg("?"))
	out := ansi.Strip(m.View().Content)
	for _, want := range []string{"Saved searches: keys", "open the search", "delete the search (press twice)",
		"j/↓/ctrl+n", "enter/l/→", "back to the briefings", "10 down"} {
		if !strings.Contains(out, want) {
			t.Errorf("the keys lack %q:\n%s", want, out)
		}
	}
	m.Update(keyMsg("esc"))
	if out := ansi.Strip(m.View().Content); !m.lib.saved.focused || !strings.Contains(out, "Saved searches (2)") {
		t.Fatalf("esc on the keys did not go back to the pane:\n%s", out)
	}
	p := &m.lib.saved
	p.key(keyMsg("j"), m.lib)
	if in := p.key(keyMsg("enter"), m.lib); in != (openSavedIntent{p.list[1].Name}) {
		t.Errorf("enter on the second: %#v", in)
	}
}

// d on a saved search asks; any other key keeps it, d d deletes it.
func TestSavedSearchDeleteAsksTwice(t *testing.T) {
	m := newSavedApp(t, newFakeSearch(), func(add func(string, string)) {
		add("korea", "north korean")
		add("quiet", "zzz")
	})
	m.Update(keyMsg("tab"))
	p := &m.lib.saved
	if in := p.key(keyMsg("d"), m.lib); in != nil || !strings.Contains(ansi.Strip(m.View().Content), "d again deletes “korea”") {
		t.Fatalf("one d: %#v\n%s", in, ansi.Strip(m.View().Content))
	}
	if in := p.key(keyMsg("x"), m.lib); in != nil || strings.Contains(ansi.Strip(m.View().Content), "d again") {
		t.Fatalf("x after d: %#v\n%s", in, ansi.Strip(m.View().Content))
	}
	p.key(keyMsg("d"), m.lib)
	if in := p.key(keyMsg("d"), m.lib); in != (deleteSavedIntent{"korea"}) {
		t.Errorf("d d: %#v", in)
	}
}
