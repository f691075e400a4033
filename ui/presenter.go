package ui

import (
	"context"
	"fmt"
	"time"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/internal/render"
	"github.com/briefreader/brief/internal/state"
)

// presenterThemes are the themes c cycles through, projector themes first.
var presenterThemes = []string{
	render.StyleHighContrastDark, render.StyleHighContrastLight, render.StyleDark, render.StyleLight,
}

// blankScreen is a blacked-out or whited-out screen.
type blankScreen int

const (
	notBlank blankScreen = iota
	blackScreen
	whiteScreen
)

// presenter puts a briefing on a projector, one section after another,
// each cut into screen-sized pages.
type presenter struct {
	keys  presenterKeys
	st    *styles
	b     *briefings.Briefing
	theme string

	width, height int
	deck          *deck
	slidePos      // where it is: part 0 is the title slide (see sectionRef.block)
	plan          plan
	arrived       []time.Duration // elapsed time when each part was first shown; -1 before
	deadline      time.Time       // PresentOptions.End
	budget        time.Duration   // the length the plan spreads; 0 with a deadline

	footer  bool
	blank   blankScreen
	timer   timer
	tick    int // generation of the running tick, so only one runs
	digits  string
	picker  *sectionPicker
	help    *helpScreen
	finding bool
	input   textinput.Model
	query   string
	message string
	ended   bool // brief console was told the presentation is over

	search     SectionSearch
	searchSeq  int           // the latest search asked for; older answers are dropped
	statusPath string        // where brief console looks; "-" shares nothing
	sharer     *statusWriter // writes what share hands it, off the UI goroutine
	link       *consoleLink
	marks      *deckMarks // the highlights shown (H); nil: hidden
	highlights *state.HighlightStore

	lazy      bool  // parts render off the UI goroutine (presenter_render.go)
	rendering *deck // the deck a part is rendering for
}

// SectionSearch finds the sections of a briefing that match a query, best
// first, by anchor ("" for the lead), with the words to highlight. The app
// backs it with the search service; it is called off the UI goroutine.
type SectionSearch func(ctx context.Context, briefingPath, query string) (anchors []string, terms []string, err error)

// presentTickMsg advances the timer display.
type presentTickMsg struct{ id int }

// newPresenter presents b from a section: its index, or TitleSlide (as
// PresentRequest.Section).
func newPresenter(b *briefings.Briefing, section int, opts PresentOptions, st *styles, now func() time.Time) *presenter {
	p := &presenter{
		keys: newPresenterKeys(), st: st, b: b, theme: opts.Theme, footer: true,
		timer:      timer{now: now, duration: opts.Duration, deadline: opts.End},
		search:     opts.Search,
		statusPath: opts.StatusPath,
		sharer:     opts.sharer,
		deadline:   opts.End,
		budget:     opts.Duration,
		highlights: opts.Highlights,
	}
	if p.sharer == nil {
		p.sharer = &statusWriter{}
	}
	if p.theme == "" || p.theme == render.StyleAuto {
		p.theme = render.StyleHighContrastDark
	}
	p.part = refFromIndex(section).clampTo(len(b.Sections)).block()
	p.input = newInput("/", "search this briefing")
	p.replan()
	if len(p.plan.warnings) > 0 {
		p.message = p.plan.warnings[0]
		if n := len(p.plan.warnings) - 1; n > 0 {
			p.message += fmt.Sprintf(" (and %d more: see brief console)", n)
		}
	}
	return p
}

// notify shows a message from the app in the footer.
func (p *presenter) notify(text string) { p.message = text }

// typing reports whether a text input has the keys.
func (p *presenter) typing() bool { return p.finding }

// searchWith lets the presenter search the briefing (/), unless it was
// given a search of its own.
func (p *presenter) searchWith(search SectionSearch) {
	if p.search == nil {
		p.search = search
	}
}

// replan makes the time plan: over the duration given (--duration, else
// the briefing's duration:), or up to the deadline (--end) from when the
// talk began. The timer counts down the same length.
func (p *presenter) replan() {
	budget := p.budget
	if budget == 0 && p.deadline.IsZero() {
		budget = p.b.Duration
		p.timer.duration = budget
	}
	if !p.deadline.IsZero() {
		budget = max(p.deadline.Sub(p.timer.talkStart()), 0)
	}
	p.plan = makePlan(p.b, budget)
	if len(p.arrived) != len(p.b.Sections)+1 {
		p.arrived = make([]time.Duration, len(p.b.Sections)+1)
		for i := range p.arrived {
			p.arrived[i] = -1
		}
	}
}

// PresentOptions configure the presenter.
type PresentOptions struct {
	// Theme is a style name; projector themes are high-contrast-dark (the
	// default) and high-contrast-light.
	Theme string
	// Duration, if set, makes the timer count down to it, and the time
	// plan spread it over the sections; else the briefing's duration:.
	Duration time.Duration
	// End, if set, is when the talk ends by the clock: the timer counts
	// down to it and the plan spreads the time from the start up to it.
	End time.Time
	// Search finds sections for /; nil searches the text of the slides.
	Search SectionSearch
	// StatusPath is where `brief console` follows the presentation and
	// sends its commands from; "" uses the default, "-" shares nothing.
	StatusPath string
	// Highlights, if set, are the user's highlights, shown when H is
	// pressed.
	Highlights *state.HighlightStore

	sharer *statusWriter // the app's, which writes the status file; nil: the presenter's own
}

func (p *presenter) setSize(width, height int) {
	p.width, p.height = width, height
	p.rebuild()
}

// rebuild paginates again for the current size and theme, keeping the
// block on screen in view.
func (p *presenter) rebuild() {
	if p.width == 0 {
		return
	}
	block, line := -1, 0
	if p.deck != nil && p.deck.built(p.part) {
		if page := p.deck.part(p.part).pages[p.page]; len(page) > 0 {
			block, line = page[0].block, page[0].from
		}
	}
	p.newDeck()
	p.page = 0
	if block >= 0 {
		p.page = p.deck.part(p.part).pageOf(block, line)
	}
	p.step = min(p.step, p.steps()-1)
	p.share()
}

// newDeck makes the deck for the current size, theme and highlights,
// with nothing rendered yet.
func (p *presenter) newDeck() {
	r, err := render.New(p.theme, contentWidth(p.width))
	if err != nil {
		p.message = err.Error()
		r, _ = render.New(render.StyleHighContrastDark, contentWidth(p.width))
	}
	p.deck = newDeck(p.b, r, p.width, p.height, p.footer)
	p.deck.marks = p.marks
}

// replace shows a new version of the briefing (reloaded from disk) at the
// same section.
func (p *presenter) replace(b *briefings.Briefing) {
	anchor := blockRef(p.part).anchor(p.b)
	p.b = b
	if s, ok := anchorRef(b, anchor); ok && anchor != "" {
		p.part = s.block()
	} else {
		p.part = blockRef(p.part).clampTo(len(b.Sections)).block()
	}
	p.deck = nil
	p.page, p.step = 0, 0
	p.arrived = nil
	p.replan()
	p.rebuild()
	p.step = p.steps() - 1
	p.share()
}

// at is the section on screen (the lead for the title slide).
func (p *presenter) at() sectionRef { return blockRef(p.part) }

// section is the section on screen as PresentRequest.Section counts:
// its index, or TitleSlide.
func (p *presenter) section() int { return p.at().domainIndex() }

func (p *presenter) pages() int { return len(p.deck.part(p.part).pages) }

// steps is how many steps the page on screen is revealed in.
func (p *presenter) steps() int { return p.deck.part(p.part).stepCount(p.page) }

// moveTo goes to a place (see slidePos.clamp: lastPage, allSteps; a jump
// asks for allSteps, so that it never lands on a page half shown),
// starting the timer on the first move.
func (p *presenter) moveTo(to slidePos) tea.Cmd {
	to = to.clamp(p.deck)
	if to == p.slidePos {
		return nil
	}
	p.slidePos = to
	part := to.part
	var cmd tea.Cmd
	if !p.timer.running && p.timer.value() == 0 {
		cmd = p.startTimer()
	}
	if part < len(p.arrived) && p.arrived[part] < 0 {
		p.arrived[part] = p.timer.value()
	}
	p.share()
	return cmd
}

// next reveals the page's next step, else goes to the next page with only
// its first step shown.
func (p *presenter) next() tea.Cmd {
	if to, ok := p.slidePos.next(p.deck); ok {
		return p.moveTo(to)
	}
	p.message = "This is the last page."
	return nil
}

// prev hides the page's last step shown, else goes back to the previous
// page as it was left: fully revealed.
func (p *presenter) prev() tea.Cmd {
	if to, ok := p.slidePos.prev(p.deck); ok {
		return p.moveTo(to)
	}
	return nil
}

func (p *presenter) startTimer() tea.Cmd {
	first := p.timer.value() == 0
	p.timer.start()
	if first && !p.deadline.IsZero() {
		p.replan() // the plan runs from now to the deadline
	}
	p.tick++
	return p.tickCmd()
}

// pace is the footer's and the console's "§3 +1:20", or "" without a plan.
func (p *presenter) pace() (string, timerState) {
	if p.deck == nil || (!p.timer.running && p.timer.value() == 0) {
		return "", timerNormal
	}
	delta, ok := p.plan.pace(p.part, p.page, p.pages(), p.timer.value())
	if !ok {
		return "", timerNormal
	}
	return paceText(p.part, delta)
}

func (p *presenter) tickCmd() tea.Cmd {
	id := p.tick
	return tea.Tick(time.Second, func(time.Time) tea.Msg { return presentTickMsg{id} })
}
