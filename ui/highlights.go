package ui

import (
	"sort"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/internal/quotes"
	"github.com/briefreader/brief/internal/state"
	"github.com/charmbracelet/x/ansi"
)

// readerHighlights is what the reader knows of the open briefing's
// highlights: the list, how each is drawn over the rendered text, and the
// modes that make them (visual selection, the note box, the list).
//
// A highlight is anchored in its section's plain text; the reader shows
// rendered lines. An alignment per rendered block (align.go) maps one to
// the other, so a highlight is drawn on the words it quotes at any width
// and in any style.
type readerHighlights struct {
	store *state.HighlightStore // nil: highlights are not kept
	b     *briefings.Briefing
	list  []state.Highlight // of the briefing, in the order of the text
	texts []string          // the sections' plain texts (quotes.Texts), made on first use

	aligns map[*document]map[int]*alignment
	spans  map[*document]map[int][]span // drawn spans per rendered block; span.match indexes list

	current string // the highlight last made, chosen or gone to
	goTo    string // a highlight to bring into view once its section is rendered

	visual  *visualMode
	note    *noteBox
	overlay *highlightList
}

func newReaderHighlights(store *state.HighlightStore, b *briefings.Briefing) *readerHighlights {
	h := &readerHighlights{store: store}
	h.reload(b)
	return h
}

// reload takes the briefing as it is now (opened, or changed on disk):
// its highlights are found again in its text.
func (h *readerHighlights) reload(b *briefings.Briefing) {
	h.b, h.texts = b, nil
	h.aligns = map[*document]map[int]*alignment{}
	h.visual = nil
	h.refresh()
	if h.store != nil && len(h.list) > 0 {
		h.list = quotes.Refresh(h.store, b.Path, b)
	}
}

// refresh reads the list from the store again and forgets drawn spans.
func (h *readerHighlights) refresh() {
	h.spans = map[*document]map[int][]span{}
	h.list = nil
	if h.store != nil {
		h.list = h.store.ForBriefing(h.b.Path)
	}
}

// text returns the plain text of block i (0: the lead, i: section i-1).
func (h *readerHighlights) text(block int) string {
	if h.texts == nil {
		h.texts = quotes.Texts(h.b)
	}
	if block < 0 || block >= len(h.texts) {
		return ""
	}
	return h.texts[block]
}

// blockOf returns the block a highlight is in, or -1 when it is not shown
// (not found in the current text).
func (h *readerHighlights) blockOf(hl state.Highlight) int {
	if hl.Lost != state.Found {
		return -1
	}
	if hl.Section == "" {
		return 0
	}
	if i := h.b.SectionIndex(hl.Section); i >= 0 {
		return i + 1
	}
	return -1
}

// align returns the alignment of rendered block i of d, nil while the
// block is not rendered.
func (h *readerHighlights) align(d *document, i int) *alignment {
	if i < 0 || i >= len(d.blocks) || !d.blocks[i].rendered {
		return nil
	}
	byBlock := h.aligns[d]
	if byBlock == nil {
		byBlock = map[int]*alignment{}
		h.aligns[d] = byBlock
	}
	a := byBlock[i]
	if a == nil {
		a = newAlignment(h.text(i), d.findText(i).joined)
		byBlock[i] = a
	}
	return a
}

// shownSpans returns the cells on each line of block i of d (lines
// relative to the block) that show the plain-text range [start, end).
func (h *readerHighlights) shownSpans(d *document, i, start, end int) []span {
	a := h.align(d, i)
	if a == nil {
		return nil
	}
	s, e, ok := a.toShown(start, end)
	if !ok {
		return nil
	}
	return d.findText(i).spans(s, e)
}

// blockSpans returns the spans of the highlights in block i of d.
func (h *readerHighlights) blockSpans(d *document, i int) []span {
	byBlock := h.spans[d]
	if byBlock == nil {
		byBlock = map[int][]span{}
		h.spans[d] = byBlock
	}
	if sp, ok := byBlock[i]; ok {
		return sp
	}
	if !d.blocks[i].rendered {
		return nil
	}
	var out []span
	for k, hl := range h.list {
		if h.blockOf(hl) != i {
			continue
		}
		for _, sp := range h.shownSpans(d, i, hl.Quote.Start, hl.Quote.End) {
			sp.match = k
			out = append(out, sp)
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].line < out[b].line })
	byBlock[i] = out
	return out
}

// draw styles the highlights, and the visual selection, on line n.
func (h *readerHighlights) draw(r *reader, styled string, n int) string {
	if len(h.list) == 0 && h.visual == nil {
		return styled
	}
	h.forgetOldDocuments(r)
	d := r.doc
	p := d.at(n)
	var ranges []lipgloss.Range
	for _, sp := range h.blockSpans(d, p.block) {
		if sp.line != p.line {
			continue
		}
		style := r.st.marked()
		if h.list[sp.match].ID == h.current {
			style = r.st.markedNow()
		}
		ranges = append(ranges, lipgloss.NewRange(sp.start, sp.end, style))
	}
	if v := h.visual; v != nil && v.block == p.block {
		s, e := v.bounds(h.text(v.block))
		for _, sp := range h.shownSpans(d, v.block, s, e) {
			if sp.line == p.line {
				ranges = append(ranges, lipgloss.NewRange(sp.start, sp.end, r.st.selection()))
			}
		}
	}
	if len(ranges) == 0 {
		return styled
	}
	return lipgloss.StyleRanges(styled, ranges...)
}

// forgetOldDocuments drops what was worked out for documents the reader
// no longer keeps (other widths and styles it evicted).
func (h *readerHighlights) forgetOldDocuments(r *reader) {
	if len(h.aligns) <= len(r.docs) && len(h.spans) <= len(r.docs) {
		return
	}
	kept := map[*document]bool{}
	for _, d := range r.docs {
		kept[d] = true
	}
	for d := range h.aligns {
		if !kept[d] {
			delete(h.aligns, d)
		}
	}
	for d := range h.spans {
		if !kept[d] {
			delete(h.spans, d)
		}
	}
}

// lineOf returns the absolute first line a highlight is drawn on, or -1.
func (h *readerHighlights) lineOf(d *document, id string) int {
	for k, hl := range h.list {
		if hl.ID != id {
			continue
		}
		i := h.blockOf(hl)
		if i < 0 {
			return -1
		}
		for _, sp := range h.blockSpans(d, i) {
			if sp.match == k {
				return d.starts[i] + sp.line
			}
		}
	}
	return -1
}

// under returns the highlight the keys act on: the current one if it is
// on screen, else the first one on screen.
func (h *readerHighlights) under(r *reader) (state.Highlight, bool) {
	if r.doc == nil || len(h.list) == 0 {
		return state.Highlight{}, false
	}
	_, _, height := r.layout()
	top, bottom := r.top, r.top+height
	first := -1
	for n := top; n < bottom && n < r.doc.total(); n++ {
		p := r.doc.at(n)
		for _, sp := range h.blockSpans(r.doc, p.block) {
			if sp.line != p.line {
				continue
			}
			if h.list[sp.match].ID == h.current {
				return h.list[sp.match], true
			}
			if first < 0 {
				first = sp.match
			}
		}
	}
	if first < 0 {
		return state.Highlight{}, false
	}
	return h.list[first], true
}

// settle brings a highlight asked for into view once its section is
// rendered.
func (h *readerHighlights) settle(r *reader) {
	if h.goTo == "" || r.want != nil {
		return
	}
	if line := h.lineOf(r.doc, h.goTo); line >= 0 {
		h.current, h.goTo = h.goTo, ""
		r.top = r.clampTop(line - 2)
		r.pin = keepPlace
	}
}

// show opens the highlight with this ID: its section, then the highlight
// in view once rendered.
func (h *readerHighlights) show(r *reader, id string) {
	for _, hl := range h.list {
		if hl.ID != id {
			continue
		}
		if i := h.blockOf(hl); i >= 0 {
			h.goTo = id
			r.jump(blockRef(i))
			r.afterLayoutChange()
			return
		}
		r.status("That highlight is not in the current text of this briefing: %s", clipText(hl.Quote.Exact, 40))
		return
	}
}

// saved is the message a background save of the highlights ends with.
type highlightsSavedMsg struct{ err error }

// save writes the highlights off the UI goroutine.
func (h *readerHighlights) save() tea.Cmd {
	return saveHighlights(h.store)
}

func saveHighlights(store *state.HighlightStore) tea.Cmd {
	if store == nil {
		return nil
	}
	return func() tea.Msg { return highlightsSavedMsg{err: store.Save()} }
}

// clipText is s on one line, cut to n cells.
func clipText(s string, n int) string {
	return ansi.Truncate(oneLineText(s), n, "…")
}
