package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/internal/catalog"
)

// briefingReadMsg brings a briefing read off the UI goroutine back to it,
// with what to do next.
type briefingReadMsg struct {
	seq  int
	b    *briefings.Briefing
	err  error
	then func(*briefings.Briefing, error) tea.Cmd
}

// withBriefing calls then with the briefing at path: at once when it was
// read before, otherwise once a command has read its file off the UI
// goroutine. Only the latest request goes on: a key that asks for another
// briefing while one is read wins over it. Keys typed meanwhile wait for
// it (see holdKey), so that "enter j" reaches the reader it opens.
func (m *Model) withBriefing(path string, then func(*briefings.Briefing, error) tea.Cmd) tea.Cmd {
	m.readSeq++
	if g := m.opts.Given; g != nil && g.Path == path {
		m.reading = false
		return then(g, nil)
	}
	if b, ok := m.opened[path]; ok {
		m.reading = false
		return then(b, nil)
	}
	m.reading = true
	seq, lib, opts := m.readSeq, m.library, m.opts.LoadOptions
	return func() tea.Msg {
		b, err := loadBriefing(path, lib, opts)
		return briefingReadMsg{seq: seq, b: b, err: err, then: then}
	}
}

// briefingRead continues what withBriefing started, unless a newer request
// came since.
func (m *Model) briefingRead(msg briefingReadMsg) tea.Cmd {
	if msg.err == nil {
		m.remember(msg.b)
	}
	if msg.seq != m.readSeq {
		return nil
	}
	m.reading = false
	cmd := msg.then(msg.b, msg.err)
	return tea.Batch(cmd, m.replayKeys())
}

// maxHeldKeys bounds the keys kept while a briefing is read.
const maxHeldKeys = 64

// holdKey keeps a key typed while a briefing a key asked for is read: it
// is meant for the screen that briefing opens. Quitting is never held.
func (m *Model) holdKey(msg tea.KeyPressMsg) bool {
	if !m.reading || matches(msg, m.keys.Quit) || len(m.heldKeys) >= maxHeldKeys {
		return false
	}
	m.heldKeys = append(m.heldKeys, msg)
	return true
}

// replayKeys hands the held keys to the screen now in front.
func (m *Model) replayKeys() tea.Cmd {
	keys := m.heldKeys
	m.heldKeys = nil
	var cmds []tea.Cmd
	for _, k := range keys {
		_, cmd := m.Update(k) // held again if it opens another briefing
		cmds = append(cmds, cmd)
	}
	return tea.Batch(cmds...)
}

// loadBriefing reads a briefing of the library, or of the built-in sample.
func loadBriefing(path string, lib *catalog.Catalog, opts briefings.LoadOptions) (*briefings.Briefing, error) {
	if strings.HasPrefix(path, briefings.BuiltinPrefix) {
		return briefings.LoadSample().Find(path)
	}
	return readBriefing(path, lib, opts)
}

// maxOpened is how many read briefings are kept for going back to.
const maxOpened = 16

// remember keeps a read briefing, forgetting others beyond maxOpened.
func (m *Model) remember(b *briefings.Briefing) {
	if m.opened == nil {
		m.opened = make(map[string]*briefings.Briefing)
	}
	if len(m.opened) >= maxOpened {
		for path := range m.opened {
			if m.rd == nil || path != m.rd.b.Path {
				delete(m.opened, path)
				break
			}
		}
	}
	m.opened[b.Path] = b
}
