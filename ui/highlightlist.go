package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/briefreader/brief/internal/quotes"
	"github.com/briefreader/brief/internal/state"
	"github.com/charmbracelet/x/ansi"
)

// highlightList lists highlights: those of the open briefing (in the
// reader, H), in the order of the text, or those of the whole library
// (in the library, H), newest first. / filters it as the library list is
// filtered: by the words of the quote, the note, the title and the
// section.
type highlightList struct {
	library bool // the whole library, not one briefing
	store   *state.HighlightStore
	all     []state.Highlight
	shown   []int // indexes into all, after the filter
	cursor  int
	offset  int
	filter  textinput.Model
	typing  bool
	confirm string // a highlight d was pressed on once
	// gone reports why a briefing's file is not in the library ("" when
	// it is); library lists only.
	gone func(path string) string
}

func newBriefingHighlights(h *readerHighlights) *highlightList {
	return newHighlightList(h.store, h.list, false)
}

func newHighlightList(store *state.HighlightStore, all []state.Highlight, library bool) *highlightList {
	l := &highlightList{library: library, store: store, all: all, filter: newInput("/ ", "filter by words of the quote, note, title or section")}
	l.applyFilter()
	return l
}

func (l *highlightList) applyFilter() {
	l.shown = l.shown[:0]
	q := strings.TrimSpace(l.filter.Value())
	if q == "" {
		for i := range l.all {
			l.shown = append(l.shown, i)
		}
	} else {
		targets := make([]string, len(l.all))
		for i, h := range l.all {
			targets[i] = h.Quote.Exact + " " + h.Note + " " + h.Title + " " + h.Heading
		}
		for _, rank := range filterItems(q, targets) {
			l.shown = append(l.shown, rank.Index)
		}
	}
	l.cursor = min(l.cursor, max(len(l.shown)-1, 0))
}

// replace lists other highlights (the same, with those other windows
// saved), keeping the filter and the highlight under the cursor.
func (l *highlightList) replace(all []state.Highlight) {
	at, ok := l.selected()
	l.all = all
	l.applyFilter()
	for i, k := range l.shown {
		if ok && l.all[k].ID == at.ID {
			l.cursor = i
		}
	}
}

// selected returns the highlight under the cursor.
func (l *highlightList) selected() (state.Highlight, bool) {
	if len(l.shown) == 0 {
		return state.Highlight{}, false
	}
	return l.all[l.shown[l.cursor]], true
}

// move handles the keys that move and filter; it reports whether it took
// the key.
func (l *highlightList) move(msg tea.KeyPressMsg, page int) (tea.Cmd, bool) {
	if l.typing {
		switch msg.String() {
		case "enter", "down", "up":
			l.typing = false
			l.filter.Blur()
			return nil, msg.String() == "enter"
		case "esc":
			l.typing = false
			l.filter.Blur()
			l.filter.SetValue("")
			l.applyFilter()
			return nil, true
		}
		var cmd tea.Cmd
		l.filter, cmd = l.filter.Update(msg)
		l.applyFilter()
		return cmd, true
	}
	last := max(len(l.shown)-1, 0)
	switch msg.String() {
	case "j", "down":
		l.cursor = min(l.cursor+1, last)
	case "k", "up":
		l.cursor = max(l.cursor-1, 0)
	case "g", "home":
		l.cursor = 0
	case "G", "end":
		l.cursor = last
	case "pgdown", "space", "f", "ctrl+d":
		l.cursor = min(l.cursor+max(page, 1), last)
	case "pgup", "b", "ctrl+u":
		l.cursor = max(l.cursor-max(page, 1), 0)
	case "/":
		l.typing = true
		return l.filter.Focus(), true
	default:
		return nil, false
	}
	l.confirm = ""
	return nil, true
}

// remove deletes the highlight under the cursor on a second d.
func (l *highlightList) remove(status func(string)) tea.Cmd {
	store := l.store
	h, ok := l.selected()
	if !ok || store == nil {
		return nil
	}
	if l.confirm != h.ID {
		l.confirm = h.ID
		status("Press d again to delete this highlight and its note.")
		return nil
	}
	l.confirm = ""
	store.Delete(h.ID)
	i := l.shown[l.cursor]
	l.all = append(l.all[:i:i], l.all[i+1:]...)
	l.applyFilter()
	status("Highlight deleted.")
	return saveHighlights(store)
}

// readerKey handles a key in the reader's list of the briefing's
// highlights.
func (l *highlightList) readerKey(r *reader, msg tea.KeyPressMsg) tea.Cmd {
	h := r.hl
	_, _, height := r.layout()
	if cmd, ok := l.move(msg, max((height-3)/3, 1)); ok {
		return cmd
	}
	switch msg.String() {
	case "enter":
		h.overlay = nil
		if hl, ok := l.selected(); ok {
			h.show(r, hl.ID)
		}
	case "a":
		if hl, ok := l.selected(); ok {
			h.overlay = nil
			if hl.Lost == state.Found {
				h.show(r, hl.ID)
			}
			return h.openNote(r, hl)
		}
	case "Y":
		if hl, ok := l.selected(); ok {
			return h.copy(r, hl)
		}
	case "d":
		cmd := l.remove(func(s string) { r.status("%s", s) })
		h.refresh()
		return cmd
	case "esc":
		if l.filter.Value() != "" {
			l.filter.SetValue("")
			l.applyFilter()
			return nil
		}
		h.overlay = nil
	case "q", "H":
		h.overlay = nil
	}
	return nil
}

// view draws the list in a box of width × height.
func (l *highlightList) view(st *styles, width, height int) []string {
	title := "Highlights in this briefing"
	hints := "enter: go there · a: note · Y: copy with citation · d: delete · /: filter · esc: close"
	if l.library {
		title = "Highlights in the library, newest first"
		hints = "enter: read it there · Y: copy with citation · d: delete · /: filter · esc: close"
	}
	count := fmt.Sprintf("  %d", len(l.all))
	if len(l.shown) != len(l.all) {
		count = fmt.Sprintf("  %d of %d", len(l.shown), len(l.all))
	}
	lines := []string{ansi.Truncate(" "+st.title.Render(title)+st.subtle.Render(count), width, "…"),
		ansi.Truncate(" "+st.subtle.Render(hints), width, "…")}
	if l.typing || l.filter.Value() != "" {
		lines = append(lines, ansi.Truncate(" "+l.filter.View(), width, "…"))
	} else {
		lines = append(lines, "")
	}
	if len(l.all) == 0 {
		lines = append(lines, " No highlights yet. In the reader, / finds a phrase and h highlights its sentence;",
			" v marks any passage (j/k, w/b, )/( extend it, enter keeps it).")
		return padLines(lines, height)
	}
	rows := max((height-len(lines))/3, 1)
	if l.cursor < l.offset {
		l.offset = l.cursor
	}
	if l.cursor >= l.offset+rows {
		l.offset = l.cursor - rows + 1
	}
	for i := l.offset; i < len(l.shown) && i < l.offset+rows; i++ {
		lines = append(lines, l.item(st, l.all[l.shown[i]], i == l.cursor, width)...)
	}
	return padLines(lines, height)
}

// item draws one highlight on three lines: the quote, where it is from,
// and the note.
func (l *highlightList) item(st *styles, h state.Highlight, selected bool, width int) []string {
	quote := " “" + clipText(h.Quote.Exact, max(width-4, 10)) + "”"
	quote = ansi.Truncate(quote, width, "…")
	if selected {
		quote = st.tocCursor.Render(quote)
	}
	from := quotes.CiteStored(h).Title
	if h.Heading != "" {
		from += " › " + h.Heading
	}
	if !l.library {
		from = h.Heading
		if from == "" {
			from = "(before the first section)"
		}
	}
	where := "   " + st.subtle.Render(cleanMessage(from)+" · "+h.Created.Local().Format("2 Jan 2006"))
	if why := l.lost(h); why != "" {
		where += "  " + st.warning.Render(why)
	}
	note := ""
	if h.Note != "" {
		note = "   ✎ " + clipText(cleanMessage(h.Note), max(width-6, 10))
	}
	return []string{quote, ansi.Truncate(where, width, "…"), ansi.Truncate(note, width, "…")}
}

// lost says why a highlight is not shown in its briefing, or "".
func (l *highlightList) lost(h state.Highlight) string {
	if l.gone != nil {
		if why := l.gone(h.Briefing); why != "" {
			return why
		}
	}
	switch h.Lost {
	case state.LostText:
		return "not found in the current text"
	case state.LostFile:
		return "the file is gone or cannot be read"
	}
	return ""
}
