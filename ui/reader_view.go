package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// view draws the reader: text (with the contents pane beside it on a wide
// terminal), a message or find line, and the status bar.
func (r *reader) view() string {
	if r.doc == nil || r.width == 0 {
		return ""
	}
	tocWidth, textWidth, bodyHeight := r.layout()
	var body []string
	switch {
	case r.help != nil:
		body = r.help.view(r.width, bodyHeight, r.st)
	case r.marks != nil:
		body = r.marks.view(r, r.width, bodyHeight)
	case r.links != nil:
		body = r.links.view(r, r.width, bodyHeight)
	case r.hl.overlay != nil:
		body = r.hl.overlay.view(r.st, r.width, bodyHeight)
	case r.tocOverlay():
		body = r.toc.view(r.b, r.at(), r.bookmarked(), r.width-1, bodyHeight, r.st)
		for i, l := range body {
			body[i] = " " + l
		}
	default:
		body = r.textLines(tocWidth, textWidth, bodyHeight)
	}
	lines := append(body, r.bottomLines()...)
	return strings.Join(lines, "\n")
}

// textLines draws the visible part of the text, centred in its column, with
// find matches highlighted, and the contents pane on its left if it fits.
func (r *reader) textLines(tocWidth, textWidth, height int) []string {
	column := r.width
	if tocWidth > 0 {
		column -= tocWidth + 3
	}
	pad := strings.Repeat(" ", max((column-textWidth)/2, 0))
	lines := make([]string, height)
	for i := range lines {
		n := r.top + i
		if n >= r.doc.total() {
			continue
		}
		styled, _ := r.doc.line(n)
		styled = r.hl.draw(r, styled, n)
		styled = r.find.highlight(styled, n, r.st.match, r.st.matchNow)
		lines[i] = ansi.Truncate(pad+styled, column, "")
	}
	if tocWidth == 0 {
		return lines
	}
	pane := r.toc.view(r.b, r.at(), r.bookmarked(), tocWidth, height, r.st)
	sep := r.st.border.Render(" │ ")
	for i := range lines {
		p := pane[i]
		lines[i] = p + strings.Repeat(" ", max(tocWidth-ansi.StringWidth(p), 0)) + sep + lines[i]
	}
	return lines
}

// bottomLines are the find input or a message, and the status bar.
func (r *reader) bottomLines() []string {
	var out []string
	switch {
	case r.hl.editing():
		out = append(out, r.hl.noteLine(r.width))
	case r.finding:
		count := ""
		if r.find.match != nil {
			count = r.st.subtle.Render(fmt.Sprintf("  %d found", len(r.find.matches)))
		}
		out = append(out, ansi.Truncate(r.input.View()+count, r.width, "…"))
	case r.message != "":
		out = append(out, ansi.Truncate(" "+r.st.message.Render(cleanMessage(r.message)), r.width, "…"))
	}
	return append(out, r.statusLine())
}

// statusLine shows where the reader is: briefing › section on the left;
// matches, bookmark, position and the help key on the right.
func (r *reader) statusLine() string {
	section := ""
	if s, ok := r.at().index(); ok {
		section = " › " + r.b.Sections[s].Heading
	}
	var right []string
	if r.find.match != nil && len(r.find.matches) > 0 {
		n := r.find.current + 1
		right = append(right, fmt.Sprintf("%d/%d", max(n, 0), len(r.find.matches)))
	}
	if s, ok := r.at().index(); ok && r.bookmarked()[r.b.Sections[s].Anchor] {
		right = append(right, "★")
	}
	right = append(right, r.percent())
	if r.width >= 50 {
		right = append(right, "? help")
	}
	rightText := " " + strings.Join(right, "  ") + " "
	leftWidth := max(r.width-ansi.StringWidth(rightText), 0)
	// The section matters more than the briefing's (often long) title.
	title := ansi.Truncate(" "+r.b.Title, max(leftWidth-ansi.StringWidth(section), min(leftWidth, 12)), "…")
	left := ansi.Truncate(title+section, leftWidth, "…")
	left += strings.Repeat(" ", max(leftWidth-ansi.StringWidth(left), 0))
	return r.st.status.Render(left) + r.st.statusKey.Render(rightText)
}

func (r *reader) percent() string {
	maxTop := r.maxTop()
	switch {
	case !r.doc.complete():
		return "…"
	case maxTop == 0:
		return "all"
	case r.top >= maxTop:
		return "end"
	}
	return fmt.Sprintf("%d%%", r.top*100/maxTop)
}
