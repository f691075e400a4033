// Package anchor finds a quoted passage again in a text that may have
// changed since it was quoted. A passage is described the way the W3C Web
// Annotation model describes one: the exact words with a little of the
// text before and after them (a TextQuoteSelector), and where they were
// (a TextPositionSelector), which is only a hint. The passage is looked
// for word for word first, the context deciding between several
// occurrences; then, when the words themselves changed a little (a typo
// fixed), approximately, with diff-match-patch, and accepted only when the
// text found differs from the quote by a few characters. A passage that
// cannot be found with confidence is reported as not found: never placed
// on other words.
package anchor

import (
	"strings"
	"unicode/utf8"
)

// ContextLen is how many characters of context a selector keeps on each
// side of the passage, as Hypothesis and other annotation tools do.
const ContextLen = 32

// Selector describes a passage of a text.
type Selector struct {
	// Exact is the passage itself.
	Exact string `json:"exact"`
	// Prefix is up to ContextLen characters of the text just before it.
	Prefix string `json:"prefix,omitempty"`
	// Suffix is up to ContextLen characters of the text just after it.
	Suffix string `json:"suffix,omitempty"`
	// Start and End are the passage's byte offsets in the text it was
	// taken from: a hint for where to look first.
	Start int `json:"start"`
	End   int `json:"end"`
}

// NewSelector describes text[start:end]. The range is clamped to the text
// and moved to character boundaries.
func NewSelector(text string, start, end int) Selector {
	start, end = clampRange(text, start, end)
	return Selector{
		Exact:  text[start:end],
		Prefix: lastRunes(text[:start], ContextLen),
		Suffix: firstRunes(text[end:], ContextLen),
		Start:  start,
		End:    end,
	}
}

// Kind says how a passage was found.
type Kind int

const (
	// NotFound: the passage is not in the text any more, or not with
	// enough confidence.
	NotFound Kind = iota
	// Exact: the quote occurs word for word.
	Exact
	// Fuzzy: text that differs from the quote by a few characters.
	Fuzzy
)

// String names the kind for messages and tests.
func (k Kind) String() string {
	switch k {
	case Exact:
		return "exact"
	case Fuzzy:
		return "fuzzy"
	}
	return "not found"
}

// Match is where a passage was found: text[Start:End].
type Match struct {
	Start, End int
	Kind       Kind
	// Score ranks exact matches: how much of the context agrees, in
	// characters (0 to 2*ContextLen).
	Score int
}

// Locate finds the passage sel describes in text: word for word if it is
// there, else approximately. ok is false when it is not found.
func Locate(text string, sel Selector) (Match, bool) {
	if m, ok := FindExact(text, sel); ok {
		return m, true
	}
	return FindFuzzy(text, sel)
}

// clampRange keeps [start, end) inside text, in order, on character
// boundaries.
func clampRange(text string, start, end int) (int, int) {
	start = min(max(start, 0), len(text))
	end = min(max(end, start), len(text))
	for start > 0 && start < len(text) && !utf8.RuneStart(text[start]) {
		start--
	}
	for end < len(text) && !utf8.RuneStart(text[end]) {
		end++
	}
	return start, end
}

// lastRunes returns the last n characters of s.
func lastRunes(s string, n int) string {
	i := len(s)
	for k := 0; k < n && i > 0; k++ {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return s[i:]
}

// firstRunes returns the first n characters of s.
func firstRunes(s string, n int) string {
	i := 0
	for k := 0; k < n && i < len(s); k++ {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i]
}

// commonSuffixRunes counts the characters a and b end with in common.
func commonSuffixRunes(a, b string) int {
	n := 0
	for a != "" && b != "" {
		ra, sa := utf8.DecodeLastRuneInString(a)
		rb, sb := utf8.DecodeLastRuneInString(b)
		if ra != rb {
			break
		}
		a, b = a[:len(a)-sa], b[:len(b)-sb]
		n++
	}
	return n
}

// commonPrefixRunes counts the characters a and b start with in common.
func commonPrefixRunes(a, b string) int {
	n := 0
	for a != "" && b != "" {
		ra, sa := utf8.DecodeRuneInString(a)
		rb, sb := utf8.DecodeRuneInString(b)
		if ra != rb {
			break
		}
		a, b = a[sa:], b[sb:]
		n++
	}
	return n
}

// indexAll returns the offsets of every occurrence of sub in s, at most
// limit of them.
func indexAll(s, sub string, limit int) []int {
	var out []int
	for at := 0; at <= len(s)-len(sub) && len(out) < limit; {
		i := strings.Index(s[at:], sub)
		if i < 0 {
			break
		}
		out = append(out, at+i)
		_, size := utf8.DecodeRuneInString(s[at+i:])
		at += i + max(size, 1)
	}
	return out
}
