package ui

import (
	tea "charm.land/bubbletea/v2"
	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/internal/render"
)

// act carries out what a screen asked for.
func (m *Model) act(in intent) tea.Cmd {
	switch in := in.(type) {
	case openIntent:
		return m.withBriefing(in.path, func(b *briefings.Briefing, err error) tea.Cmd {
			if err != nil {
				m.message("That briefing can no longer be read; it may have been deleted.")
				return nil
			}
			return m.open(b, keepPlace, nil)
		})
	case backIntent:
		return m.back()
	case openHitIntent:
		return m.openHit(in.hit)
	case highlightsIntent:
		return m.showHighlights()
	case openHighlightIntent:
		return m.openHighlight(in)
	case openSavedIntent:
		return m.openSaved(in.name)
	case deleteSavedIntent:
		return m.deleteSaved(in.name)
	case followIntent:
		return m.follow(in)
	case quitIntent:
		return m.quit(tea.Quit)
	case editIntent:
		return editFile(in.briefing, in.line)
	case searchIntent:
		if m.opts.OpenSearch == nil {
			m.message("Search is off.")
			return nil
		}
		return m.openSearch()
	case presentIntent:
		return m.present(in.briefing, in.section)
	case nextBriefingIntent:
		return m.nextBriefing(in)
	case saveIntent:
		return m.saveSoon()
	}
	return nil
}

// screen is the screen in front.
func (m *Model) screen() screen { return m.routes.front() }

// current is the model of the screen in front.
func (m *Model) current() screenModel {
	switch m.screen() {
	case searchScreen:
		return m.search
	case presenterScreen:
		if m.pr != nil {
			return m.pr
		}
	case readerScreen:
		if m.rd != nil {
			return m.rd
		}
	}
	return m.lib
}

// back leaves the screen in front (esc) for the one under it.
func (m *Model) back() tea.Cmd {
	switch m.screen() {
	case presenterScreen:
		return m.backFromPresenter()
	case searchScreen:
		m.search.leave()
		return m.arrive(m.routes.pop())
	case readerScreen:
		return tea.Batch(m.saveSoon(), m.arrive(m.routes.pop()))
	}
	return nil
}

// arrive shows the screen that esc came back to: a reader left by
// following a link goes back to its place, the search screen takes the
// keys again.
func (m *Model) arrive(rt route) tea.Cmd {
	switch rt.screen {
	case readerScreen:
		if rt.place == nil {
			return nil
		}
		m.routes.settle()
		m.rd = m.newReaderFor(rt.place.briefing)
		m.rd.returnTo(rt.place.at)
		return m.rd.setSize(m.width, m.height)
	case searchScreen:
		return m.showSearch()
	}
	return nil
}

// quit ends the app; it is the only way out. The state is written at
// once, since no command runs after it, and a presentation is ended.
func (m *Model) quit(how tea.Cmd) tea.Cmd {
	m.saveState()
	if m.pr != nil {
		m.pr.end() // the presenter stays in front for the last frame
	}
	_ = m.sharer.flush() // brief console hears of the end now
	return how
}

// present starts the presenter on a section (TitleSlide: the title slide).
func (m *Model) present(b *briefings.Briefing, section int) tea.Cmd {
	opts := m.opts.PresentOptions
	opts.Highlights = m.opts.Highlights
	opts.sharer = m.sharer
	if opts.Search == nil && m.svc != nil {
		opts.Search = sectionSearchWith(m.svc)
	}
	m.pr = newPresenter(b, section, opts, m.st, m.opts.Now)
	first := m.pr.start(m.width, m.height) // the first slide renders off the key path
	m.routes.push(presenterScreen)
	return tea.Batch(m.pr.listen(), first) // brief console drives it too
}

// backFromPresenter returns to the reader at the section presented last.
func (m *Model) backFromPresenter() tea.Cmd {
	b, section := m.pr.b, m.pr.at()
	m.pr = nil
	m.routes.pop()
	if m.rd == nil || m.rd.b.Path != b.Path {
		m.rd = m.newReaderFor(b)
	}
	m.rd.openAt(section, nil)
	m.routes.push(readerScreen) // presented from the command line: no reader yet
	return m.rd.setSize(m.width, m.height)
}

// startOpening opens the briefing given on the command line (brief FILE,
// brief present), once, as soon as there is a list to come back to.
func (m *Model) startOpening() tea.Cmd {
	if m.started {
		return nil
	}
	m.started = true
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

// message shows a one-line message on the screen in front.
func (m *Model) message(text string) { m.current().notify(text) }

// decideStyle settles dark or light once, from the background colour or,
// failing a reply, dark.
func (m *Model) decideStyle() tea.Cmd {
	if m.styleDecided {
		return nil
	}
	m.styleDecided = true
	m.st = newStyles(m.dark)
	m.st.noColor = m.opts.NoColor
	m.lib.setStyles(m.st)
	m.search.setStyles(m.st, m.glamourStyle())
	if m.rd != nil {
		return m.rd.setStyles(m.st, m.glamourStyle())
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
	m.routes.push(readerScreen)
	return m.rd.setSize(m.width, m.height)
}

// follow opens the briefing a link points to; the reader's route keeps
// where it was, so that esc comes back.
func (m *Model) follow(f followIntent) tea.Cmd {
	return m.withBriefing(f.path, func(b *briefings.Briefing, err error) tea.Cmd {
		if err != nil {
			m.message("The link leads to " + f.path + ", which is not a briefing that can be read.")
			return nil
		}
		section, ok := anchorRef(b, f.anchor)
		if !ok {
			m.message("“" + b.Title + "” has no section “" + f.anchor + "”; showing its start.")
		}
		if m.rd != nil {
			m.routes.follow(&trailStep{briefing: m.rd.b, at: m.rd.position()})
		}
		return m.open(b, section, nil)
	})
}
