package ui

import (
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/briefreader/brief/internal/state"
)

// Writing the user's state (positions, bookmarks, saved searches, search
// history, highlights) is coalesced: a change asks for a write, which runs
// in a command off the UI goroutine, at most once a second; changes that
// come meanwhile go with the next write. Quitting, ctrl+c and suspending
// write at once (saveState), since the program is about to stop.

// saveEvery is the least time between two writes of the state.
const saveEvery = time.Second

// saver decides when the state is written. It holds no store: the root
// turns its decisions into commands.
type saver struct {
	last      time.Time // when the last write started; zero before the first
	scheduled bool      // a write is due (a saveDueMsg is on its way)
}

// request asks for a write at now. It returns whether to write now, or
// else how long to wait before the write (0 when one is already due).
func (s *saver) request(now time.Time) (writeNow bool, wait time.Duration) {
	if s.scheduled {
		return false, 0
	}
	if s.last.IsZero() || now.Sub(s.last) >= saveEvery {
		s.last = now
		return true, 0
	}
	s.scheduled = true
	return false, s.last.Add(saveEvery).Sub(now)
}

// due is the scheduled write coming due at now.
func (s *saver) due(now time.Time) {
	s.scheduled = false
	s.last = now
}

// flushed records a write made at once (on exit): nothing is due.
func (s *saver) flushed(now time.Time) {
	s.scheduled = false
	s.last = now
}

// Messages of the saver.
type (
	// saveDueMsg: a coalesced write is due.
	saveDueMsg struct{}
	// stateSavedMsg reports a write; err is nil when it went well.
	stateSavedMsg struct{ err error }
)

// saveSoon notes the reader's position and asks for the state to be
// written, coalesced with other changes.
func (m *Model) saveSoon() tea.Cmd {
	if m.rd != nil {
		m.rd.savePosition()
	}
	writeNow, wait := m.saver.request(m.opts.Now())
	switch {
	case writeNow:
		return m.writeState()
	case wait > 0:
		return tea.Tick(wait, func(time.Time) tea.Msg { return saveDueMsg{} })
	}
	return nil
}

// saveDue writes the state a coalesced request asked for.
func (m *Model) saveDue() tea.Cmd {
	m.saver.due(m.opts.Now())
	if m.rd != nil {
		m.rd.savePosition()
	}
	return m.writeState()
}

// writeGate lets the writes in commands finish before the app ends, and
// stops those that had not started: the last write is the one on exit.
type writeGate struct {
	mu     sync.Mutex
	closed bool
}

// write runs fn unless the gate is closed.
func (g *writeGate) write(fn func() error) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed {
		return nil
	}
	return fn()
}

// close waits for a write in progress and stops any later one.
func (g *writeGate) close() {
	g.mu.Lock()
	g.closed = true
	g.mu.Unlock()
}

// writeState writes the state off the UI goroutine.
func (m *Model) writeState() tea.Cmd {
	store, highlights, gate := m.opts.Store, m.opts.Highlights, m.writes
	if store == nil && highlights == nil {
		return nil
	}
	return func() tea.Msg {
		return stateSavedMsg{gate.write(func() error { return writeAll(store, highlights) })}
	}
}

// closeWrites ends the writes in commands, once the program has stopped,
// and writes what is left (an end that did not go through quit).
func (m *Model) closeWrites() {
	m.writes.close()
	if m.pr != nil {
		m.pr.end()
	}
	_ = m.sharer.flush() // the presentation's last status, or its end
	if m.rd != nil {
		m.rd.savePosition()
	}
	_ = writeAll(m.opts.Store, m.opts.Highlights)
}

// writeAll writes both stores; the first failure is returned.
func writeAll(store *state.Store, highlights *state.HighlightStore) error {
	var err error
	if highlights != nil {
		err = highlights.Save()
	}
	if store != nil {
		if e := store.Save(); err == nil {
			err = e
		}
	}
	return err
}

// saveState writes the state now, on the UI goroutine: only on the way
// out (quit, ctrl+c, suspend), when no command would run after it.
// Failures become a message.
func (m *Model) saveState() {
	if m.rd != nil {
		m.rd.savePosition()
	}
	m.saver.flushed(m.opts.Now())
	if err := writeAll(m.opts.Store, m.opts.Highlights); err != nil {
		m.message(firstLine(err.Error()))
	}
}
