package ui

import (
	"sort"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// An alignment maps places between a section's plain text (where
// highlights are anchored: quotes.SectionText) and the same section as the
// reader shows it (a rendered block's text, blockText.joined). The two
// hold the same words in the same order; the shown text adds what the
// renderer draws (the heading, bullets, rules, web addresses) and breaks
// lines elsewhere. Both are reduced to their characters other than spaces
// and compared with a diff (diff-match-patch), which pairs every character
// of one with its place in the other.
type alignment struct {
	plain, shown squeezed
	diffs        []diffmatchpatch.Diff
}

// squeezed is a text without its white space: the characters, and where
// each is in the text.
type squeezed struct {
	runes []rune
	at    []int // byte offset in the text of each rune
	size  []int // its length in bytes
	n     int   // the text's length
}

func squeeze(text string) squeezed {
	s := squeezed{n: len(text)}
	for i, r := range text {
		if unicode.IsSpace(r) {
			continue
		}
		s.runes = append(s.runes, r)
		s.at = append(s.at, i)
		s.size = append(s.size, utf8.RuneLen(r))
	}
	return s
}

// alignTimeout bounds the diff of one section; past it the diff is
// coarser, never wrong about the text it maps to.
const alignTimeout = 200 * time.Millisecond

func newAlignment(plain, shown string) *alignment {
	a := &alignment{plain: squeeze(plain), shown: squeeze(shown)}
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = alignTimeout
	a.diffs = dmp.DiffMainRunes(a.plain.runes, a.shown.runes, false)
	return a
}

// first returns the index of the first character at or after byte off.
func (s squeezed) first(off int) int {
	return sort.SearchInts(s.at, off)
}

// mapIndex maps a character index of one side to the other: from plain
// to shown when toShown, else back. A character the other side lacks maps
// to where it would be.
func (a *alignment) mapIndex(k int, toShown bool) int {
	from, to := 0, 0
	for _, d := range a.diffs {
		n := utf8.RuneCountInString(d.Text)
		src, dst := n, n
		switch d.Type {
		case diffmatchpatch.DiffInsert: // only in shown
			src, dst = 0, n
		case diffmatchpatch.DiffDelete: // only in plain
			src, dst = n, 0
		}
		if !toShown {
			src, dst = dst, src
		}
		if k < from+src {
			if d.Type == diffmatchpatch.DiffEqual {
				return to + (k - from)
			}
			return to
		}
		from, to = from+src, to+dst
	}
	return to + (k - from)
}

// toShown maps the byte range [start, end) of the plain text to the shown
// text; ok is false when nothing of it is shown.
func (a *alignment) toShown(start, end int) (int, int, bool) {
	return a.mapRange(a.plain, a.shown, start, end, true)
}

// toPlain maps a byte range of the shown text to the plain text.
func (a *alignment) toPlain(start, end int) (int, int, bool) {
	return a.mapRange(a.shown, a.plain, start, end, false)
}

func (a *alignment) mapRange(from, to squeezed, start, end int, toShown bool) (int, int, bool) {
	first := from.first(start)
	last := from.first(end) - 1
	if first > last || len(to.runes) == 0 {
		return 0, 0, false
	}
	s := a.mapIndex(first, toShown)
	e := a.mapIndex(last, toShown)
	if s >= len(to.runes) {
		return to.n, to.n, false
	}
	e = min(max(e, s), len(to.runes)-1)
	return to.at[s], to.at[e] + to.size[e], true
}

// pointToPlain maps a byte offset of the shown text to the plain text:
// the place of the first character at or after it.
func (a *alignment) pointToPlain(off int) int {
	k := a.shown.first(off)
	if k >= len(a.shown.runes) {
		return a.plain.n
	}
	p := a.mapIndex(k, false)
	if p >= len(a.plain.runes) {
		return a.plain.n
	}
	return a.plain.at[p]
}

// pointToShown maps a byte offset of the plain text to the shown text.
func (a *alignment) pointToShown(off int) int {
	k := a.plain.first(off)
	if k >= len(a.plain.runes) {
		return a.shown.n
	}
	s := a.mapIndex(k, true)
	if s >= len(a.shown.runes) {
		return a.shown.n
	}
	return a.shown.at[s]
}
