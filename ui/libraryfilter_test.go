package ui

import (
	"testing"

	tea "charm.land/bubbletea/v2"
)

// runAll runs a command and the batches it makes, returning the messages.
func runAll(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	switch msg := cmd().(type) {
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, runAll(c)...)
		}
		return out
	case nil:
		return nil
	default:
		return []tea.Msg{msg}
	}
}

// TestLibraryFilterIgnoresStaleMatches types a filter one letter at a
// time and delivers the matches out of order, as concurrent commands may:
// the matches for "p" (every briefing) arrive after those for
// "presenting" and must not replace them.
func TestLibraryFilterIgnoresStaleMatches(t *testing.T) {
	l := newLibrary(newStyles(true))
	l.setSize(80, 24)
	steady := l.list.FilterInput.Styles()
	steady.Cursor.Blink = false // no blink ticks for runAll to wait on
	l.list.FilterInput.SetStyles(steady)
	runAll(l.setLibrary(sampleCatalog()))
	l.update(keyMsg("/"))
	var perKey [][]tea.Msg
	for _, ch := range "presenting" {
		perKey = append(perKey, runAll(cmdOf(l.update(keyMsg(string(ch))))))
	}
	for i := len(perKey) - 1; i >= 0; i-- { // newest first
		for _, msg := range perKey[i] {
			l.update(msg)
		}
	}
	if got := len(l.list.VisibleItems()); got != 1 {
		t.Fatalf("filter %q shows %d briefings, want 1", l.list.FilterValue(), got)
	}
	if e, _ := l.selected(); e.Title != "Presenting a briefing in class" {
		t.Errorf("selected %q", e.Title)
	}

	// Matches computed for an older item set are dropped too.
	stale := runAll(l.listCmd(l.list.SetItems(l.list.Items())))
	l.itemsVersion++
	fresh := runAll(l.listCmd(l.list.SetItems(l.list.Items())))
	for _, msg := range append(fresh, stale...) {
		l.update(msg)
	}
	if got := len(l.list.VisibleItems()); got != 1 {
		t.Errorf("after a reload the filter shows %d briefings, want 1", got)
	}
}
