package ui

import (
	"testing"
	"time"

	"github.com/briefreader/brief/internal/state"
)

// TestSaverCoalesces: requests for a write go out at most once a second,
// whatever their number, and none is lost.
func TestSaverCoalesces(t *testing.T) {
	t0 := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	at := func(ms int) time.Time { return t0.Add(time.Duration(ms) * time.Millisecond) }
	type want struct {
		now  bool
		wait time.Duration
	}
	var s saver
	steps := []struct {
		name string
		do   func() want
		want want
	}{
		{"the first change is written at once", func() want { n, w := s.request(at(0)); return want{n, w} }, want{now: true}},
		{"a change soon after waits for the second to end", func() want { n, w := s.request(at(300)); return want{n, w} }, want{wait: 700 * time.Millisecond}},
		{"more changes meanwhile go with it", func() want { n, w := s.request(at(600)); return want{n, w} }, want{}},
		{"and again", func() want { n, w := s.request(at(999)); return want{n, w} }, want{}},
		{"the write comes due", func() want { s.due(at(1000)); return want{} }, want{}},
		{"a change right after waits a second", func() want { n, w := s.request(at(1200)); return want{n, w} }, want{wait: 800 * time.Millisecond}},
		{"due", func() want { s.due(at(2000)); return want{} }, want{}},
		{"a change long after is written at once", func() want { n, w := s.request(at(5000)); return want{n, w} }, want{now: true}},
		{"exactly a second later, at once", func() want { n, w := s.request(at(6000)); return want{n, w} }, want{now: true}},
		{"quitting writes", func() want { s.flushed(at(6100)); return want{} }, want{}},
		{"after which the next change waits", func() want { n, w := s.request(at(6200)); return want{n, w} }, want{wait: 900 * time.Millisecond}},
	}
	for _, st := range steps {
		if got := st.do(); got != st.want {
			t.Errorf("%s: got %+v, want %+v", st.name, got, st.want)
		}
	}
}

// TestSaveSoonWritesOffTheUIGoroutine: a change asks for a command that
// writes the state; the file is not written before the command runs, and
// a second change within the second waits for a tick instead.
func TestSaveSoonWritesOffTheUIGoroutine(t *testing.T) {
	dir := t.TempDir()
	store := openStore(t, dir)
	clock := &fakeClock{t: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)}
	m := New(Options{Store: store, Now: clock.now})
	store.ToggleBookmark("/lib/a.md", "one")
	cmd := m.saveSoon()
	if cmd == nil {
		t.Fatal("no write asked for")
	}
	if again := openStore(t, dir); len(again.Bookmarks("/lib/a.md")) != 0 {
		t.Fatal("the state was written on the UI goroutine")
	}
	if msg, ok := cmd().(stateSavedMsg); !ok || msg.err != nil {
		t.Fatalf("write: %#v", msg)
	}
	if again := openStore(t, dir); len(again.Bookmarks("/lib/a.md")) != 1 {
		t.Fatal("the command did not write the state")
	}
	clock.advance(200 * time.Millisecond)
	store.ToggleBookmark("/lib/a.md", "two")
	tick := m.saveSoon()
	if tick == nil {
		t.Fatal("a second change was dropped")
	}
	if _, ok := tick().(saveDueMsg); !ok {
		t.Fatal("a second change within the second did not wait for a tick")
	}
	if m.saveSoon() != nil {
		t.Error("a third change asked for another write while one is due")
	}
	clock.advance(800 * time.Millisecond)
	_, write := m.Update(saveDueMsg{})
	if write == nil {
		t.Fatal("nothing written when due")
	}
	write()
	if again := openStore(t, dir); len(again.Bookmarks("/lib/a.md")) != 2 {
		t.Error("the due write did not write the later change")
	}
}

func openStore(t *testing.T, dir string) *state.Store {
	t.Helper()
	s, _, err := state.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
