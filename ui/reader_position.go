package ui

import (
	"time"

	"github.com/briefreader/brief/internal/state"
)

// position is where the reader is: the current section and how far into it.
func (r *reader) position() target {
	if r.want != nil {
		return *r.want
	}
	if r.doc == nil {
		return target{section: leadRef}
	}
	s := r.at()
	if s != r.doc.sectionAt(r.top) {
		return target{section: s}
	}
	return target{section: s, fraction: r.doc.fraction(r.top)}
}

// at is the section being read: the one a jump went to, or the one at the
// top of the screen; at the very end, the last one whose heading is on
// screen (a short last section can never reach the top).
func (r *reader) at() sectionRef {
	if !r.pin.keep() {
		return r.pin
	}
	if r.doc == nil {
		return leadRef
	}
	s := r.doc.sectionAt(r.top)
	if maxTop := r.maxTop(); maxTop > 0 && r.top >= maxTop {
		_, _, h := r.layout()
		for b := len(r.doc.blocks) - 1; b > s.block(); b-- {
			if r.doc.sectionStart(blockRef(b)) < r.top+h {
				return blockRef(b)
			}
		}
	}
	return s
}

// current is the section being read as the briefings package counts
// sections: its index, -1 for the lead.
func (r *reader) current() int { return r.at().domainIndex() }

func (r *reader) maxTop() int {
	_, _, h := r.layout()
	return max(r.doc.total()-h, 0)
}

func (r *reader) clampTop(n int) int {
	return min(max(n, 0), r.maxTop())
}

func (r *reader) scroll(n int) {
	if r.doc == nil {
		return
	}
	r.top = r.clampTop(r.top + n)
	r.pin = keepPlace
	r.want = nil
	r.moved = true
}

// jump goes to a section (the lead: the top of the briefing).
func (r *reader) jump(s sectionRef) {
	if r.doc == nil || !s.in(len(r.b.Sections)) {
		return
	}
	r.pin = s
	r.want = &target{section: s}
	r.moved = true
	r.afterLayoutChange()
}

func (r *reader) ensureVisible(line int) {
	_, _, h := r.layout()
	if line < r.top || line >= r.top+h {
		r.top = r.clampTop(line - h/3)
		r.pin = keepPlace
		r.moved = true
	}
}

// savePosition remembers where the reader is in this briefing, if the
// reader was moved since it opened or last saved: a window left where it
// opened does not overwrite a position another window recorded since.
func (r *reader) savePosition() {
	if r.store == nil || r.doc == nil || !r.moved {
		return
	}
	r.moved = false
	t := r.position()
	anchor := t.section.anchor(r.b)
	r.store.SetPosition(r.b.Path, state.Position{Anchor: anchor, Fraction: t.fraction, Updated: time.Now()})
}
