package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"
)

// Slides render off the UI goroutine in the app: the presenter starts
// (start) with a placeholder for the slide on screen, and renders its parts
// one at a time, nearest the slide on screen first, so that the next slide
// is usually ready before its key. A key that needs a part not yet
// rendered (a jump far ahead) still renders it on the spot. Tests that
// call setSize get every part rendered on first use, as before.

// slideRenderedMsg carries a deck part rendered off the UI goroutine.
type slideRenderedMsg struct {
	deck *deck
	part int
	p    *deckPart
}

// start shows the presenter at a size for the first time: the slide on
// screen renders off the UI goroutine, a placeholder shows meanwhile.
func (p *presenter) start(width, height int) tea.Cmd {
	p.lazy = true
	p.width, p.height = width, height
	if width == 0 {
		return nil
	}
	p.newDeck()
	return p.renderAhead()
}

// renderAhead renders the nearest part not yet rendered, unless one is
// rendering already.
func (p *presenter) renderAhead() tea.Cmd {
	d := p.deck
	if !p.lazy || d == nil || p.rendering == d {
		return nil
	}
	next := -1
	for i := range d.partCount() {
		if !d.built(i) && (next < 0 || distance(i, p.part) < distance(next, p.part)) {
			next = i
		}
	}
	if next < 0 {
		return nil
	}
	p.rendering = d
	return func() tea.Msg { return slideRenderedMsg{deck: d, part: next, p: d.build(next)} }
}

// slideRendered installs a part and renders the next; once the slide on
// screen is there, `brief console` hears of it.
func (p *presenter) slideRendered(msg slideRenderedMsg) tea.Cmd {
	if msg.deck != p.deck {
		return nil // a deck for another size or theme
	}
	p.rendering = nil
	shown := p.deck.built(p.part)
	p.deck.install(msg.part, msg.p)
	if !shown && msg.part == p.part || msg.part == p.part+1 {
		p.share()
	}
	return p.renderAhead()
}

// ready reports whether the slide on screen can be drawn without
// rendering it.
func (p *presenter) ready() bool {
	return p.deck != nil && (!p.lazy || p.deck.built(p.part))
}

// nextReady reports whether part i can be shown to `brief console`
// without rendering it on the UI goroutine.
func (p *presenter) nextReady(i int) bool {
	return !p.lazy || p.deck.built(i)
}

// placeholder is the slide on screen while it renders: its heading.
func (p *presenter) placeholder() string {
	lines := []string{"", p.centre(p.chrome().title.Render(p.deck.heading(p.part))), "",
		p.centre(p.chrome().subtle.Render("…"))}
	return strings.Join(padLines(lines, p.height), "\n")
}
