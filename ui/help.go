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

// helpScreen shows every key binding of a screen or overlay, built from
// the same key.Binding values that drive Update. Groups sit side by side
// when the terminal is wide enough and stack otherwise. It behaves the same
// everywhere: j/k (and the page keys) scroll when it is longer than the
// screen, and any other key (?, esc, q …) closes it.
type helpScreen struct {
	title  string
	groups []helpGroup
	offset int
	rows   int // body lines shown by the last view, for the page keys
}

// helpKeys drive every help screen.
type helpKeys struct {
	Down, Up, PageDown, PageUp, Close key.Binding
}

var theHelpKeys = helpKeys{
	Down:     bind("j/↓", "scroll down", "j", "down"),
	Up:       bind("k/↑", "scroll up", "k", "up"),
	PageDown: bind("pgdn", "scroll a page down", "pgdown"),
	PageUp:   bind("pgup", "scroll a page up", "pgup"),
	Close:    bind("?/esc/q", "close (so does any other key)", "?", "esc", "q"),
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
	h.rows = rows
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

// key handles a key on the help screen: the scroll keys scroll, anything
// else closes it (closed is then true); its owner then drops it.
func (h *helpScreen) key(msg tea.KeyPressMsg) (closed bool) {
	k := theHelpKeys
	switch {
	case key.Matches(msg, k.Down):
		h.scroll(1)
	case key.Matches(msg, k.Up):
		h.scroll(-1)
	case key.Matches(msg, k.PageDown):
		h.scroll(max(h.rows-1, 1))
	case key.Matches(msg, k.PageUp):
		h.scroll(-max(h.rows-1, 1))
	default:
		return true
	}
	return false
}
