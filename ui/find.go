package ui

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// match is one occurrence of the find pattern: an absolute line and a range
// of terminal cells on it.
type match struct {
	line       int
	start, end int // cells
}

// matcher returns the byte ranges of matches in a line of plain text.
type matcher func(plain string) [][2]int

// finder holds what is being looked for and its matches in a document.
type finder struct {
	query   string
	match   matcher
	matches []match
	current int // index into matches, -1 when there is none
}

// literalMatcher matches what the user typed, case-insensitively, or
// returns nil for an empty query.
func literalMatcher(query string) matcher {
	if strings.TrimSpace(query) == "" {
		return nil
	}
	re := regexp.MustCompile("(?i)" + regexp.QuoteMeta(query))
	return func(plain string) [][2]int {
		var out [][2]int
		for _, loc := range re.FindAllStringIndex(plain, -1) {
			if loc[1] > loc[0] {
				out = append(out, [2]int{loc[0], loc[1]})
			}
		}
		return out
	}
}

// termsMatcher matches the words of a search hit: each term at the start of
// a word, extended to the end of that word (so "troop" finds "troops"),
// case-insensitively. Terms in scripts written without spaces (Chinese,
// Japanese) match anywhere.
func termsMatcher(terms []string) matcher {
	var alts []string
	for _, t := range terms {
		if t = strings.TrimSpace(t); t != "" {
			alts = append(alts, regexp.QuoteMeta(t))
		}
	}
	if len(alts) == 0 {
		return nil
	}
	re := regexp.MustCompile(`(?i)(?:` + strings.Join(alts, "|") + `)`)
	return func(plain string) [][2]int {
		var out [][2]int
		for _, loc := range re.FindAllStringIndex(plain, -1) {
			start, end := loc[0], loc[1]
			first, _ := utf8.DecodeRuneInString(plain[start:])
			if !unspaced(first) {
				if prev, _ := utf8.DecodeLastRuneInString(plain[:start]); start > 0 && isWordRune(prev) {
					continue
				}
				for end < len(plain) {
					r, size := utf8.DecodeRuneInString(plain[end:])
					if !isWordRune(r) {
						break
					}
					end += size
				}
			}
			if len(out) > 0 && start < out[len(out)-1][1] {
				continue
			}
			out = append(out, [2]int{start, end})
		}
		return out
	}
}

// unspaced reports whether r belongs to a script written without spaces
// between words.
func unspaced(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai)
}

// search finds every match in a document.
func (f *finder) search(d *document) {
	f.matches = f.matches[:0]
	if f.match == nil {
		f.current = -1
		return
	}
	for n := 0; n < d.total(); n++ {
		_, plain := d.line(n)
		if plain == "" {
			continue
		}
		for _, loc := range f.match(plain) {
			start := ansi.StringWidth(plain[:loc[0]])
			f.matches = append(f.matches, match{line: n, start: start, end: start + ansi.StringWidth(plain[loc[0]:loc[1]])})
		}
	}
	if f.current >= len(f.matches) || f.current < 0 {
		f.current = -1
	}
}

// nearest selects the first match at or after line from (wrapping around)
// and returns it.
func (f *finder) nearest(from int) (match, bool) {
	if len(f.matches) == 0 {
		f.current = -1
		return match{}, false
	}
	f.current = 0
	for i, m := range f.matches {
		if m.line >= from {
			f.current = i
			break
		}
	}
	return f.matches[f.current], true
}

// step moves to the next (+1) or previous (-1) match, wrapping around.
func (f *finder) step(dir int) (match, bool) {
	if len(f.matches) == 0 {
		return match{}, false
	}
	f.current = (f.current + dir + len(f.matches)) % len(f.matches)
	return f.matches[f.current], true
}

// highlight styles the matches on one line. Cell ranges survive glamour's
// styling because lipgloss.StyleRanges works in cells, not bytes.
func (f *finder) highlight(styled string, line int, normal, current lipgloss.Style) string {
	if len(f.matches) == 0 {
		return styled
	}
	var ranges []lipgloss.Range
	first, last := f.matchesOn(line)
	for i := first; i < last; i++ {
		style := normal
		if i == f.current {
			style = current
		}
		ranges = append(ranges, lipgloss.NewRange(f.matches[i].start, f.matches[i].end, style))
	}
	if len(ranges) == 0 {
		return styled
	}
	return lipgloss.StyleRanges(styled, ranges...)
}

// matchesOn returns the range of indexes of the matches on a line.
func (f *finder) matchesOn(line int) (first, last int) {
	first = sort.Search(len(f.matches), func(i int) bool { return f.matches[i].line >= line })
	last = first
	for last < len(f.matches) && f.matches[last].line == line {
		last++
	}
	return first, last
}

// isWordRune reports whether r is part of a word, for whole-word matching.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}
