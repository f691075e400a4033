package ui

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/internal/quotes"
	"github.com/briefreader/brief/internal/state"
	"github.com/charmbracelet/x/ansi"
)

// deckMarks are the highlights drawn on a presentation's slides, when the
// presenter asks for them (H): hidden by default, as a lecturer's
// highlights are their own.
type deckMarks struct {
	b     *briefings.Briefing
	list  []state.Highlight
	style lipgloss.Style
}

// toggleHighlights shows or hides the highlights on the slides.
func (p *presenter) toggleHighlights() {
	if p.marks != nil {
		p.marks = nil
		p.rebuild()
		p.message = "Highlights hidden."
		return
	}
	if p.highlights == nil {
		p.message = "Highlights are not kept: brief has no folder for its state."
		return
	}
	list := quotes.Refresh(p.highlights, p.b.Path, p.b)
	if len(list) == 0 {
		p.message = "This briefing has no highlights (h or v in the reader makes them)."
		return
	}
	st := newStyles(p.st.dark)
	st.noColor = p.st.noColor
	p.marks = &deckMarks{b: p.b, list: list, style: st.marked()}
	p.rebuild()
	p.message = "Highlights shown (H hides them)."
}

// apply draws the highlights of a deck part (see sectionRef.block) on its
// rendered blocks' lines.
func (m *deckMarks) apply(part int, blocks [][]string) [][]string {
	if m == nil {
		return blocks
	}
	var ranges [][2]int
	for _, h := range m.list {
		if h.Lost != state.Found {
			continue
		}
		if s, ok := anchorRef(m.b, h.Section); ok && s.block() == part {
			ranges = append(ranges, [2]int{h.Quote.Start, h.Quote.End})
		}
	}
	if len(ranges) == 0 {
		return blocks
	}
	// The part's lines, all blocks together, as one shown text.
	type at struct{ block, line int }
	var plain []string
	var where []at
	for b, lines := range blocks {
		for l, line := range lines {
			plain = append(plain, ansi.Strip(line))
			where = append(where, at{b, l})
		}
	}
	shown := newBlockText(plain)
	a := newAlignment(quotes.SectionText(m.b, blockRef(part).domainIndex()), shown.joined)
	styled := make(map[at][]lipgloss.Range)
	for _, r := range ranges {
		s, e, ok := a.toShown(r[0], r[1])
		if !ok {
			continue
		}
		for _, sp := range shown.spans(s, e) {
			w := where[sp.line]
			styled[w] = append(styled[w], lipgloss.NewRange(sp.start, sp.end, m.style))
		}
	}
	out := make([][]string, len(blocks))
	for b, lines := range blocks {
		out[b] = append([]string(nil), lines...)
		for l := range lines {
			if rs := styled[at{b, l}]; len(rs) > 0 {
				out[b][l] = lipgloss.StyleRanges(strings.Clone(lines[l]), rs...)
			}
		}
	}
	return out
}
