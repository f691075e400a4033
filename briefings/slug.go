package briefings

import (
	"strconv"
	"strings"
	"unicode"
)

// Slug turns a heading into an anchor the way GitHub does: lower case,
// letters, digits, "-" and "_" kept, spaces turned into "-", everything else
// dropped. An empty result becomes "section".
func Slug(heading string) string {
	var sb strings.Builder
	dash := false
	for _, r := range strings.ToLower(strings.TrimSpace(heading)) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_':
			if dash && sb.Len() > 0 {
				sb.WriteByte('-')
			}
			dash = false
			sb.WriteRune(r)
		case r == '-' || unicode.IsSpace(r):
			dash = true
		}
	}
	if sb.Len() == 0 {
		return "section"
	}
	return sb.String()
}

// anchorSet hands out unique anchors: the second "same" becomes "same-1",
// the third "same-2", skipping any that a heading already took. It
// remembers the next number to try for each slug, so n equal headings cost
// O(n), not O(n²).
type anchorSet struct {
	taken map[string]bool
	next  map[string]int
}

func newAnchorSet() *anchorSet {
	return &anchorSet{taken: make(map[string]bool), next: make(map[string]int)}
}

func (a *anchorSet) add(slug string) string {
	anchor := slug
	for a.taken[anchor] {
		a.next[slug]++
		anchor = slug + "-" + strconv.Itoa(a.next[slug])
	}
	a.taken[anchor] = true
	return anchor
}
