package ui

import (
	"os"
	"strings"
	"sync"

	tea "charm.land/bubbletea/v2"

	"github.com/briefreader/brief/internal/render"
	"github.com/briefreader/brief/internal/state"
)

// share hands `brief console` where the presentation is: the page as the
// audience sees it, the next one, the notes, the timer and the plan. The
// file is written off the UI goroutine (see statusWriter).
func (p *presenter) share() {
	if p.statusPath == "-" || !p.ready() {
		return // shared once the slide is rendered
	}
	p.sharer.hand(p.statusPathOrDefault(), p.status())
}

// statusWriter writes the presenter's status file for `brief console`.
// The presenter hands it each new status on the UI goroutine; the app
// writes in a command (writeCmd), and once more on exit (flush), so a page
// turn never waits for the disk. Only the newest status is ever written,
// and writes never overtake each other.
type statusWriter struct {
	mu        sync.Mutex // guards the fields below; never held while writing
	path      string
	latest    state.Presenting
	asked     int // statuses handed over
	requested int // the newest one a command was made for
	written   int // the newest one written

	writing sync.Mutex // one write at a time
}

// hand gives the writer the newest status, to be written to path.
func (w *statusWriter) hand(path string, s state.Presenting) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.path, w.latest = path, s
	w.asked++
}

// writeCmd is a command that writes the newest status, or nil when no
// status came since the last command was made.
func (w *statusWriter) writeCmd() tea.Cmd {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.asked == w.requested {
		return nil
	}
	w.requested = w.asked
	return func() tea.Msg { return statusWrittenMsg{w.flush()} }
}

// flush writes the newest status if it is not written yet.
func (w *statusWriter) flush() error {
	w.writing.Lock()
	defer w.writing.Unlock()
	w.mu.Lock()
	seq, path, s := w.asked, w.path, w.latest
	w.mu.Unlock()
	if seq == w.written {
		return nil
	}
	err := state.WritePresenting(path, s)
	w.written = seq // a failed write is not tried again until the next status
	return err
}

// statusWrittenMsg says how writing the status file went.
type statusWrittenMsg struct{ err error }

// status is what share writes.
func (p *presenter) status() state.Presenting {
	part := p.deck.part(p.part)
	now, later := part.pageNotesAt(p.page, p.step)
	s := state.Presenting{
		PID: os.Getpid(), Briefing: p.b.Path, Title: p.b.Title,
		Section: p.section(), Sections: len(p.b.Sections), SectionTitle: part.heading,
		Page: p.page + 1, Pages: len(part.pages), Step: p.step + 1, Steps: p.steps(),
		Notes: now, LaterNotes: later,
		Screen: p.slideLines(p.part, p.page, p.step), Width: p.width, Height: p.height,
		Running: p.timer.running, Elapsed: p.timer.elapsed.Seconds(), StartedAt: p.timer.started,
		Duration: p.timer.duration.Seconds(), Deadline: p.deadline, Updated: p.timer.now(),
		Warnings: p.plan.warnings,
	}
	switch p.blank {
	case blackScreen:
		s.Blank = "black"
	case whiteScreen:
		s.Blank = "white"
	}
	s.Next = p.nextLine()
	s.TitleRows = p.titleRows(p.part, p.page)
	if p.page+1 < len(part.pages) {
		s.NextScreen = p.slideLines(p.part, p.page+1, allSteps)
		s.NextTitleRows, s.NextTitle = 1, part.heading
	} else if p.part+1 < p.deck.partCount() && p.nextReady(p.part+1) {
		s.NextScreen = p.slideLines(p.part+1, 0, allSteps)
		s.NextTitleRows, s.NextTitle = p.titleRows(p.part+1, 0), p.deck.part(p.part+1).heading
	}
	if p.plan.active() {
		for i, d := range p.plan.parts {
			title := "Title slide"
			if s, ok := blockRef(i).index(); ok {
				title = render.Plain(p.b.Sections[s].Heading)
			}
			arrived := -1.0
			if i < len(p.arrived) && p.arrived[i] >= 0 {
				arrived = p.arrived[i].Seconds()
			}
			s.Plan = append(s.Plan, state.PlanPart{Title: title, Seconds: d.Seconds(), Explicit: p.plan.explicit[i], Arrived: arrived})
		}
	}
	return s
}

// titleRows counts the rows slideLines gives the title of a page.
func (p *presenter) titleRows(part, page int) int {
	if page == 0 {
		return len(p.deck.part(part).title)
	}
	return 1
}

// nextLine is the first line of what comes next: the page's next step,
// the next page, or the next section's heading.
func (p *presenter) nextLine() string {
	part := p.deck.part(p.part)
	if p.step+1 < p.steps() {
		for i, seg := range part.pages[p.page] {
			if part.steps[p.page][i] == p.step+1 {
				for _, l := range part.lines[seg.block][seg.from:seg.to] {
					if t := strings.TrimSpace(stripStyle(l)); t != "" {
						return t
					}
				}
			}
		}
	}
	if p.page+1 < len(part.pages) {
		return part.firstLine(p.page + 1)
	}
	if p.part+1 < p.deck.partCount() {
		return p.deck.heading(p.part + 1)
	}
	return ""
}

func (p *presenter) statusPathOrDefault() string {
	if p.statusPath == "" {
		return state.PresentingPath()
	}
	return p.statusPath
}

// end tells `brief console` the presentation is over and stops listening
// to it.
func (p *presenter) end() {
	p.link.stop()
	p.link = nil
	if p.statusPath == "-" || p.ended {
		return
	}
	p.ended = true
	p.sharer.hand(p.statusPathOrDefault(), state.Presenting{
		PID: os.Getpid(), Briefing: p.b.Path, Title: p.b.Title, Ended: true, Updated: p.timer.now(),
	})
}
