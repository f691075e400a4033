package ui

import (
	"context"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
)

// update handles a message for the presenter; it returns what the user
// asked the app to do, if anything. Slides not drawn yet are rendered
// ahead, in the background.
func (p *presenter) update(msg tea.Msg) (intent, tea.Cmd) {
	var in intent
	var cmd tea.Cmd
	if key, ok := msg.(tea.KeyPressMsg); ok {
		in, cmd = p.key(key)
	} else {
		cmd = p.handle(msg)
	}
	if ahead := p.renderAhead(); ahead != nil {
		cmd = tea.Batch(cmd, ahead)
	}
	return in, cmd
}

// handle handles a message other than a key.
func (p *presenter) handle(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case slideRenderedMsg:
		return p.slideRendered(msg)
	case presenterFoundMsg:
		return p.found(msg)
	case consoleCommandsMsg:
		return p.obey(msg)
	case presentTickMsg:
		if msg.id == p.tick && p.timer.running {
			return p.tickCmd()
		}
		return nil
	case tea.PasteMsg:
		if p.finding {
			var cmd tea.Cmd
			p.input, cmd = p.input.Update(msg)
			return cmd
		}
	}
	return nil
}

func (p *presenter) key(msg tea.KeyPressMsg) (intent, tea.Cmd) {
	p.message = ""
	switch {
	case p.blank != notBlank:
		p.blank = notBlank // any key restores the screen
		p.share()
		return nil, nil
	case p.help != nil:
		if p.help.key(msg) {
			p.help = nil
		}
		return nil, nil
	case p.picker != nil:
		return nil, p.pickerKey(msg)
	case p.finding:
		return nil, p.findKey(msg)
	}
	k := p.keys
	if s := msg.String(); len(s) == 1 && s[0] >= '0' && s[0] <= '9' {
		p.digits += s
		return nil, nil
	}
	if p.digits != "" {
		digits := p.digits
		p.digits = ""
		switch msg.String() {
		case "enter":
			return nil, p.jumpToSection(digits)
		case "backspace":
			p.digits = digits[:len(digits)-1]
			return nil, nil
		case "esc":
			return nil, nil
		}
	}
	switch {
	case matches(msg, k.Next):
		return nil, p.next()
	case matches(msg, k.Prev):
		return nil, p.prev()
	case matches(msg, k.NextSection):
		return nil, p.moveTo(p.slidePos.nextSection())
	case matches(msg, k.PrevSection):
		return nil, p.moveTo(p.slidePos.prevSection())
	case matches(msg, k.First):
		return nil, p.moveTo(firstSlide)
	case matches(msg, k.Last):
		return nil, p.moveTo(lastSlide(p.deck))
	case matches(msg, k.Sections):
		p.picker = newSectionPicker(p)
	case matches(msg, k.Search):
		p.finding = true
		p.input.SetValue(p.query)
		p.input.CursorEnd()
		return nil, p.input.Focus()
	case matches(msg, k.Black):
		p.blank = blackScreen
		p.share()
	case matches(msg, k.White):
		p.blank = whiteScreen
		p.share()
	case matches(msg, k.Timer):
		return nil, p.toggleTimer()
	case matches(msg, k.ResetTimer):
		p.timer.reset()
		p.tick++
		if !p.deadline.IsZero() {
			p.replan()
		}
		for i := range p.arrived {
			p.arrived[i] = -1
		}
		p.share()
	case matches(msg, k.Theme):
		p.cycleTheme()
	case matches(msg, k.Footer):
		p.footer = !p.footer
		p.rebuild()
	case matches(msg, k.Highlights):
		p.toggleHighlights()
	case matches(msg, k.Back):
		p.end()
		return backIntent{}, nil
	case matches(msg, k.Quit):
		p.end()
		return quitIntent{}, nil
	case matches(msg, k.global.Help):
		groups := p.keys.FullHelp()
		p.help = &helpScreen{title: "Presenting keys", groups: []helpGroup{
			{"Moving", groups[0]}, {"Screen and timer", groups[1]}, {"Leaving", groups[2]},
		}}
	}
	return nil, nil
}

// toggleTimer starts or pauses the timer.
func (p *presenter) toggleTimer() tea.Cmd {
	if p.timer.running {
		p.timer.pause()
		p.share()
		return nil
	}
	cmd := p.startTimer()
	p.share()
	return cmd
}

func (p *presenter) jumpToSection(digits string) tea.Cmd {
	n, err := strconv.Atoi(digits)
	s, ok := numberedSection(n, len(p.b.Sections))
	if err != nil || !ok {
		p.message = "There is no section " + digits + "; this briefing has " + strconv.Itoa(len(p.b.Sections)) + "."
		return nil
	}
	return p.moveTo(slideAt(s))
}

func (p *presenter) cycleTheme() {
	next := presenterThemes[0]
	for i, t := range presenterThemes {
		if t == p.theme {
			next = presenterThemes[(i+1)%len(presenterThemes)]
		}
	}
	p.theme = next
	p.rebuild()
	p.message = "Theme: " + next
}

// findKey edits the search; enter goes to the next page with a match.
func (p *presenter) findKey(msg tea.KeyPressMsg) tea.Cmd {
	switch msg.String() {
	case "esc":
		p.finding = false
		p.input.Blur()
		return nil
	case "enter":
		p.finding = false
		p.input.Blur()
		p.query = strings.TrimSpace(p.input.Value())
		return p.findNext()
	}
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	return cmd
}

// presenterFoundMsg is the answer of the search service to /.
type presenterFoundMsg struct {
	seq     int
	anchors []string
	terms   []string
	err     error
}

// presenterSearchLimit bounds a search of the briefing through the service.
const presenterSearchLimit = 10 * time.Second

// findNext goes to the next page after this one (wrapping around) that has
// the query's words. The search service, when there is one, says which
// sections to look in and which words it matched; it runs off the UI
// goroutine, and the slides keep paging meanwhile.
func (p *presenter) findNext() tea.Cmd {
	if p.query == "" {
		return nil
	}
	if p.search == nil {
		return p.findIn(nil, literalMatcher(p.query))
	}
	p.searchSeq++
	seq, search, path, query := p.searchSeq, p.search, p.b.Path, p.query
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), presenterSearchLimit)
		defer cancel()
		anchors, terms, err := search(ctx, path, query)
		return presenterFoundMsg{seq: seq, anchors: anchors, terms: terms, err: err}
	}
}

// found goes to the first match the search service found, unless another
// search was asked for since.
func (p *presenter) found(msg presenterFoundMsg) tea.Cmd {
	if msg.seq != p.searchSeq {
		return nil
	}
	if msg.err != nil {
		// Search the slides' text instead.
		return p.findIn(nil, literalMatcher(p.query))
	}
	parts := []int{}
	for _, a := range msg.anchors {
		if s, ok := anchorRef(p.b, a); ok {
			parts = append(parts, s.block())
		}
	}
	match := literalMatcher(p.query)
	if len(msg.terms) > 0 {
		match = termsMatcher(msg.terms)
	}
	return p.findIn(parts, match)
}

// findIn goes to the next page among parts (nil: all of them) that match.
func (p *presenter) findIn(parts []int, match matcher) tea.Cmd {
	if parts == nil {
		for i := range p.deck.parts {
			parts = append(parts, i)
		}
	}
	if part, page, ok := p.findPage(parts, match); ok {
		return p.moveTo(slidePos{part: part, page: page, step: allSteps})
	}
	p.message = "“" + p.query + "” is not in this briefing."
	return nil
}

// findPage returns the first page after the current one, in deck order and
// wrapping around, among the given parts, whose text matches.
func (p *presenter) findPage(parts []int, match matcher) (part, page int, ok bool) {
	type place struct{ part, page int }
	var hits []place
	for _, i := range parts {
		dp := p.deck.part(i)
		for n := range dp.pages {
			// Match the page as one text: a phrase may be wrapped.
			text := dp.heading
			for _, line := range dp.pageLines(n) {
				text += " " + strings.TrimSpace(stripStyle(line))
			}
			if len(match(text)) > 0 {
				hits = append(hits, place{i, n})
			}
		}
	}
	if len(hits) == 0 {
		return 0, 0, false
	}
	best := hits[0]
	for _, h := range hits {
		after := h.part > p.part || h.part == p.part && h.page > p.page
		bestAfter := best.part > p.part || best.part == p.part && best.page > p.page
		if after && (!bestAfter || h.part < best.part || h.part == best.part && h.page < best.page) {
			best = h
		} else if !after && !bestAfter && (h.part < best.part || h.part == best.part && h.page < best.page) {
			best = h
		}
	}
	return best.part, best.page, true
}
