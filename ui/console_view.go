package ui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/briefreader/brief/internal/render"
	"github.com/briefreader/brief/internal/state"
	"github.com/charmbracelet/x/ansi"
)

// consoleWide is the width from which the console shows the current and
// the next page side by side.
const consoleWide = 90

// consoleText styles the console's own text, or leaves it plain.
type consoleText struct {
	st     *styles
	styled bool
}

func (t consoleText) with(s lipgloss.Style, text string) string {
	if !t.styled {
		return text
	}
	return s.Render(text)
}
func (t consoleText) title(s string) string   { return t.with(t.st.title, s) }
func (t consoleText) subtle(s string) string  { return t.with(t.st.subtle, s) }
func (t consoleText) message(s string) string { return t.with(t.st.message, s) }
func (t consoleText) warning(s string) string { return t.with(t.st.warning, s) }

func (t consoleText) urgent(s string, u timerState) string {
	switch u {
	case timerWarning:
		return t.message(s)
	case timerOver:
		return t.warning(s)
	}
	return s
}

// render lays the console out at a size; styled is false for plain output,
// and height 0 is a snapshot: as tall as it needs, without the keys.
func (c *consoleModel) render(width, height int, styled bool) string {
	width = max(width, 20)
	snapshot := height <= 0
	if snapshot {
		height = 60
	}
	t := consoleText{st: c.st, styled: styled}
	var lines []string
	switch {
	case c.err != "":
		lines = []string{c.err, "", "Waiting for a presentation…"}
	case !c.have:
		lines = []string{"Waiting for a presentation… (start one with p in the reader, or brief present)"}
	case c.status.Ended:
		lines = []string{"The presentation has ended: " + c.status.Title, "", t.subtle("Waiting for the next one…")}
	case c.gone:
		lines = []string{fmt.Sprintf("The presenter of %s (process %d) has stopped.", c.status.Title, c.status.PID), "", t.subtle("Waiting for a presentation…")}
	default:
		lines = c.dashboard(width, height-2, t)
	}
	if snapshot {
		for len(lines) > 0 && strings.TrimSpace(ansi.Strip(lines[len(lines)-1])) == "" {
			lines = lines[:len(lines)-1]
		}
		return finishLines(lines, width, styled)
	}
	lines = padLines(lines, max(height-2, 0))
	bottom := t.subtle("space/→ next · ← back · 3 enter: §3 · [ ] sections · b blank · t timer · q quit")
	switch {
	case c.message != "":
		bottom = t.message(cleanMessage(c.message))
	case c.digits != "":
		bottom = t.message("Go to section " + c.digits + "… (enter)")
	}
	return finishLines(append(lines, "", bottom), width, styled)
}

// finishLines fits lines to the width, without styling for plain output.
func finishLines(lines []string, width int, styled bool) string {
	for i, l := range lines {
		if !styled {
			l = ansi.Strip(l)
		}
		lines[i] = ansi.Truncate(l, width, "…")
	}
	return strings.Join(lines, "\n")
}

// dashboard is the console of a running presentation.
func (c *consoleModel) dashboard(width, height int, t consoleText) []string {
	s := c.status
	now := c.opts.Now()
	elapsed := s.ElapsedAt(now)
	lines := []string{t.title(s.Title) + "  " + t.subtle(now.Format("15:04:05"))}

	clockLine := "elapsed " + clock(elapsed)
	if !s.Running && elapsed > 0 {
		clockLine += " (paused)"
	}
	var left time.Duration
	hasEnd := true
	switch {
	case !s.Deadline.IsZero():
		left = s.Deadline.Sub(now)
		clockLine += " · ends " + s.Deadline.Format("15:04")
	case s.Duration > 0:
		left = time.Duration(s.Duration*float64(time.Second)) - elapsed
		clockLine += " · ends " + now.Add(left).Format("15:04")
	default:
		hasEnd = false
	}
	if hasEnd {
		switch {
		case left < 0:
			clockLine += " · " + t.warning(clock(-left)+" over")
		case left <= warnBefore:
			clockLine += " · " + t.message(clock(left)+" left")
		default:
			clockLine += " · " + clock(left) + " left"
		}
	}
	if pace, u, ok := c.pace(elapsed); ok {
		clockLine += " · " + t.urgent(pace, u)
	}
	if s.Blank != "" {
		clockLine += " · " + t.warning("screen "+s.Blank)
	}
	lines = append(lines, clockLine, "")

	where := fmt.Sprintf("§%d/%d %s · page %d/%d", s.Section+1, s.Sections, s.SectionTitle, s.Page, s.Pages)
	if s.Section < 0 {
		where = fmt.Sprintf("title · page %d/%d", s.Page, s.Pages)
	}
	if s.Steps > 1 {
		where += fmt.Sprintf(" · step %d/%d", s.Step, s.Steps)
	}
	nextLabel := "NEXT  " + s.Next
	if len(s.NextScreen) == 0 {
		nextLabel = "NEXT  (the end)"
	}
	notes := c.noteLines(width, t)
	avail := height - len(lines)
	notesH := min(len(notes), max(4, avail/4))
	plan := c.planLines(width, max(4, avail/5), t)
	planH := len(plan)
	paneH := max(avail-notesH-planH-3, 2)

	if width >= consoleWide {
		// The page takes the width it has on the projector where it can,
		// the next page's glimpse the rest.
		leftW := max(min(contentWidth(s.Width), width-3-28), (width-3)*3/5)
		rightW := width - 3 - leftW
		nowPane := append([]string{t.title("NOW  ") + where}, fitSlide(s.Screen, s.TitleRows, s.SectionTitle, contentWidth(s.Width), leftW, paneH-1)...)
		nextPane := append([]string{t.subtle(nextLabel)}, fitSlide(s.NextScreen, s.NextTitleRows, s.NextTitle, contentWidth(s.Width), rightW, paneH-1)...)
		nowPane, nextPane = padLines(nowPane, paneH), padLines(nextPane, paneH)
		for i := range nowPane {
			l := ansi.Truncate(nowPane[i], leftW, "…")
			l += strings.Repeat(" ", max(leftW-ansi.StringWidth(l), 0))
			lines = append(lines, l+" "+t.subtle("│")+" "+ansi.Truncate(nextPane[i], rightW, "…"))
		}
		lines = append(lines, "")
		lines = append(lines, notes[:notesH]...)
	} else {
		nowH := max(paneH*2/3, 2)
		nextH := max(paneH-nowH, 1)
		lines = append(lines, t.title("NOW  ")+where)
		lines = append(lines, padLines(fitSlide(s.Screen, s.TitleRows, s.SectionTitle, contentWidth(s.Width), width, nowH-1), nowH-1)...)
		lines = append(lines, notes[:notesH]...)
		lines = append(lines, "", t.subtle(nextLabel))
		lines = append(lines, fitSlide(s.NextScreen, s.NextTitleRows, s.NextTitle, contentWidth(s.Width), width, nextH-1)...)
	}
	if planH > 0 {
		lines = append(lines, "")
		lines = append(lines, plan[:planH]...)
	}
	return lines
}

// noteLines are the notes of the page: those of the steps shown, then,
// dimmed, those still to come.
func (c *consoleModel) noteLines(width int, t consoleText) []string {
	s := c.status
	lines := []string{t.title("NOTES")}
	if len(s.Notes) == 0 && len(s.LaterNotes) == 0 {
		lines = append(lines, t.subtle("No notes for this page."))
	}
	for _, note := range s.Notes {
		lines = append(lines, render.WrapLines("• "+note, width-2, "")...)
	}
	for _, note := range s.LaterNotes {
		for _, l := range render.WrapLines("• (later) "+note, width-2, "") {
			lines = append(lines, t.subtle(l))
		}
	}
	for _, w := range s.Warnings {
		lines = append(lines, t.warning(w))
	}
	return lines
}

// pace is the presentation's pace against its plan.
func (c *consoleModel) pace(elapsed time.Duration) (string, timerState, bool) {
	s := c.status
	if len(s.Plan) == 0 || (!s.Running && elapsed == 0) {
		return "", timerNormal, false
	}
	delta, ok := sharedPlan(s.Plan).pace(s.Section+1, s.Page-1, s.Pages, elapsed)
	if !ok {
		return "", timerNormal, false
	}
	text, u := paceText(s.Section+1, delta)
	return text, u, true
}

func sharedPlan(parts []state.PlanPart) plan {
	pl := plan{}
	for _, p := range parts {
		pl.parts = append(pl.parts, time.Duration(p.Seconds*float64(time.Second)))
		pl.explicit = append(pl.explicit, p.Explicit)
	}
	return pl
}

// planLines list the plan's parts around the one on screen, in at most
// height lines: when each should start and how long it takes, and when
// those shown so far began.
func (c *consoleModel) planLines(width, height int, t consoleText) []string {
	s := c.status
	if len(s.Plan) == 0 {
		return nil
	}
	pl := sharedPlan(s.Plan)
	lines := []string{t.title("PLAN") + t.subtle(fmt.Sprintf("  %s in all", clock(pl.total())))}
	current := s.Section + 1
	for i, part := range s.Plan {
		mark := "  "
		switch {
		case i == current:
			mark = "▸ "
		case part.Arrived >= 0:
			mark = "✓ "
		}
		name := part.Title
		if i > 0 {
			name = fmt.Sprintf("§%d %s", i, name)
		}
		detail := fmt.Sprintf("%s at %s", clock(pl.parts[i]), clock(pl.start(i)))
		if part.Arrived >= 0 {
			arrived := time.Duration(part.Arrived * float64(time.Second))
			detail += fmt.Sprintf(", began %s", clock(arrived))
		}
		nameW := min(max(width-ansi.StringWidth(detail)-4, 8), 50)
		line := mark + ansi.Truncate(name, nameW, "…")
		line += strings.Repeat(" ", max(nameW+2-ansi.StringWidth(line), 1)) + detail
		if i == current {
			line = t.title(line)
		} else if i < current {
			line = t.subtle(line)
		}
		lines = append(lines, line)
	}
	// Keep the part on screen in view: one before it, the rest after.
	parts := lines[1:]
	room := max(height-1, 1)
	first := max(min(current-1, len(parts)-room), 0)
	return append(lines[:1], parts[first:min(first+room, len(parts))]...)
}
