package ui

import (
	"context"
	"os"
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
	part, page    int // part 0 is the title slide, part i+1 section i

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
	intent  tea.Msg // backMsg (to the reader) or tea.Quit

	search     SectionSearch
	searchSeq  int        // the latest search asked for; older answers are dropped
	statusPath string     // where brief notes looks; "" shares nothing
	marks      *deckMarks // the highlights shown (H); nil: hidden
	highlights *state.HighlightStore
}

// SectionSearch finds the sections of a briefing that match a query, best
// first, by anchor ("" for the lead), with the words to highlight. The app
// backs it with the search service; it is called off the UI goroutine.
type SectionSearch func(ctx context.Context, briefingPath, query string) (anchors []string, terms []string, err error)

// presentTickMsg advances the timer display.
type presentTickMsg struct{ id int }

func newPresenter(b *briefings.Briefing, section int, opts PresentOptions, st *styles, now func() time.Time) *presenter {
	p := &presenter{
		keys: newPresenterKeys(), st: st, b: b, theme: opts.Theme, footer: true,
		timer:      timer{now: now, duration: opts.Duration},
		search:     opts.Search,
		statusPath: opts.StatusPath,
		highlights: opts.Highlights,
	}
	if p.theme == "" || p.theme == render.StyleAuto {
		p.theme = render.StyleHighContrastDark
	}
	p.part = min(max(section+1, 0), len(b.Sections))
	p.input = newInput("/", "search this briefing")
	return p
}

// PresentOptions configure the presenter.
type PresentOptions struct {
	// Theme is a style name; projector themes are high-contrast-dark (the
	// default) and high-contrast-light.
	Theme string
	// Duration, if set, makes the timer count down to it.
	Duration time.Duration
	// Search finds sections for /; nil searches the text of the slides.
	Search SectionSearch
	// StatusPath is where `brief notes` follows the presentation; "" uses
	// the default, "-" shares nothing.
	StatusPath string
	// Highlights, if set, are the user's highlights, shown when H is
	// pressed.
	Highlights *state.HighlightStore
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
	if p.deck != nil {
		if page := p.deck.part(p.part).pages[p.page]; len(page) > 0 {
			block, line = page[0].block, page[0].from
		}
	}
	r, err := render.New(p.theme, contentWidth(p.width))
	if err != nil {
		p.message = err.Error()
		r, _ = render.New(render.StyleHighContrastDark, contentWidth(p.width))
	}
	p.deck = newDeck(p.b, r, p.width, p.height, p.footer)
	p.deck.marks = p.marks
	p.page = 0
	if block >= 0 {
		p.page = p.deck.part(p.part).pageOf(block, line)
	}
	p.share()
}

// replace shows a new version of the briefing (reloaded from disk) at the
// same section.
func (p *presenter) replace(b *briefings.Briefing) {
	anchor := ""
	if p.part > 0 && p.part-1 < len(p.b.Sections) {
		anchor = p.b.Sections[p.part-1].Anchor
	}
	p.b = b
	if i := b.SectionIndex(anchor); i >= 0 {
		p.part = i + 1
	} else {
		p.part = min(p.part, len(b.Sections))
	}
	p.deck = nil
	p.page = 0
	p.rebuild()
}

// section is the section on screen, -1 for the title slide.
func (p *presenter) section() int { return p.part - 1 }

func (p *presenter) pages() int { return len(p.deck.part(p.part).pages) }

// move goes to a part and page, starting the timer on the first move.
func (p *presenter) move(part, page int) tea.Cmd {
	part = min(max(part, 0), len(p.deck.parts)-1)
	pages := len(p.deck.part(part).pages)
	if page < 0 {
		page = pages + page // -1: the last page
	}
	page = min(max(page, 0), pages-1)
	if part == p.part && page == p.page {
		return nil
	}
	p.part, p.page = part, page
	var cmd tea.Cmd
	if !p.timer.running && p.timer.value() == 0 {
		cmd = p.startTimer()
	}
	p.share()
	return cmd
}

func (p *presenter) next() tea.Cmd {
	if p.page+1 < p.pages() {
		return p.move(p.part, p.page+1)
	}
	if p.part+1 < len(p.deck.parts) {
		return p.move(p.part+1, 0)
	}
	p.message = "This is the last page."
	return nil
}

func (p *presenter) prev() tea.Cmd {
	if p.page > 0 {
		return p.move(p.part, p.page-1)
	}
	if p.part > 0 {
		return p.move(p.part-1, -1)
	}
	return nil
}

func (p *presenter) startTimer() tea.Cmd {
	p.timer.start()
	p.tick++
	return p.tickCmd()
}

func (p *presenter) tickCmd() tea.Cmd {
	id := p.tick
	return tea.Tick(time.Second, func(time.Time) tea.Msg { return presentTickMsg{id} })
}

// share writes where the presentation is for `brief notes`.
func (p *presenter) share() {
	if p.statusPath == "-" || p.deck == nil {
		return
	}
	part := p.deck.part(p.part)
	status := state.Presenting{
		PID: os.Getpid(), Briefing: p.b.Path, Title: p.b.Title,
		Section: p.section(), Sections: len(p.b.Sections), SectionTitle: part.heading,
		Page: p.page + 1, Pages: len(part.pages), Notes: part.pageNotes(p.page),
		Running: p.timer.running, Elapsed: p.timer.elapsed.Seconds(), StartedAt: p.timer.started,
		Duration: p.timer.duration.Seconds(), Updated: p.timer.now(),
	}
	if p.page+1 < len(part.pages) {
		status.Next = part.firstLine(p.page + 1)
	} else if p.part+1 < len(p.deck.parts) {
		status.Next = p.deck.part(p.part + 1).heading
	}
	if err := state.WritePresenting(p.statusPathOrDefault(), status); err != nil && p.message == "" {
		p.message = firstLine(err.Error())
	}
}

func (p *presenter) statusPathOrDefault() string {
	if p.statusPath == "" {
		return state.PresentingPath()
	}
	return p.statusPath
}

// end tells `brief notes` the presentation is over.
func (p *presenter) end() {
	if p.statusPath == "-" {
		return
	}
	_ = state.WritePresenting(p.statusPathOrDefault(), state.Presenting{
		PID: os.Getpid(), Briefing: p.b.Path, Title: p.b.Title, Ended: true, Updated: p.timer.now(),
	})
}
