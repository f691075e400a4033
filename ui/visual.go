package ui

import (
	tea "charm.land/bubbletea/v2"
	"github.com/briefreader/brief/internal/quotes"
	"github.com/charmbracelet/x/ansi"
)

// visualMode is a passage being marked (v): from the anchor, where it
// started, to the cursor, both in the plain text of one section (block),
// whole words at both ends.
type visualMode struct {
	block          int
	anchor, cursor int // byte offsets in the section's plain text, at word starts
}

// bounds returns the passage: from the start of the first word to the end
// of the last.
func (v *visualMode) bounds(text string) (int, int) {
	a, c := min(v.anchor, v.cursor), max(v.anchor, v.cursor)
	return quotes.WordStart(text, a), quotes.WordEnd(text, c)
}

const visualHint = "VISUAL  j/k line · w/b word · )/( sentence · enter keep · esc cancel"

// startVisual starts marking at the current find match, else at the first
// word on screen.
func (h *readerHighlights) startVisual(r *reader) {
	if why := h.usable(); why != "" {
		r.status("%s", why)
		return
	}
	if r.doc == nil {
		return
	}
	var block, off int
	found := false
	if r.find.current >= 0 && r.find.current < len(r.find.matches) {
		sp := r.find.matches[r.find.current].spans[0]
		p := r.doc.at(sp.line)
		if a := h.align(r.doc, p.block); a != nil {
			block, off, found = p.block, a.pointToPlain(cellOffset(r.doc.findText(p.block), p.line, sp.start)), true
		}
	}
	if !found {
		_, _, height := r.layout()
		for n := r.top; n < r.top+height && n < r.doc.total() && !found; n++ {
			p := r.doc.at(n)
			a := h.align(r.doc, p.block)
			if a == nil || h.text(p.block) == "" {
				continue
			}
			t := r.doc.findText(p.block)
			o := a.pointToPlain(t.starts[min(p.line, len(t.starts)-1)])
			if o < len(h.text(p.block)) {
				block, off, found = p.block, o, true
			}
		}
	}
	if !found {
		r.status("No text on screen to mark: scroll to a section first.")
		return
	}
	start := quotes.WordStart(h.text(block), off)
	h.visual = &visualMode{block: block, anchor: start, cursor: start}
	r.status("%s", visualHint)
}

// visualKey moves the end of the passage, keeps it, or gives up.
func (h *readerHighlights) visualKey(r *reader, msg tea.KeyPressMsg) tea.Cmd {
	v := h.visual
	text := h.text(v.block)
	switch msg.String() {
	case "esc", "q", "v":
		h.visual = nil
		return nil
	case "enter", "h":
		h.visual = nil
		s, e := v.bounds(text)
		return h.add(r, v.block, s, e)
	case "w", "l", "right":
		if n := quotes.NextWord(text, v.cursor); n < len(text) {
			v.cursor = n
		}
	case "b", "left":
		v.cursor = quotes.PrevWord(text, v.cursor)
	case ")":
		v.cursor = quotes.SentenceLastWord(text, v.cursor)
	case "(":
		v.cursor = quotes.SentenceStart(text, v.cursor)
	case "j", "down":
		h.visualLine(r, 1)
	case "k", "up":
		h.visualLine(r, -1)
	}
	r.status("%s", visualHint)
	if line := h.visualCursorLine(r); line >= 0 {
		r.ensureVisible(line)
	}
	return nil
}

// visualLine moves the cursor to the word at the same column one line
// down (+1) or up (-1), within the section.
func (h *readerHighlights) visualLine(r *reader, dir int) {
	v := h.visual
	a := h.align(r.doc, v.block)
	if a == nil {
		return
	}
	t := r.doc.findText(v.block)
	k, cell := lineCell(t, a.pointToShown(v.cursor))
	next := k + dir
	if next < 0 || next >= len(t.plain) {
		return
	}
	off := a.pointToPlain(cellOffset(t, next, cell))
	text := h.text(v.block)
	if off >= len(text) {
		return // past the section's text (the gap after it)
	}
	if w := quotes.WordStart(text, off); w != v.cursor {
		v.cursor = w
	}
}

// visualCursorLine returns the absolute line the cursor is on, or -1.
func (h *readerHighlights) visualCursorLine(r *reader) int {
	v := h.visual
	if v == nil {
		return -1
	}
	a := h.align(r.doc, v.block)
	if a == nil {
		return -1
	}
	k, _ := lineCell(r.doc.findText(v.block), a.pointToShown(v.cursor))
	return r.doc.starts[v.block] + k
}

// lineCell returns the line (relative to the block) and cell of a byte
// offset of a block's joined text.
func lineCell(t *blockText, off int) (int, int) {
	k := 0
	for k+1 < len(t.starts) && t.starts[k+1] <= off {
		k++
	}
	if k >= len(t.plain) {
		return 0, 0
	}
	i := min(t.skips[k]+off-t.starts[k], len(t.plain[k]))
	return k, ansi.StringWidth(t.plain[k][:max(i, 0)])
}
