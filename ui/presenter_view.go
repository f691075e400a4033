package ui

import (
	"fmt"
	"image/color"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/briefreader/brief/internal/render"
	"github.com/charmbracelet/x/ansi"
)

// themeColours returns the screen colours a theme paints, or nil for
// themes that keep the terminal's own.
func themeColours(theme string) (fg, bg color.Color) {
	switch theme {
	case render.StyleHighContrastDark:
		return lipgloss.Color("#ffffff"), lipgloss.Color("#000000")
	case render.StyleHighContrastLight:
		return lipgloss.Color("#000000"), lipgloss.Color("#ffffff")
	}
	return nil, nil
}

// chrome returns the styles for the presenter's own text (titles, footer,
// messages). Projector themes use no dim or coloured text at all: the
// screen's one foreground colour, with weight and underline for emphasis.
func (p *presenter) chrome() *styles {
	if fg, _ := themeColours(p.theme); fg == nil {
		return p.st
	}
	plain := lipgloss.NewStyle()
	return &styles{
		title:     plain.Bold(true),
		subtle:    plain,
		message:   plain.Bold(true).Underline(true),
		warning:   plain.Bold(true).Reverse(true),
		tocCursor: plain.Reverse(true),
		accent:    plain.Bold(true),
	}
}

// decorate sets the terminal colours for the theme or blank screen.
func (p *presenter) decorate(v *tea.View) {
	switch p.blank {
	case blackScreen:
		v.BackgroundColor, v.ForegroundColor = lipgloss.Color("#000000"), lipgloss.Color("#000000")
	case whiteScreen:
		v.BackgroundColor, v.ForegroundColor = lipgloss.Color("#ffffff"), lipgloss.Color("#ffffff")
	default:
		v.ForegroundColor, v.BackgroundColor = themeColours(p.theme)
	}
}

func (p *presenter) view() string {
	if p.deck == nil || p.width == 0 {
		return ""
	}
	switch {
	case p.blank != notBlank:
		return p.blankView()
	case p.help != nil:
		return strings.Join(p.help.view(p.width, p.height, p.chrome()), "\n")
	case p.picker != nil:
		return strings.Join(p.picker.view(p), "\n")
	case !p.ready():
		return p.placeholder()
	}
	lines := p.slideLines(p.part, p.page, p.step)
	bottom := p.bottomLines()
	lines = padLines(lines, max(p.height-len(bottom), 0))
	return strings.Join(append(lines, bottom...), "\n")
}

// slideLines are a page as the audience sees it at a step (allSteps: the
// whole page), without the footer: the title or the "(cont.)" line, then
// the text.
func (p *presenter) slideLines(part, page, step int) []string {
	dp := p.deck.part(part)
	if step < 0 {
		step = dp.stepCount(page) - 1
	}
	lines := []string{""}
	if page == 0 {
		for _, row := range dp.title {
			style := p.chrome().title
			if !dp.big {
				style = style.Reverse(true).Padding(0, 1)
			}
			lines = append(lines, p.centre(style.Render(row)))
		}
	} else {
		lines = append(lines, p.centre(p.chrome().subtle.Render(dp.heading+" (cont.)")))
	}
	lines = append(lines, "")
	pad := strings.Repeat(" ", max((p.width-contentWidth(p.width))/2, 0))
	for _, l := range dp.pageLinesAt(page, step) {
		lines = append(lines, ansi.Truncate(pad+l, p.width, ""))
	}
	return lines
}

// centre places a line in the middle of the screen.
func (p *presenter) centre(s string) string {
	w := ansi.StringWidth(s)
	if w >= p.width {
		return ansi.Truncate(s, p.width, "…")
	}
	return strings.Repeat(" ", (p.width-w)/2) + s
}

// bottomLines are the search input, a message, or the footer.
func (p *presenter) bottomLines() []string {
	switch {
	case p.finding:
		return []string{"", ansi.Truncate(p.input.View(), p.width, "…")}
	case p.message != "":
		return []string{"", ansi.Truncate(" "+p.chrome().message.Render(cleanMessage(p.message)), p.width, "…")}
	case p.digits != "":
		return []string{"", " " + p.chrome().message.Render("Go to section "+p.digits+"… (enter)")}
	case !p.footer:
		return nil
	}
	return []string{"", p.footerLine()}
}

// footerLine: briefing title on the left, the timer in the middle, the
// section and page counter on the right.
func (p *presenter) footerLine() string {
	counter := fmt.Sprintf("§%d/%d · %d/%d", p.at().number(), len(p.b.Sections), p.page+1, p.pages())
	if p.at().isLead() {
		counter = fmt.Sprintf("title · %d/%d", p.page+1, p.pages())
	}
	if steps := p.steps(); steps > 1 {
		counter += fmt.Sprintf(" · step %d/%d", p.step+1, steps)
	}
	clockText, urgency := p.timer.show()
	middle := p.urgencyStyle(urgency).Render(clockText)
	if pace, paceUrgency := p.pace(); pace != "" {
		clockText += " · " + pace
		middle += p.chrome().subtle.Render(" · ") + p.urgencyStyle(paceUrgency).Render(pace)
	}
	right := counter + " "
	leftWidth := max(p.width-ansi.StringWidth(right)-ansi.StringWidth(clockText)-4, 0)
	left := ansi.Truncate(" "+p.b.Title, leftWidth, "…")
	gap := p.width - ansi.StringWidth(left) - ansi.StringWidth(clockText) - ansi.StringWidth(right)
	lgap := max(gap/2, 1)
	return p.chrome().subtle.Render(left) + strings.Repeat(" ", lgap) + middle +
		strings.Repeat(" ", max(gap-lgap, 1)) + p.chrome().subtle.Render(right)
}

// urgencyStyle is the clock's style: subtle, then the colours of a
// warning and of time being up.
func (p *presenter) urgencyStyle(u timerState) lipgloss.Style {
	switch u {
	case timerWarning:
		return p.chrome().message
	case timerOver:
		return p.chrome().warning
	}
	return p.chrome().subtle
}

// blankView paints every cell black or white.
func (p *presenter) blankView() string {
	bg := lipgloss.Color("#000000")
	if p.blank == whiteScreen {
		bg = lipgloss.Color("#ffffff")
	}
	row := lipgloss.NewStyle().Background(bg).Render(strings.Repeat(" ", p.width))
	rows := make([]string, p.height)
	for i := range rows {
		rows[i] = row
	}
	return strings.Join(rows, "\n")
}

// stripStyle removes styling from a rendered line.
func stripStyle(s string) string { return ansi.Strip(s) }
