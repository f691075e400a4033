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
		return target{section: -1}
	}
	s := r.current()
	if s != r.doc.sectionAt(r.top) {
		return target{section: s}
	}
	return target{section: s, fraction: r.doc.fraction(r.top)}
}

// current is the section being read: the one a jump went to, or the one at
// the top of the screen; at the very end, the last one whose heading is on
// screen (a short last section can never reach the top). -1 is the lead.
func (r *reader) current() int {
	if r.pin >= -1 {
		return r.pin
	}
	if r.doc == nil {
		return -1
	}
	s := r.doc.sectionAt(r.top)
	if maxTop := r.maxTop(); maxTop > 0 && r.top >= maxTop {
		_, _, h := r.layout()
		for i := len(r.b.Sections) - 1; i > s; i-- {
			if r.doc.sectionStart(i) < r.top+h {
				return i
			}
		}
	}
	return s
}

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
	r.pin = -2
	r.want = nil
	r.moved = true
}

// jump goes to section i (-1: the top of the briefing).
func (r *reader) jump(i int) {
	if r.doc == nil || i < -1 || i >= len(r.b.Sections) {
		return
	}
	r.pin = i
	r.want = &target{section: i}
	r.moved = true
	r.afterLayoutChange()
}

func (r *reader) ensureVisible(line int) {
	_, _, h := r.layout()
	if line < r.top || line >= r.top+h {
		r.top = r.clampTop(line - h/3)
		r.pin = -2
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
	anchor := ""
	if t.section >= 0 {
		anchor = r.b.Sections[t.section].Anchor
	}
	r.store.SetPosition(r.b.Path, state.Position{Anchor: anchor, Fraction: t.fraction, Updated: time.Now()})
}
