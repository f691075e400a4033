package ui

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/briefreader/brief/internal/state"
)

// A page turn does not wait for the disk: the presenter hands its status
// over, and the file changes only when the app's command writes it.
func TestPresenterPageTurnWritesNoFile(t *testing.T) {
	b := sampleBriefing(t, "ukraine")
	status := filepath.Join(t.TempDir(), "presenting.json")
	p, _ := newTestPresenter(t, b, 0, 100, 30, PresentOptions{StatusPath: status})
	if s := readStatus(t, status); s.Page != 1 {
		t.Fatalf("at the start the status says page %d", s.Page)
	}
	p.update(keyMsg("space"))
	if p.page != 1 {
		t.Fatalf("space did not turn the page: %v", where(p))
	}
	if s := readStatus(t, status); s.Page != 1 {
		t.Errorf("the key wrote the status itself (page %d)", s.Page)
	}
	p.shareForTest()
	if s := readStatus(t, status); s.Page != 2 {
		t.Errorf("after the write the status says page %d, want 2", s.Page)
	}
}

// Writes made in commands may run in any order: the newest status is the
// one on disk, and a command with nothing new writes nothing.
func TestStatusWriterKeepsTheNewest(t *testing.T) {
	path := filepath.Join(t.TempDir(), "presenting.json")
	w := &statusWriter{}
	w.hand(path, state.Presenting{Title: "first"})
	older := w.writeCmd()
	w.hand(path, state.Presenting{Title: "second"})
	newer := w.writeCmd()
	if older == nil || newer == nil {
		t.Fatal("no command for a new status")
	}
	if w.writeCmd() != nil {
		t.Error("a second command for the same status")
	}
	if msg := newer().(statusWrittenMsg); msg.err != nil {
		t.Fatal(msg.err)
	}
	if msg := older().(statusWrittenMsg); msg.err != nil {
		t.Fatal(msg.err)
	}
	if s := readStatus(t, path); s.Title != "second" {
		t.Errorf("on disk: %q, want the newest", s.Title)
	}
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if err := w.flush(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("a flush with nothing new wrote the file again (%v)", err)
	}
}

// The app adds the write to whatever message changed the status, as a
// command, once.
func TestAppWritesTheStatusInACommand(t *testing.T) {
	path := filepath.Join(t.TempDir(), "presenting.json")
	m := New(Options{})
	m.sharer.hand(path, state.Presenting{Title: "talk"})
	_, cmd := m.Update(statusWrittenMsg{})
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatalf("the status was written on the UI goroutine (%v)", err)
	}
	if cmd == nil {
		t.Fatal("no command writes the status")
	}
	if msg, ok := cmd().(statusWrittenMsg); !ok || msg.err != nil {
		t.Fatalf("the command gave %#v", msg)
	}
	if s := readStatus(t, path); s.Title != "talk" {
		t.Errorf("on disk: %q", s.Title)
	}
	if _, again := m.Update(statusWrittenMsg{}); again != nil {
		t.Error("another write with nothing new")
	}
}
