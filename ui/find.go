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

// match is one occurrence of the find pattern. Text wraps, so it may run
// over several lines: it has a span of terminal cells on each.
type match struct {
	line  int // the first line it is on
	spans []span
}

// span is the part of a match on one line.
type span struct {
	line       int
	start, end int // cells
	match      int // index of its match
}

// matcher returns the byte ranges of matches in text: the lines of a
// rendered block joined with newlines.
type matcher func(text string) [][2]int

// finder holds what is being looked for and its matches in a document.
type finder struct {
	query   string
	match   matcher
	matches []match
	spans   []span // every match's spans, in line order
	current int    // index into matches, -1 when there is none
	hit     bool   // the words are a search hit's, not a find (/)
}

// wrapPoints are where the renderer may break a line without a space: a
// match may go on to the next line after one of them.
const wrapPoints = ",.;-+|"

// literalMatcher matches what the user typed, case-insensitively, or
// returns nil for an empty query. A space in the query matches any run of
// spaces or one end of line (not a blank line between paragraphs), and a
// line may also end after a hyphen or a comma, where the renderer wraps
// words: "North Korea" is found when "North" ends one line and "Korea"
// starts the next.
func literalMatcher(query string) matcher {
	if strings.TrimSpace(query) == "" {
		return nil
	}
	var expr strings.Builder
	expr.WriteString("(?i)")
	space := false
	for _, r := range strings.TrimSpace(query) {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space {
			expr.WriteString(`(?:[ \t]+|[ \t]*\n[ \t]*)`)
			space = false
		}
		expr.WriteString(regexp.QuoteMeta(string(r)))
		if strings.ContainsRune(wrapPoints, r) {
			expr.WriteString(`\n?`)
		}
	}
	re := regexp.MustCompile(expr.String())
	return func(text string) [][2]int {
		var out [][2]int
		for _, loc := range re.FindAllStringIndex(text, -1) {
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

// search finds every match in a document, in the text of each block as
// shown: its lines joined, so that a match wrapped over two lines is found
// and has a span on each.
func (f *finder) search(d *document) {
	f.matches, f.spans = f.matches[:0], f.spans[:0]
	if f.match == nil {
		f.current = -1
		return
	}
	for i := range d.blocks {
		text := d.findText(i)
		for _, loc := range f.match(text.joined) {
			m := match{line: -1}
			for _, sp := range text.spans(loc[0], loc[1]) {
				sp.line += d.starts[i]
				sp.match = len(f.matches)
				if m.line < 0 {
					m.line = sp.line
				}
				m.spans = append(m.spans, sp)
			}
			if len(m.spans) > 0 {
				f.matches = append(f.matches, m)
				f.spans = append(f.spans, m.spans...)
			}
		}
	}
	if f.current >= len(f.matches) || f.current < 0 {
		f.current = -1
	}
}

// blockText is a rendered block's text for find: its lines without their
// indentation, joined with newlines.
type blockText struct {
	joined string
	plain  []string // the block's lines
	starts []int    // where line k starts in joined
	skips  []int    // bytes of line k left out before its text
}

// newBlockText joins a block's plain lines. What starts a line only to
// indent it (the margin, a quote's bar) is left out, so a quote wrapped
// over lines reads on.
func newBlockText(plain []string) *blockText {
	t := &blockText{plain: plain, starts: make([]int, len(plain)), skips: make([]int, len(plain))}
	var sb strings.Builder
	for k, line := range plain {
		if k > 0 {
			sb.WriteByte('\n')
		}
		rest := strings.TrimLeft(line, " \t│|")
		t.skips[k] = len(line) - len(rest)
		t.starts[k] = sb.Len()
		sb.WriteString(rest)
	}
	t.joined = sb.String()
	return t
}

// spans maps the byte range [from, to) of the joined text to cells on
// each line it covers (line numbers relative to the block).
func (t *blockText) spans(from, to int) []span {
	var out []span
	for k := range t.plain {
		lineStart := t.starts[k]
		lineEnd := lineStart + len(t.plain[k]) - t.skips[k]
		a, b := max(from, lineStart), min(to, lineEnd)
		if a >= b {
			continue
		}
		line := t.plain[k]
		i, j := t.skips[k]+a-lineStart, t.skips[k]+b-lineStart
		start := ansi.StringWidth(line[:i])
		out = append(out, span{line: k, start: start, end: start + ansi.StringWidth(line[i:j])})
	}
	return out
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

// highlight styles the matches on one line, each part of a wrapped match
// on its own line. Cell ranges survive glamour's styling because
// lipgloss.StyleRanges works in cells, not bytes.
func (f *finder) highlight(styled string, line int, normal, current lipgloss.Style) string {
	if len(f.spans) == 0 {
		return styled
	}
	var ranges []lipgloss.Range
	first, last := f.spansOn(line)
	for _, sp := range f.spans[first:last] {
		style := normal
		if sp.match == f.current {
			style = current
		}
		ranges = append(ranges, lipgloss.NewRange(sp.start, sp.end, style))
	}
	if len(ranges) == 0 {
		return styled
	}
	return lipgloss.StyleRanges(styled, ranges...)
}

// spansOn returns the range of indexes of the spans on a line.
func (f *finder) spansOn(line int) (first, last int) {
	first = sort.Search(len(f.spans), func(i int) bool { return f.spans[i].line >= line })
	last = first
	for last < len(f.spans) && f.spans[last].line == line {
		last++
	}
	return first, last
}

// isWordRune reports whether r is part of a word, for whole-word matching.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}
