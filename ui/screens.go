package ui

import (
	tea "charm.land/bubbletea/v2"
	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/internal/render"
)

// act carries out what a screen asked for.
func (m *Model) act(intent tea.Msg) tea.Cmd {
	switch in := intent.(type) {
	case openMsg:
		return m.withBriefing(in.path, func(b *briefings.Briefing, err error) tea.Cmd {
			if err != nil {
				m.message("That briefing can no longer be read; it may have been deleted.")
				return nil
			}
			return m.open(b, keepPlace, nil)
		})
	case backMsg:
		switch m.screen {
		case presenterScreen:
			return m.backFromPresenter()
		case searchScreen:
			m.screen = m.searchFrom
			m.search.input.Blur()
			m.search.leave()
			return nil
		case readerScreen:
			m.saveState()
			if len(m.trail) > 0 {
				return m.backAlongTrail()
			}
			m.screen = libraryScreen
			if m.readerFrom == searchScreen {
				m.readerFrom = libraryScreen
				return m.openSearch()
			}
		}
	case openHitMsg:
		return m.openHit(in.hit)
	case highlightsMsg, openHighlightMsg:
		return m.highlightsMsg(in)
	case openSavedMsg:
		return m.openSaved(in.name)
	case deleteSavedMsg:
		return m.deleteSaved(in.name)
	case followMsg:
		return m.follow(in)
	case tea.QuitMsg:
		m.saveState() // the presenter stays the screen for the last frame
		return tea.Quit
	case editMsg:
		return editFile(in.briefing, in.line)
	case searchMsg:
		if m.opts.OpenSearch == nil {
			m.message("Search is off.")
			return nil
		}
		m.readerFrom = libraryScreen
		return m.openSearch()
	case presentMsg:
		return m.present(in.briefing, in.section)
	case nextBriefingMsg:
		return m.nextBriefing(in)
	}
	return nil
}

// present starts the presenter on a section (TitleSlide: the title slide).
func (m *Model) present(b *briefings.Briefing, section int) tea.Cmd {
	opts := m.opts.PresentOptions
	opts.Highlights = m.opts.Highlights
	if opts.Search == nil && m.svc != nil {
		opts.Search = sectionSearchWith(m.svc)
	}
	m.pr = newPresenter(b, section, opts, m.st, m.opts.Now)
	first := m.pr.start(m.width, m.height) // the first slide renders off the key path
	m.screen = presenterScreen
	return tea.Batch(m.pr.listen(), first) // brief console drives it too
}

// backFromPresenter returns to the reader at the section presented last.
func (m *Model) backFromPresenter() tea.Cmd {
	b, section := m.pr.b, m.pr.at()
	m.pr = nil
	if m.rd == nil || m.rd.b.Path != b.Path {
		m.rd = m.newReaderFor(b)
	}
	m.rd.openAt(section, nil)
	m.screen = readerScreen
	return m.rd.setSize(m.width, m.height)
}

// startOpening opens the briefing given on the command line (brief FILE,
// brief present), once, as soon as there is a list to come back to.
func (m *Model) startOpening() tea.Cmd {
	if m.openedStart {
		return nil
	}
	m.openedStart = true
	// brief present FILE names the file to present as the library too:
	// presenting wins over opening it in the reader.
	if m.opts.Present != nil {
		section := m.opts.Present.Section
		return m.withBriefing(m.opts.Present.Path, func(b *briefings.Briefing, err error) tea.Cmd {
			if err != nil {
				return nil
			}
			return m.present(b, section)
		})
	}
	if m.opts.Open != "" {
		return m.withBriefing(m.opts.Open, func(b *briefings.Briefing, err error) tea.Cmd {
			if err != nil {
				return nil // the list says why it is not there
			}
			return m.open(b, keepPlace, nil)
		})
	}
	return nil
}

// typing reports whether a text input has the keys.
func (m *Model) typing() bool {
	switch m.screen {
	case readerScreen:
		return m.rd.finding || m.rd.hl.editing()
	case presenterScreen:
		return m.pr.finding
	case searchScreen:
		return true
	}
	return m.lib.list.SettingFilter() || m.lib.quotes != nil && m.lib.quotes.typing
}

func (m *Model) message(text string) {
	if m.screen == searchScreen {
		m.search.notice = text // an error would go with the next results
	} else if m.screen == presenterScreen && m.pr != nil {
		m.pr.message = text
	} else if m.screen == readerScreen && m.rd != nil {
		m.rd.message = text
	} else {
		m.lib.message = text
	}
}

// decideStyle settles dark or light once, from the background colour or,
// failing a reply, dark.
func (m *Model) decideStyle() tea.Cmd {
	if m.styleDecided {
		return nil
	}
	m.styleDecided = true
	m.st = newStyles(m.dark)
	m.st.noColor = m.opts.NoColor
	m.lib.st = m.st
	m.search.st = m.st
	m.search.style = m.glamourStyle()
	m.lib.setSize(m.lib.width, m.lib.height) // the delegate draws with the new styles
	if m.rd != nil {
		m.rd.st = m.st
		return m.rd.setStyle(m.glamourStyle())
	}
	return nil
}

// glamourStyle is the concrete style for rendering briefings. Under
// NO_COLOR it is still a full style: the colour profile removes the
// colours and keeps bold and underline, which read better than notty's
// markdown markers.
func (m *Model) glamourStyle() string {
	return render.ResolveStyle(m.opts.Style, true, m.dark)
}

// open shows a briefing in the reader, at a section (keepPlace: where the
// reader left it) with words highlighted.
func (m *Model) open(b *briefings.Briefing, section sectionRef, terms []string) tea.Cmd {
	if m.rd != nil && m.rd.b.Path != b.Path {
		m.rd.savePosition()
	}
	if m.rd == nil || m.rd.b.Path != b.Path {
		m.rd = m.newReaderFor(b)
	}
	if !section.keep() {
		m.rd.openAt(section, terms)
	}
	m.screen = readerScreen
	return m.rd.setSize(m.width, m.height)
}

// saveState writes the reading position; failures become a message.
func (m *Model) saveState() {
	if m.rd != nil {
		m.rd.savePosition()
	}
	if m.opts.Highlights != nil {
		if err := m.opts.Highlights.Save(); err != nil {
			m.message(firstLine(err.Error()))
		}
	}
	if m.opts.Store == nil {
		return
	}
	if err := m.opts.Store.Save(); err != nil {
		m.message(firstLine(err.Error()))
	}
}
