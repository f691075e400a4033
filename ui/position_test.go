package ui

import (
	"fmt"
	"testing"

	"github.com/briefreader/brief/briefings"
)

// Moving by section, for a briefing of three sections.
func TestSectionRefMoves(t *testing.T) {
	const sections = 3
	tests := []struct {
		name string
		got  func() (sectionRef, bool)
		want sectionRef
		ok   bool
	}{
		{"after the lead, the first section", func() (sectionRef, bool) { return leadRef.after(sections) }, sectionOf(0), true},
		{"after the first, the second", func() (sectionRef, bool) { return sectionOf(0).after(sections) }, sectionOf(1), true},
		{"nothing after the last", func() (sectionRef, bool) { _, ok := sectionOf(2).after(sections); return leadRef, ok }, leadRef, false},
		{"before the first, the lead", func() (sectionRef, bool) { return sectionOf(0).before() }, leadRef, true},
		{"before the third, the second", func() (sectionRef, bool) { return sectionOf(2).before() }, sectionOf(1), true},
		{"nothing before the lead", func() (sectionRef, bool) { return leadRef.before() }, leadRef, false},
		{"section number 1", func() (sectionRef, bool) { return numberedSection(1, sections) }, sectionOf(0), true},
		{"section number 3", func() (sectionRef, bool) { return numberedSection(3, sections) }, sectionOf(2), true},
		{"no section number 0", func() (sectionRef, bool) { return numberedSection(0, sections) }, leadRef, false},
		{"no section number 4", func() (sectionRef, bool) { return numberedSection(4, sections) }, leadRef, false},
		{"a section past a shorter briefing's end: its last", func() (sectionRef, bool) { return sectionOf(7).clampTo(sections), true }, sectionOf(2), true},
		{"the lead stays the lead", func() (sectionRef, bool) { return leadRef.clampTo(0), true }, leadRef, true},
		{"keepPlace is no section", func() (sectionRef, bool) { return keepPlace, keepPlace.in(sections) }, keepPlace, false},
		{"the domain's -1 is the lead", func() (sectionRef, bool) { return refFromIndex(-1), true }, leadRef, true},
		{"the domain's 2 is section 2", func() (sectionRef, bool) { return refFromIndex(2), true }, sectionOf(2), true},
		{"block 0 is the lead", func() (sectionRef, bool) { return blockRef(0), true }, leadRef, true},
		{"block 2 is section 1", func() (sectionRef, bool) { return blockRef(2), true }, sectionOf(1), true},
	}
	for _, tt := range tests {
		got, ok := tt.got()
		if got != tt.want || ok != tt.ok {
			t.Errorf("%s: %+v %v, want %+v %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
}

// One section, counted four ways.
func TestSectionRefCounts(t *testing.T) {
	tests := []struct {
		ref                  sectionRef
		block, number, index int
		isSection, lead      bool
	}{
		{leadRef, 0, 0, -1, false, true},
		{sectionOf(0), 1, 1, 0, true, false},
		{sectionOf(4), 5, 5, 4, true, false},
	}
	for _, tt := range tests {
		i, ok := tt.ref.index()
		if tt.ref.block() != tt.block || tt.ref.number() != tt.number || tt.ref.domainIndex() != tt.index ||
			ok != tt.isSection || (ok && i != tt.index) || tt.ref.isLead() != tt.lead {
			t.Errorf("%+v: block %d number %d index %d/%d %v lead %v", tt.ref, tt.ref.block(), tt.ref.number(),
				tt.ref.domainIndex(), i, ok, tt.ref.isLead())
		}
	}
}

func TestAnchorRef(t *testing.T) {
	b := &briefings.Briefing{Sections: []briefings.Section{{Anchor: "one"}, {Anchor: "two"}}}
	tests := []struct {
		anchor string
		want   sectionRef
		ok     bool
	}{
		{"", leadRef, true},
		{"two", sectionOf(1), true},
		{"gone", leadRef, false},
	}
	for _, tt := range tests {
		if got, ok := anchorRef(b, tt.anchor); got != tt.want || ok != tt.ok {
			t.Errorf("anchorRef(%q) = %+v %v, want %+v %v", tt.anchor, got, ok, tt.want, tt.ok)
		}
		if tt.ok && tt.want.anchor(b) != tt.anchor {
			t.Errorf("%+v.anchor() = %q, want %q", tt.want, tt.want.anchor(b), tt.anchor)
		}
	}
}

// fakeSlides is a deck laid out by hand: pages[part][page] is that page's
// step count.
type fakeSlides [][]int

func (f fakeSlides) partCount() int               { return len(f) }
func (f fakeSlides) pageCount(part int) int       { return len(f[part]) }
func (f fakeSlides) stepCount(part, page int) int { return f[part][page] }

// Paging through slides, as slides' Navigate(state, key): the title slide
// (one page), a section of two pages (the second revealed in three
// steps), and a section of one page.
func TestSlidePosMoves(t *testing.T) {
	deck := fakeSlides{{1}, {1, 3}, {1}}
	pos := func(part, page, step int) slidePos { return slidePos{part, page, step} }
	tests := []struct {
		name string
		from slidePos
		move func(slidePos) (slidePos, bool)
		want slidePos
		ok   bool
	}{
		{"next from the title: the next part", pos(0, 0, 0), func(s slidePos) (slidePos, bool) { return s.next(deck) }, pos(1, 0, 0), true},
		{"next page: its first step only", pos(1, 0, 0), func(s slidePos) (slidePos, bool) { return s.next(deck) }, pos(1, 1, 0), true},
		{"next step", pos(1, 1, 0), func(s slidePos) (slidePos, bool) { return s.next(deck) }, pos(1, 1, 1), true},
		{"after the last step, the next part", pos(1, 1, 2), func(s slidePos) (slidePos, bool) { return s.next(deck) }, pos(2, 0, 0), true},
		{"nothing after the end", pos(2, 0, 0), func(s slidePos) (slidePos, bool) { return s.next(deck) }, pos(2, 0, 0), false},
		{"prev hides a step", pos(1, 1, 2), func(s slidePos) (slidePos, bool) { return s.prev(deck) }, pos(1, 1, 1), true},
		{"prev page: the first page whole", pos(1, 1, 0), func(s slidePos) (slidePos, bool) { return s.prev(deck) }, pos(1, 0, 0), true},
		{"prev part: its last page whole", pos(2, 0, 0), func(s slidePos) (slidePos, bool) { return s.prev(deck) }, pos(1, 1, 2), true},
		{"nothing before the title", pos(0, 0, 0), func(s slidePos) (slidePos, bool) { return s.prev(deck) }, pos(0, 0, 0), false},
		{"next section: whole", pos(0, 0, 0), func(s slidePos) (slidePos, bool) { return s.nextSection().clamp(deck), true }, pos(1, 0, 0), true},
		{"next section past the end: the last part's first page", pos(2, 0, 0), func(s slidePos) (slidePos, bool) { return s.nextSection().clamp(deck), true }, pos(2, 0, 0), true},
		{"previous section from a later page: this one's first", pos(1, 1, 1), func(s slidePos) (slidePos, bool) { return s.prevSection().clamp(deck), true }, pos(1, 0, 0), true},
		{"previous section from a first page: the one before", pos(2, 0, 0), func(s slidePos) (slidePos, bool) { return s.prevSection().clamp(deck), true }, pos(1, 0, 0), true},
		{"the last slide, fully revealed", pos(0, 0, 0), func(slidePos) (slidePos, bool) { return lastSlide(deck).clamp(deck), true }, pos(2, 0, 0), true},
		{"a jump to a section: whole", pos(0, 0, 0), func(slidePos) (slidePos, bool) { return slideAt(sectionOf(0)).clamp(deck), true }, pos(1, 0, 0), true},
		{"the last page asked by lastPage", pos(0, 0, 0), func(slidePos) (slidePos, bool) { return slidePos{1, lastPage, allSteps}.clamp(deck), true }, pos(1, 1, 2), true},
		{"a step past the page's last: the last", pos(0, 0, 0), func(slidePos) (slidePos, bool) { return slidePos{1, 1, 9}.clamp(deck), true }, pos(1, 1, 2), true},
	}
	for _, tt := range tests {
		got, ok := tt.move(tt.from)
		if got != tt.want || ok != tt.ok {
			t.Errorf("%s: from %v got %v %v, want %v %v", tt.name, fmt.Sprint(tt.from), got, ok, tt.want, tt.ok)
		}
	}
}
