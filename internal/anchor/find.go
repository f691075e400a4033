package anchor

import (
	"math"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"
)

const (
	// maxOccurrences bounds how many occurrences of a quote are weighed.
	maxOccurrences = 1000
	// shortQuote is the length (in characters) under which a quote is
	// common enough words that an occurrence is taken only when some of
	// its context agrees or it is where the quote was.
	shortQuote = 32
	// minContext is how many characters of context must agree for a
	// short quote found away from where it was (a space alone says
	// nothing).
	minContext = 4
	// minFuzzy is the shortest quote (in characters) looked for
	// approximately; shorter ones are found word for word or not at all.
	minFuzzy = 12
	// maxEditShare: text found approximately may differ from the quote in
	// at most one character in maxEditShare.
	maxEditShare = 10
	// chunkLen is the longest piece of a quote that the Bitap search of
	// diff-match-patch looks for (it works on a machine word of bits).
	chunkLen = 32
	// diffTimeout bounds one diff.
	diffTimeout = 50 * time.Millisecond
)

// FindExact finds the quote word for word. Of several occurrences it
// takes the one whose context agrees most with the selector's, then the
// nearest to where the quote was. A short quote (under 32 characters)
// with almost no context in agreement is taken only where it was: a
// common phrase elsewhere is not the passage that was quoted.
func FindExact(text string, sel Selector) (Match, bool) {
	if sel.Exact == "" {
		return Match{}, false
	}
	best, bestRank := Match{}, math.Inf(-1)
	for _, at := range indexAll(text, sel.Exact, maxOccurrences) {
		end := at + len(sel.Exact)
		score := contextAgreement(text, at, end, sel)
		rank := float64(score) - float64(abs(at-sel.Start))/float64(len(text)+1)
		if rank > bestRank {
			best, bestRank = Match{Start: at, End: end, Kind: Exact, Score: score}, rank
		}
	}
	if best.Kind != Exact {
		return Match{}, false
	}
	if best.Score < minContext && best.Start != sel.Start && utf8.RuneCountInString(sel.Exact) < shortQuote {
		return Match{}, false
	}
	return best, true
}

// contextAgreement counts the characters of the selector's context that
// agree with the text around [start, end). A context that was empty (the
// quote began or ended the text) agrees when it still does.
func contextAgreement(text string, start, end int, sel Selector) int {
	n := commonSuffixRunes(text[:start], sel.Prefix) + commonPrefixRunes(text[end:], sel.Suffix)
	if sel.Prefix == "" && start == 0 {
		n++
	}
	if sel.Suffix == "" && end == len(text) {
		n++
	}
	return n
}

// FindFuzzy finds text that differs from the quote by a few characters
// (at most one in ten): a typo fixed, a word's ending changed. The start,
// middle and end of the quote are looked for near where it was (Bitap
// search), each proposing a place; the quote with its context is then
// aligned with the text there (a diff), which gives the passage's exact
// bounds, and the passage is taken only if it is close enough to the
// quote.
func FindFuzzy(text string, sel Selector) (Match, bool) {
	q := sel.Exact
	runes := utf8.RuneCountInString(q)
	if runes < minFuzzy || text == "" {
		return Match{}, false
	}
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = diffTimeout
	dmp.MatchDistance = max(1000, 2*len(text))
	dmp.MatchThreshold = 0.4
	hint := min(max(sel.Start, 0), len(text))

	var starts []int
	for _, c := range chunks(q) {
		if i := dmp.MatchMain(text, q[c[0]:c[1]], min(hint+c[0], len(text))); i >= 0 {
			starts = append(starts, i-c[0])
		}
	}
	best, bestDist := Match{}, -1
	slack := len(q)/maxEditShare + 8
	for i, s := range starts {
		if i > 0 && abs(s-starts[i-1]) < 2 {
			continue
		}
		m, dist, ok := align(dmp, text, s-slack, s+len(q)+slack, sel)
		if ok && (bestDist < 0 || dist < bestDist) {
			best, bestDist = m, dist
		}
	}
	if bestDist < 0 || bestDist*maxEditShare > runes {
		return Match{}, false
	}
	return best, true
}

// chunks returns up to three pieces of q, as byte ranges, for the Bitap
// search: its start, middle and end, each at most chunkLen bytes and cut
// at character boundaries.
func chunks(q string) [][2]int {
	if len(q) <= chunkLen {
		return [][2]int{{0, len(q)}}
	}
	cut := func(from int) [2]int {
		a, _ := clampRange(q, from, from)
		b := a + chunkLen
		for b > a && b < len(q) && !utf8.RuneStart(q[b]) {
			b--
		}
		return [2]int{a, min(b, len(q))}
	}
	endStart := len(q) - chunkLen
	for endStart < len(q) && !utf8.RuneStart(q[endStart]) {
		endStart++
	}
	return [][2]int{cut(0), cut(len(q)/2 - chunkLen/2), {endStart, len(q)}}
}

// align lines the quote and its context up with the text around [a, b)
// and returns the passage that corresponds to the quote, and how many
// characters it differs from the quote by.
func align(dmp *diffmatchpatch.DiffMatchPatch, text string, a, b int, sel Selector) (Match, int, bool) {
	a, b = clampRange(text, a-len(sel.Prefix), b+len(sel.Suffix))
	if a >= b {
		return Match{}, 0, false
	}
	window := text[a:b]
	pattern := sel.Prefix + sel.Exact + sel.Suffix
	diffs := dmp.DiffMain(pattern, window, false)
	start := a + dmp.DiffXIndex(diffs, len(sel.Prefix))
	end := a + dmp.DiffXIndex(diffs, len(sel.Prefix)+len(sel.Exact))
	start, end = clampRange(text, start, end)
	start, end = trimSpaceLike(text, start, end, sel.Exact)
	if start >= end {
		return Match{}, 0, false
	}
	found := text[start:end]
	dist := dmp.DiffLevenshtein(dmp.DiffMain(sel.Exact, found, false))
	return Match{Start: start, End: end, Kind: Fuzzy}, dist, true
}

// trimSpaceLike drops space at the ends of text[start:end] where the
// quote has none, so that a passage found approximately starts and ends
// on words as the quote did.
func trimSpaceLike(text string, start, end int, quote string) (int, int) {
	if r, _ := utf8.DecodeRuneInString(quote); !unicode.IsSpace(r) {
		rest := strings.TrimLeftFunc(text[start:end], unicode.IsSpace)
		start = end - len(rest)
	}
	if r, _ := utf8.DecodeLastRuneInString(quote); !unicode.IsSpace(r) {
		end = start + len(strings.TrimRightFunc(text[start:end], unicode.IsSpace))
	}
	return start, end
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
