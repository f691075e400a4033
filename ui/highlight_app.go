package ui

import (
	tea "charm.land/bubbletea/v2"
	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/internal/quotes"
)

// highlightsReloadedMsg: other windows' highlights were read.
type highlightsReloadedMsg struct{}

// newReaderFor makes the reader of a briefing, with its highlights.
func (m *Model) newReaderFor(b *briefings.Briefing) *reader {
	rd := newReader(b, m.st, m.opts.Store, m.glamourStyle(), m.opts.MaxWidth)
	rd.keepHighlights(m.opts.Highlights)
	return rd
}

// highlightsMsg handles the messages of the highlights.
func (m *Model) highlightsMsg(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case highlightsSavedMsg:
		if msg.err != nil {
			m.message(firstLine(msg.err.Error()))
		}
	case highlightsReloadedMsg:
		m.lib.quotesReloaded(m.opts.Highlights.All)
	}
	return nil
}

// showHighlights lists the library's highlights.
func (m *Model) showHighlights() tea.Cmd {
	if m.opts.Highlights == nil {
		m.message("Highlights are not kept: brief has no folder for its state.")
		return nil
	}
	l := newHighlightList(m.opts.Highlights, m.opts.Highlights.All(), true)
	l.gone = m.goneFromLibrary()
	m.lib.showQuotes(l)
	// Highlights other windows saved meanwhile come a moment later.
	store := m.opts.Highlights
	return func() tea.Msg {
		if store.Reload() {
			return highlightsReloadedMsg{}
		}
		return nil
	}
}

// openHighlight reads a briefing at one of its highlights.
func (m *Model) openHighlight(in openHighlightIntent) tea.Cmd {
	return m.withBriefing(in.path, func(b *briefings.Briefing, err error) tea.Cmd {
		if err != nil {
			if m.opts.Highlights != nil {
				m.opts.Highlights.Reanchored(quotes.Missing(m.opts.Highlights.ForBriefing(in.path)))
			}
			m.message("That briefing can no longer be read; its highlights are kept, marked so.")
			return saveHighlights(m.opts.Highlights)
		}
		cmd := m.open(b, keepPlace, nil)
		m.rd.showHighlight(in.id)
		return cmd
	})
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
func (l *library) quotesKey(msg tea.KeyPressMsg) (intent, tea.Cmd) {
	q := l.quotes
	res, cmd := q.key(msg, func(s string) { l.message = s })
	if cmd != nil {
		return nil, cmd
	}
	h, ok := q.at(res.item)
	switch {
	case res.outcome == overlayClosed:
		l.quotes = nil
	case !ok:
	case res.outcome == overlayChosen:
		return openHighlightIntent{path: h.Briefing, id: h.ID}, nil
	case res.outcome == overlayAction && res.action == highlightCopy:
		l.message = "Copied the quote with its citation to the clipboard."
		return nil, tea.SetClipboard(quotes.Clip(h, quotes.CiteStored(h)))
	}
	return nil, nil
}
