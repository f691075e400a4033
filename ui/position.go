package ui

import "github.com/briefreader/brief/briefings"

// Positions, as named types rather than bare integers: a sectionRef names
// a section (or the lead, or "wherever the reader was left"), and a
// slidePos is the presenter's place in its deck. Their moves are pure
// functions of the position and the layout, tested by tables in
// position_test.go, as maaslalani/slides does with Navigate(state, key).
// The reader's document and the presenter's deck both keep the lead in
// block (part) 0 and section i in block i+1: only this file counts so.

// sectionRef names a part of a briefing by section: the lead (the text
// before the first heading, which the presenter shows as the title slide),
// one of its sections, or, when opening the reader, wherever it was left
// (keepPlace). The zero value is the lead.
type sectionRef struct {
	b int // the document block or deck part: 0 the lead, i+1 section i; -1 keep place
}

var (
	// leadRef is the text before the first heading: the top of the
	// reader, the presenter's title slide.
	leadRef = sectionRef{}
	// keepPlace opens the reader where it was left; as the reader's pin,
	// no section is pinned.
	keepPlace = sectionRef{b: -1}
)

// TitleSlide is PresentRequest.Section for the title slide.
const TitleSlide = -1

// sectionOf names section i of the briefing's Sections.
func sectionOf(i int) sectionRef { return sectionRef{b: i + 1} }

// refFromIndex reads the convention of the briefings and quotes packages
// and of PresentRequest.Section: a section's index, or -1 (TitleSlide)
// for the lead.
func refFromIndex(i int) sectionRef {
	if i < 0 {
		return leadRef
	}
	return sectionOf(i)
}

// blockRef names what document block (reader) or deck part (presenter) b
// shows.
func blockRef(b int) sectionRef { return sectionRef{b: max(b, 0)} }

// anchorRef names the section with an anchor ("": the lead); ok is false
// when the briefing has no such section.
func anchorRef(b *briefings.Briefing, anchor string) (s sectionRef, ok bool) {
	if anchor == "" {
		return leadRef, true
	}
	if i := b.SectionIndex(anchor); i >= 0 {
		return sectionOf(i), true
	}
	return leadRef, false
}

// numberedSection names section number n as the user counts them (from
// 1), if the briefing has it.
func numberedSection(n, sections int) (sectionRef, bool) {
	if n < 1 || n > sections {
		return leadRef, false
	}
	return sectionOf(n - 1), true
}

// block is the document block or deck part that shows s.
func (s sectionRef) block() int { return s.b }

// index is the section's index in Sections; ok is false for the lead.
func (s sectionRef) index() (i int, ok bool) { return s.b - 1, s.b > 0 }

// domainIndex is s in the convention of the briefings and quotes packages:
// the section's index, -1 for the lead.
func (s sectionRef) domainIndex() int { return max(s.b-1, -1) }

// isLead reports whether s is the lead.
func (s sectionRef) isLead() bool { return s.b == 0 }

// keep reports whether s is keepPlace.
func (s sectionRef) keep() bool { return s.b < 0 }

// number is the section's number as the user counts them (from 1); 0 for
// the lead.
func (s sectionRef) number() int { return max(s.b, 0) }

// anchor is the section's anchor, "" for the lead (or a section the
// briefing no longer has).
func (s sectionRef) anchor(b *briefings.Briefing) string {
	if i, ok := s.index(); ok && i < len(b.Sections) {
		return b.Sections[i].Anchor
	}
	return ""
}

// in reports whether a briefing of that many sections has s.
func (s sectionRef) in(sections int) bool { return s.b >= 0 && s.b <= sections }

// after is the section after s; ok is false after the last.
func (s sectionRef) after(sections int) (next sectionRef, ok bool) {
	next = sectionRef{b: s.b + 1}
	return next, next.in(sections)
}

// before is the section before s (the lead before the first); ok is false
// at the lead.
func (s sectionRef) before() (prev sectionRef, ok bool) {
	if s.b <= 0 {
		return leadRef, false
	}
	return sectionRef{b: s.b - 1}, true
}

// clampTo keeps s within a briefing of that many sections: past the end,
// the last section.
func (s sectionRef) clampTo(sections int) sectionRef {
	return sectionRef{b: min(max(s.b, 0), sections)}
}

// slidePos is the presenter's place: a deck part (0 the title slide, see
// sectionRef.block), a page of it and a step of that page.
type slidePos struct {
	part, page, step int
}

// Asking moveTo for a page or step counted from the end.
const (
	lastPage = -1 // the part's last page
	allSteps = -1 // the page fully revealed
)

// slideLayout is what moving through slides needs to know of a deck.
type slideLayout interface {
	partCount() int
	pageCount(part int) int
	stepCount(part, page int) int
}

// clamp makes s a place the layout has: lastPage and allSteps (or any
// step past the page's last) are counted from the end.
func (s slidePos) clamp(l slideLayout) slidePos {
	s.part = min(max(s.part, 0), l.partCount()-1)
	pages := l.pageCount(s.part)
	if s.page < 0 {
		s.page = pages + s.page
	}
	s.page = min(max(s.page, 0), pages-1)
	if last := l.stepCount(s.part, s.page) - 1; s.step < 0 || s.step > last {
		s.step = last
	}
	return s
}

// next reveals the page's next step, else goes to the next page with only
// its first step shown; ok is false on the last step of the last page.
func (s slidePos) next(l slideLayout) (slidePos, bool) {
	switch {
	case s.step+1 < l.stepCount(s.part, s.page):
		s.step++
	case s.page+1 < l.pageCount(s.part):
		s.page, s.step = s.page+1, 0
	case s.part+1 < l.partCount():
		s = slidePos{part: s.part + 1}
	default:
		return s, false
	}
	return s, true
}

// prev hides the page's last step shown, else goes back to the previous
// page as it was left: fully revealed. ok is false on the first page.
func (s slidePos) prev(l slideLayout) (slidePos, bool) {
	switch {
	case s.step > 0:
		s.step--
	case s.page > 0:
		s = slidePos{part: s.part, page: s.page - 1, step: allSteps}
	case s.part > 0:
		s = slidePos{part: s.part - 1, page: lastPage, step: allSteps}
	default:
		return s, false
	}
	return s.clamp(l), true
}

// nextSection is the first page of the next part, fully revealed.
func (s slidePos) nextSection() slidePos {
	return slidePos{part: s.part + 1, step: allSteps}
}

// prevSection is the first page of this part, or, from there, of the one
// before; fully revealed.
func (s slidePos) prevSection() slidePos {
	if s.page > 0 {
		return slidePos{part: s.part, step: allSteps}
	}
	return slidePos{part: s.part - 1, step: allSteps}
}

// firstSlide is the title slide, fully revealed.
var firstSlide = slidePos{step: allSteps}

// lastSlide is the last page of the last part, fully revealed.
func lastSlide(l slideLayout) slidePos {
	return slidePos{part: l.partCount() - 1, page: lastPage, step: allSteps}
}

// slideAt is the first page of a section's part, fully revealed.
func slideAt(s sectionRef) slidePos {
	return slidePos{part: s.block(), step: allSteps}
}
