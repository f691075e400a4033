package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/briefreader/brief/internal/quotes"
	"github.com/briefreader/brief/internal/state"
	"github.com/charmbracelet/x/ansi"
)

// highlightList lists highlights: those of the open briefing (in the
// reader, H), in the order of the text, or those of the whole library
// (in the library, H), newest first. / filters it as the library list is
// filtered: by the words of the quote, the note, the title and the
// section. It is a listOverlay of three-line items with a filter box; d
// asks for a second press before it deletes.
type highlightList struct {
	library bool // the whole library, not one briefing
	store   *state.HighlightStore
	all     []state.Highlight
	shown   []int // indexes into all, after the filter
	list    *listOverlay
	// gone reports why a briefing's file is not in the library ("" when
	// it is); library lists only.
	gone func(path string) string
}

// The highlight lists' own actions, in this order (the library's list
// has no note).
const (
	highlightCopy = iota
	highlightDelete
	highlightNote
)

func newBriefingHighlights(h *readerHighlights) *highlightList {
	return newHighlightList(h.store, h.list, false)
}

func newHighlightList(store *state.HighlightStore, all []state.Highlight, library bool) *highlightList {
	actions := []key.Binding{
		bind("Y", "copy with its citation", "Y"),
		bind("d", "delete (press twice)", "d"),
	}
	title, choose := "Highlights in this briefing", "go there"
	hint := "enter: go there · a: note · Y: copy with citation · d: delete · /: filter · esc: close"
	if library {
		title, choose = "Highlights in the library, newest first", "read it there"
		hint = "enter: read it there · Y: copy with citation · d: delete · /: filter · esc: close"
	} else {
		actions = append(actions, bind("a", "add or edit the note", "a"))
	}
	l := &highlightList{library: library, store: store, all: all}
	o := newListOverlay(title, hint, choose, 0, 0, actions...)
	o.rows, o.stay, o.twice = 3, true, highlightDelete
	o.keys.Close = bind("esc/q/H", "close", "esc", "q", "H")
	o.keys.PageDown = bind("pgdn/space/f", "a page down", "pgdown", "space", "f", "ctrl+d")
	o.keys.PageUp = bind("pgup/b", "a page up", "pgup", "b", "ctrl+u")
	o.withFilter("filter by words of the quote, note, title or section")
	l.list = o
	l.applyFilter()
	return l
}

func (l *highlightList) applyFilter() {
	l.shown = l.shown[:0]
	q := strings.TrimSpace(l.list.filterValue())
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
	l.list.setCount(len(l.shown))
}

// replace lists other highlights (the same, with those other windows
// saved), keeping the filter and the highlight under the cursor.
func (l *highlightList) replace(all []state.Highlight) {
	at, ok := l.selected()
	l.all = all
	l.applyFilter()
	for i, k := range l.shown {
		if ok && l.all[k].ID == at.ID {
			l.list.cursor = i
		}
	}
	if now, _ := l.selected(); now.ID != at.ID {
		l.list.forget() // d was pressed on another highlight
	}
}

// selected returns the highlight under the cursor.
func (l *highlightList) selected() (state.Highlight, bool) {
	return l.at(l.list.cursor)
}

// at returns the highlight shown at i.
func (l *highlightList) at(i int) (state.Highlight, bool) {
	if i < 0 || i >= len(l.shown) {
		return state.Highlight{}, false
	}
	return l.all[l.shown[i]], true
}

// key hands a key to the list and does what is the same in the reader
// and the library: filtering again, asking before a delete and deleting.
// It returns what the parent is left to do (chosen, an action but delete,
// closed) and a command.
func (l *highlightList) key(msg tea.KeyPressMsg, status func(string)) (overlayResult, tea.Cmd) {
	res := l.list.update(msg)
	switch {
	case res.outcome == overlayFiltered:
		l.applyFilter()
	case res.outcome == overlayConfirm:
		status("Press d again to delete this highlight and its note.")
	case res.outcome == overlayAction && res.action == highlightDelete:
		return overlayResult{}, l.remove(res.item, status)
	}
	return res, nil
}

// remove deletes the highlight shown at i.
func (l *highlightList) remove(i int, status func(string)) tea.Cmd {
	h, ok := l.at(i)
	if !ok || l.store == nil {
		return nil
	}
	l.store.Delete(h.ID)
	k := l.shown[i]
	l.all = append(l.all[:k:k], l.all[k+1:]...)
	l.applyFilter()
	status("Highlight deleted.")
	return saveHighlights(l.store)
}

// readerKey handles a key in the reader's list of the briefing's
// highlights.
func (l *highlightList) readerKey(r *reader, msg tea.KeyPressMsg) tea.Cmd {
	h := r.hl
	res, cmd := l.key(msg, func(s string) { r.status("%s", s) })
	if cmd != nil {
		h.refresh() // deleted
		return cmd
	}
	hl, ok := l.at(res.item)
	switch {
	case res.outcome == overlayClosed:
		h.overlay = nil
	case !ok:
	case res.outcome == overlayChosen:
		h.overlay = nil
		h.show(r, hl.ID)
	case res.outcome == overlayAction && res.action == highlightNote:
		h.overlay = nil
		if hl.Lost == state.Found {
			h.show(r, hl.ID)
		}
		return h.openNote(r, hl)
	case res.outcome == overlayAction && res.action == highlightCopy:
		return h.copy(r, hl)
	}
	return nil
}

// view draws the list in a box of width × height.
func (l *highlightList) view(st *styles, width, height int) []string {
	o := l.list
	o.note = fmt.Sprintf("  %d", len(l.all))
	if len(l.shown) != len(l.all) {
		o.note = fmt.Sprintf("  %d of %d", len(l.shown), len(l.all))
	}
	o.empty = ""
	if len(l.all) == 0 {
		o.empty = "No highlights yet. In the reader, / finds a phrase and h highlights its sentence;\n" +
			"v marks any passage (j/k, w/b, )/( extend it, enter keeps it)."
	}
	return o.view(st, width, height, func(i int, selected bool) []string {
		return l.item(st, l.all[l.shown[i]], selected, width)
	})
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
