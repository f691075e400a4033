package ui

import (
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/briefreader/brief/internal/state"
	"github.com/charmbracelet/x/ansi"
)

// noteBox is the one-line box a highlight's note is typed or edited in.
type noteBox struct {
	id    string
	input textinput.Model
}

// openNote opens the note box on a highlight, with its note to edit.
func (h *readerHighlights) openNote(r *reader, hl state.Highlight) tea.Cmd {
	in := newInput("note: ", "a note for this highlight (enter keeps, esc leaves it)")
	in.CharLimit = 0 // a long note is kept whole
	in.SetWidth(max(r.width-10, 10))
	in.SetValue(oneLineText(hl.Note))
	in.CursorEnd()
	h.current = hl.ID
	h.note = &noteBox{id: hl.ID, input: in}
	return h.note.input.Focus()
}

// editing reports whether the note box has the keys.
func (h *readerHighlights) editing() bool { return h != nil && h.note != nil }

// noteKey edits the note; enter keeps it, esc leaves it as it was.
func (h *readerHighlights) noteKey(r *reader, msg tea.KeyPressMsg) tea.Cmd {
	switch msg.String() {
	case "enter":
		note := h.note.input.Value()
		id := h.note.id
		h.note = nil
		if !h.store.SetNote(id, note) {
			r.status("That highlight was removed meanwhile.")
			return nil
		}
		h.refresh()
		if note == "" {
			r.status("Note removed.")
		} else {
			r.status("Note kept.")
		}
		return h.save()
	case "esc":
		h.note = nil
		return nil
	}
	var cmd tea.Cmd
	h.note.input, cmd = h.note.input.Update(msg)
	return cmd
}

// noteUpdate passes other messages (a paste) to the note box.
func (h *readerHighlights) noteUpdate(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	h.note.input, cmd = h.note.input.Update(msg)
	return cmd
}

// noteLine draws the note box.
func (h *readerHighlights) noteLine(width int) string {
	return ansi.Truncate(h.note.input.View(), width, "…")
}
