package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// helpGroup is one titled column of the help screen.
type helpGroup struct {
	title    string
	bindings []key.Binding
}

// helpScreen shows every key binding of a screen, built from the same
// key.Binding values that drive Update. Groups sit side by side when the
// terminal is wide enough and stack otherwise; j/k scroll when they do
// not fit.
type helpScreen struct {
	title  string
	groups []helpGroup
	offset int
}

// lines lays the groups out for a width.
func (h *helpScreen) lines(width int, st *styles) []string {
	columns := make([][]string, len(h.groups))
	colWidth := 0
	for i, g := range h.groups {
		keyWidth := 0
		for _, b := range g.bindings {
			keyWidth = max(keyWidth, ansi.StringWidth(b.Help().Key))
		}
		col := []string{st.title.Render(g.title)}
		for _, b := range g.bindings {
			if !b.Enabled() {
				continue
			}
			k := b.Help().Key
			col = append(col, st.accent.Render(k)+strings.Repeat(" ", keyWidth-ansi.StringWidth(k)+2)+b.Help().Desc)
		}
		columns[i] = col
		for _, l := range col {
			colWidth = max(colWidth, ansi.StringWidth(l))
		}
	}
	perRow := max(1, min(len(columns), (width+3)/(colWidth+3)))
	var out []string
	for start := 0; start < len(columns); start += perRow {
		row := columns[start:min(start+perRow, len(columns))]
		blocks := make([]string, len(row))
		for i, col := range row {
			blocks[i] = lipgloss.NewStyle().Width(colWidth + 3).Render(strings.Join(col, "\n"))
		}
		if start > 0 {
			out = append(out, "")
		}
		out = append(out, strings.Split(lipgloss.JoinHorizontal(lipgloss.Top, blocks...), "\n")...)
	}
	return out
}

// view renders the help screen into a width × height area.
func (h *helpScreen) view(width, height int, st *styles) []string {
	header := []string{st.title.Render(h.title), st.subtle.Render("Press any key to close; j/k to scroll."), ""}
	body := h.lines(max(width-2, 10), st)
	rows := max(height-len(header), 1)
	h.offset = min(max(h.offset, 0), max(len(body)-rows, 0))
	body = body[h.offset:min(len(body), h.offset+rows)]
	lines := append(header, body...)
	for i, l := range lines {
		lines[i] = " " + ansi.Truncate(l, max(width-1, 1), "…")
	}
	return padLines(lines, height)
}

// scroll moves the help text by n lines.
func (h *helpScreen) scroll(n int) { h.offset += n }

// key handles a key on the help screen: j/k scroll, anything else closes
// it (closed is then true).
func (h *helpScreen) key(msg tea.KeyPressMsg) (closed bool) {
	switch msg.String() {
	case "j", "down":
		h.scroll(1)
	case "k", "up":
		h.scroll(-1)
	default:
		return true
	}
	return false
}
