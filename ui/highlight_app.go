package ui

import (
	tea "charm.land/bubbletea/v2"
	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/internal/quotes"
)

// Messages of the highlights between the screens and the app.
type (
	// highlightsMsg asks for the list of the library's highlights.
	highlightsMsg struct{}
	// openHighlightMsg asks to read a briefing at a highlight.
	openHighlightMsg struct{ path, id string }
	// highlightsReloadedMsg: other windows' highlights were read.
	highlightsReloadedMsg struct{}
)

// newReaderFor makes the reader of a briefing, with its highlights.
func (m *Model) newReaderFor(b *briefings.Briefing) *reader {
	rd := newReader(b, m.st, m.opts.Store, m.glamourStyle(), m.opts.MaxWidth)
	rd.hl = newReaderHighlights(m.opts.Highlights, b)
	return rd
}

// highlightsMsg handles the messages of the highlights.
func (m *Model) highlightsMsg(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case highlightsSavedMsg:
		if msg.err != nil {
			m.message(firstLine(msg.err.Error()))
		}
	case highlightsMsg:
		if m.opts.Highlights == nil {
			m.message("Highlights are not kept: brief has no folder for its state.")
			return nil
		}
		l := newHighlightList(m.opts.Highlights, m.opts.Highlights.All(), true)
		l.gone = m.goneFromLibrary()
		m.lib.quotes = l
		// Highlights other windows saved meanwhile come a moment later.
		store := m.opts.Highlights
		return func() tea.Msg {
			if store.Reload() {
				return highlightsReloadedMsg{}
			}
			return nil
		}
	case highlightsReloadedMsg:
		if l := m.lib.quotes; l != nil {
			l.replace(m.opts.Highlights.All())
		}
	case openHighlightMsg:
		return m.withBriefing(msg.path, func(b *briefings.Briefing, err error) tea.Cmd {
			if err != nil {
				if m.opts.Highlights != nil {
					m.opts.Highlights.Reanchored(quotes.Missing(m.opts.Highlights.ForBriefing(msg.path)))
				}
				m.message("That briefing can no longer be read; its highlights are kept, marked so.")
				return saveHighlights(m.opts.Highlights)
			}
			cmd := m.open(b, keepPlace, nil)
			m.rd.hl.show(m.rd, msg.id)
			return cmd
		})
	}
	return nil
}

// goneFromLibrary returns what the library list says of a briefing's
// file: "" while it is in the library (or the library is not listed
// yet).
func (m *Model) goneFromLibrary() func(string) string {
	if m.library == nil {
		return nil
	}
	known := make(map[string]bool, len(m.library.Entries))
	for _, e := range m.library.Entries {
		known[e.Path] = true
	}
	skipped := map[string]string{}
	for _, p := range m.library.Problems {
		if p.Skipped {
			skipped[p.Path] = "the file cannot be read now"
		}
	}
	return func(path string) string {
		if why, ok := skipped[path]; ok {
			return why
		}
		if !known[path] {
			return "not in the library (moved or deleted?)"
		}
		return ""
	}
}

// quotesKey handles a key in the library's list of highlights.
func (l *library) quotesKey(msg tea.KeyPressMsg) tea.Cmd {
	q := l.quotes
	if cmd, ok := q.move(msg, max((l.height-5)/3, 1)); ok {
		return cmd
	}
	switch msg.String() {
	case "enter":
		if h, ok := q.selected(); ok {
			l.intent = openHighlightMsg{path: h.Briefing, id: h.ID}
		}
	case "Y":
		if h, ok := q.selected(); ok {
			l.message = "Copied the quote with its citation to the clipboard."
			return tea.SetClipboard(quotes.Clip(h, quotes.CiteStored(h)))
		}
	case "d":
		return q.remove(func(s string) { l.message = s })
	case "esc":
		if q.filter.Value() != "" {
			q.filter.SetValue("")
			q.applyFilter()
			return nil
		}
		l.quotes = nil
	case "q", "H":
		l.quotes = nil
	}
	return nil
}
