package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/briefreader/brief/internal/quotes"
	"github.com/briefreader/brief/internal/state"
	"github.com/charmbracelet/x/ansi"
)

// key handles the highlight keys and modes of the reader, and reports
// whether it took the key: the note box and visual mode take every key,
// the list takes the keys while open, and h, v, H, a and Y act in the
// text.
func (h *readerHighlights) key(r *reader, msg tea.KeyPressMsg) (tea.Cmd, bool) {
	switch {
	case h.note != nil:
		return h.noteKey(r, msg), true
	case h.visual != nil:
		return h.visualKey(r, msg), true
	case h.overlay != nil:
		return h.overlay.readerKey(r, msg), true
	case r.help != nil || r.finding || r.marks != nil || r.links != nil || r.toc.focused:
		return nil, false
	}
	k := r.keys
	switch {
	case matches(msg, k.HighlightSentence):
		return h.highlightSentence(r), true
	case matches(msg, k.Visual):
		h.startVisual(r)
		return nil, true
	case matches(msg, k.Highlights):
		h.overlay = newBriefingHighlights(h)
		return nil, true
	case matches(msg, k.Note):
		if hl, ok := h.under(r); ok {
			return h.openNote(r, hl), true
		}
		r.status("No highlight on screen: h or v makes one, H lists them.")
		return nil, true
	case matches(msg, k.CopyQuote):
		if hl, ok := h.under(r); ok {
			return h.copy(r, hl), true
		}
		r.status("No highlight on screen to copy: h or v makes one, H lists them.")
		return nil, true
	}
	return nil, false
}

// usable says why highlights cannot be made here, or "".
func (h *readerHighlights) usable() string {
	if h.store == nil {
		return "Highlights are not kept: brief has no folder for its state (see the message at start)."
	}
	return ""
}

// highlightSentence highlights the sentence around the current find match.
func (h *readerHighlights) highlightSentence(r *reader) tea.Cmd {
	if why := h.usable(); why != "" {
		r.status("%s", why)
		return nil
	}
	if r.find.current < 0 || r.find.current >= len(r.find.matches) {
		r.status("Find a phrase with / first: h highlights the sentence around it. v marks any passage.")
		return nil
	}
	m := r.find.matches[r.find.current]
	first, last := m.spans[0], m.spans[len(m.spans)-1]
	p := r.doc.at(first.line)
	q := r.doc.at(last.line)
	if p.block != q.block {
		r.status("That match runs over two sections; v marks a passage within one.")
		return nil
	}
	t := r.doc.findText(p.block)
	a := h.align(r.doc, p.block)
	if a == nil {
		return nil
	}
	s, e, ok := a.toPlain(cellOffset(t, p.line, first.start), cellOffset(t, q.line, last.end))
	if !ok {
		r.status("That is not in the text of a section (a title or a heading): nothing to highlight.")
		return nil
	}
	text := h.text(p.block)
	s, e = quotes.SentenceAround(text, s, e)
	return h.add(r, p.block, s, e)
}

// add records a highlight of text[start:end] of block i.
func (h *readerHighlights) add(r *reader, block, start, end int) tea.Cmd {
	text := h.text(block)
	if start >= end {
		r.status("Nothing to highlight there.")
		return nil
	}
	for _, hl := range h.list {
		if h.blockOf(hl) == block && hl.Quote.Start == start && hl.Quote.End == end {
			h.current = hl.ID
			r.status("Already highlighted. a: note · Y: copy with its citation · H: list")
			return nil
		}
	}
	hl := h.store.Add(quotes.New(h.b, blockRef(block).domainIndex(), text, start, end, ""))
	h.current = hl.ID
	h.refresh()
	r.status("Highlighted “%s”. a: add a note · Y: copy with its citation · H: list", clipText(hl.Quote.Exact, 30))
	return h.save()
}

// copy puts a highlight and its citation on the clipboard.
func (h *readerHighlights) copy(r *reader, hl state.Highlight) tea.Cmd {
	section := -1
	if hl.Section != "" {
		section = h.b.SectionIndex(hl.Section)
	}
	h.current = hl.ID
	r.status("Copied the quote with its citation to the clipboard.")
	return tea.SetClipboard(quotes.Clip(hl, quotes.Cite(h.b, section)))
}

// cellOffset returns the byte offset in a block's joined text of the
// character at a cell of line k (relative to the block).
func cellOffset(t *blockText, k, cell int) int {
	if k < 0 || k >= len(t.plain) {
		return len(t.joined)
	}
	line := t.plain[k]
	w, i := 0, 0
	for i < len(line) && w < cell {
		_, size := nextRune(line[i:])
		w += ansi.StringWidth(line[i : i+size])
		i += size
	}
	return t.starts[k] + max(i-t.skips[k], 0)
}

// nextRune returns the first character of s and its length in bytes.
func nextRune(s string) (string, int) {
	for i := range s {
		if i > 0 {
			return s[:i], i
		}
	}
	return s, len(s)
}

// oneLineText joins the lines of s with single spaces.
func oneLineText(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
