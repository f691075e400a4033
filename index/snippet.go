package index

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Snippet is a fragment of a section's plain text around matches.
type Snippet struct {
	// Text is the fragment, on one line: newlines and tabs of the section
	// text are spaces here. It comes from a file: sanitize it before
	// writing it to a terminal.
	Text string
	// Matches are byte ranges [start, end) in Text of the matched words,
	// in order and not overlapping.
	Matches [][2]int
	// Start is the byte offset of Text in the section's plain text
	// (briefings.PlainText of its markdown). A fragment with Start > 0 or After set
	// is cut from a longer text, which a printer may show with "…".
	Start int
	// After is true when the section's text goes on after the fragment.
	After bool
}

// Snippet sizes, in runes.
const (
	snippetRunes     = 160 // the length of one fragment
	snippetLead      = 40  // context kept before the first match of a fragment
	maxSnippets      = 3   // fragments per hit
	maxSnippetRanges = 500 // matches considered per hit
)

// buildSnippets picks up to maxSnippets fragments of text that hold the most
// distinct matched words, word-aligned, in text order. ranges are sorted,
// non-overlapping byte ranges of matches in text. With no ranges it returns
// the start of the text, to show what the section is about.
func buildSnippets(text string, ranges [][2]int) []Snippet {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	if len(ranges) == 0 {
		start := skipSpace(text, 0)
		return []Snippet{makeSnippet(text, start, fragmentEnd(text, start, start), nil)}
	}
	if len(ranges) > maxSnippetRanges {
		ranges = ranges[:maxSnippetRanges]
	}
	type window struct {
		start, end int
		first, n   int // index of the first range inside, and how many
		score      int
	}
	var windows []window
	for i, r := range ranges {
		if i > 0 && ranges[i-1][1] > r[0]-snippetLead {
			continue // a window starting at an earlier match covers this one's lead
		}
		start := fragmentStart(text, r[0])
		end := fragmentEnd(text, start, r[1])
		w := window{start: start, end: end, first: i}
		distinct := map[string]bool{}
		for j := i; j < len(ranges) && ranges[j][1] <= end; j++ {
			w.n++
			distinct[strings.ToLower(text[ranges[j][0]:ranges[j][1]])] = true
		}
		w.score = len(distinct)*1000 + w.n
		windows = append(windows, w)
	}
	sort.SliceStable(windows, func(a, b int) bool { return windows[a].score > windows[b].score })
	var chosen []window
	for _, w := range windows {
		overlaps := false
		for _, c := range chosen {
			if w.start < c.end && c.start < w.end {
				overlaps = true
				break
			}
		}
		if !overlaps {
			chosen = append(chosen, w)
		}
		if len(chosen) == maxSnippets {
			break
		}
	}
	sort.Slice(chosen, func(a, b int) bool { return chosen[a].start < chosen[b].start })
	snippets := make([]Snippet, 0, len(chosen))
	for _, w := range chosen {
		snippets = append(snippets, makeSnippet(text, w.start, w.end, ranges[w.first:w.first+w.n]))
	}
	return snippets
}

// makeSnippet cuts text[start:end] and shifts the ranges into it.
func makeSnippet(text string, start, end int, ranges [][2]int) Snippet {
	frag := strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' || r == '\r' {
			return ' '
		}
		return r
	}, text[start:end])
	s := Snippet{Text: frag, Start: start, After: strings.TrimSpace(text[end:]) != ""}
	for _, r := range ranges {
		if r[0] >= start && r[1] <= end {
			s.Matches = append(s.Matches, [2]int{r[0] - start, r[1] - start})
		}
	}
	return s
}

// fragmentStart returns where a fragment showing a match at pos begins:
// about snippetLead runes earlier, at a word boundary, and not before the
// paragraph the match is in.
func fragmentStart(text string, pos int) int {
	start := pos
	for k := 0; k < snippetLead && start > 0; k++ {
		_, n := utf8.DecodeLastRuneInString(text[:start])
		start -= n
	}
	if nl := strings.LastIndexByte(text[start:pos], '\n'); nl >= 0 {
		start += nl + 1
	} else if s := sentenceStart(text[start:pos]); s > 0 {
		start += s
	}
	for start < pos && !atBoundary(text, start) {
		_, n := utf8.DecodeRuneInString(text[start:])
		start += n
	}
	// Do not begin with the punctuation that ended the word before.
	for start < pos {
		r, n := utf8.DecodeRuneInString(text[start:])
		if !unicode.IsSpace(r) && !strings.ContainsRune(".,;:!?)]}»”’、。，；：！？", r) {
			break
		}
		start += n
	}
	return start
}

// sentenceStart returns the offset just after the last sentence end in s
// (". ", "! ", "? " or a CJK full stop), or 0.
func sentenceStart(s string) int {
	best := 0
	for _, end := range []string{". ", "! ", "? ", "。", "！", "？"} {
		if i := strings.LastIndex(s, end); i >= 0 && i+len(end) > best {
			best = i + len(end)
		}
	}
	return best
}

// fragmentEnd returns where a fragment that begins at start ends: about
// snippetRunes runes later, at a word boundary, and not before mustReach.
func fragmentEnd(text string, start, mustReach int) int {
	end := start
	for k := 0; k < snippetRunes && end < len(text); k++ {
		_, n := utf8.DecodeRuneInString(text[end:])
		end += n
	}
	if end >= len(text) {
		return len(strings.TrimRightFunc(text, unicode.IsSpace))
	}
	limit := max(mustReach, start)
	for end > limit && !atBoundary(text, end) {
		_, n := utf8.DecodeLastRuneInString(text[:end])
		end -= n
	}
	if end <= limit {
		end = max(mustReach, start)
	}
	trimmed := len(strings.TrimRightFunc(text[:end], unicode.IsSpace))
	return max(trimmed, mustReach)
}

// atBoundary reports whether a fragment may start or end at byte i without
// cutting a word. Every CJK ideograph is a word of its own.
func atBoundary(text string, i int) bool {
	if i <= 0 || i >= len(text) {
		return true
	}
	prev, _ := utf8.DecodeLastRuneInString(text[:i])
	next, _ := utf8.DecodeRuneInString(text[i:])
	if isIdeograph(prev) || isIdeograph(next) {
		return true
	}
	return !isWordRune(prev) || !isWordRune(next)
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '_' || r == '\'' || r == '’'
}

func isIdeograph(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r)
}

func skipSpace(text string, i int) int {
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += n
	}
	return i
}

// mergeRanges sorts byte ranges and merges those that overlap or touch, so
// that CJK bigrams "北京" and "京大" become one highlight "北京大".
func mergeRanges(ranges [][2]int) [][2]int {
	if len(ranges) == 0 {
		return nil
	}
	sort.Slice(ranges, func(a, b int) bool {
		if ranges[a][0] != ranges[b][0] {
			return ranges[a][0] < ranges[b][0]
		}
		return ranges[a][1] < ranges[b][1]
	})
	out := [][2]int{ranges[0]}
	for _, r := range ranges[1:] {
		last := &out[len(out)-1]
		if r[0] <= last[1] {
			last[1] = max(last[1], r[1])
			continue
		}
		out = append(out, r)
	}
	return out
}

// Snippets returns up to three fragments of text around the matches
// (byte ranges of text, in any order), as a Hit's Snippets: for searches
// made without the index, such as a quick scan of the files.
func Snippets(text string, matches [][2]int) []Snippet {
	return buildSnippets(text, mergeRanges(append([][2]int(nil), matches...)))
}
