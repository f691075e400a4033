package index

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
	"golang.org/x/text/unicode/norm"
)

// Token filters of our own, used by the analyzers in languages.go.

// Filter names registered with bleve.
const (
	filterElide = "brief_elide"
	filterFold  = "brief_fold"
)

// elideFilter removes French and Italian elided articles ("l'Œuvre" →
// "Œuvre", moving the token's start past them), marks Hangul words as
// ideographic so that cjk_bigram splits them into bigrams like Chinese and
// Japanese text (Korean attaches particles to words, "북한군이", and bigrams
// let "북한군" find them), and drops tokens longer than maxTokenBytes: they
// are not words (a pasted base64 blob, a 200 KB line of x), and would bloat
// the term dictionary. Token offsets are kept, so highlights still land on
// the original text.
type elideFilter struct{}

// maxTokenBytes is the longest token indexed.
const maxTokenBytes = 256

// Filter applies the filter.
func (elideFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	out := input[:0]
	for _, tok := range input {
		if n := elision(tok.Term); n > 0 {
			tok.Term = tok.Term[n:]
			tok.Start += n
		}
		switch {
		case len(tok.Term) > maxTokenBytes:
			continue
		case !isASCII(tok.Term) && hasHangul(tok.Term):
			tok.Type = analysis.Ideographic
		}
		out = append(out, tok)
	}
	return out
}

// foldFilter folds Latin letters with diacritics to their base letters
// ("é" → "e", "ß" → "ss") so that "president" finds "président".
type foldFilter struct{}

// Filter applies the filter.
func (foldFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, tok := range input {
		if isASCII(tok.Term) || tok.Type == analysis.Ideographic {
			continue
		}
		if folded, ok := foldLatin(string(tok.Term)); ok {
			tok.Term = []byte(folded)
		}
	}
	return input
}

// elidedArticles are the French and Italian words written with an
// apostrophe before the next word.
var elidedArticles = map[string]bool{
	"l": true, "d": true, "j": true, "m": true, "n": true, "s": true, "t": true, "c": true,
	"qu": true, "jusqu": true, "lorsqu": true, "puisqu": true, "quoiqu": true,
	"dell": true, "all": true, "dall": true, "nell": true, "sull": true, "un": true,
}

// elision returns the length of an elided article and its apostrophe at the
// start of a token ("l'", "qu’"), or 0. At least two letters must follow.
func elision(term []byte) int {
	for i := 0; i < len(term) && i <= 6; i++ {
		var n int
		switch {
		case term[i] == '\'':
			n = 1
		case strings.HasPrefix(string(term[i:]), "’"):
			n = len("’")
		default:
			continue
		}
		if i == 0 || !elidedArticles[strings.ToLower(string(term[:i]))] || utf8.RuneCount(term[i+n:]) < 2 {
			return 0
		}
		return i + n
	}
	return 0
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func hasHangul(b []byte) bool {
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if unicode.Is(unicode.Hangul, r) {
			return true
		}
		b = b[n:]
	}
	return false
}

// latinSpecial are letters that do not decompose into a base letter and a
// mark.
var latinSpecial = map[rune]string{
	'ß': "ss", 'ẞ': "SS", 'æ': "ae", 'Æ': "AE", 'œ': "oe", 'Œ': "OE", 'ø': "o", 'Ø': "O",
	'ł': "l", 'Ł': "L", 'đ': "d", 'Đ': "D", 'ð': "d", 'Ð': "D", 'þ': "th", 'Þ': "TH", 'ı': "i",
}

// foldLatin removes diacritics from Latin letters and leaves every other
// script alone (folding Cyrillic "й" or Devanagari vowel signs would merge
// distinct letters). It reports whether anything changed.
func foldLatin(s string) (string, bool) {
	changed := false
	var sb strings.Builder
	for _, r := range s {
		switch {
		case r >= 0x300 && r <= 0x36f:
			changed = true // combining diacritical mark
		case latinSpecial[r] != "":
			sb.WriteString(latinSpecial[r])
			changed = true
		case r >= 0xc0 && r <= 0x24f || r >= 0x1e00 && r <= 0x1eff:
			d := norm.NFD.String(string(r))
			base, _ := utf8.DecodeRuneInString(d)
			if base < utf8.RuneSelf && base != r {
				sb.WriteRune(base)
				changed = true
			} else {
				sb.WriteRune(r)
			}
		default:
			sb.WriteRune(r)
		}
	}
	return sb.String(), changed
}

// fold applies the same folding and lower-casing as the analyzers to a word
// typed in a query, for the query kinds that bleve does not analyze (prefix,
// wildcard, fuzzy).
func fold(s string) string {
	if n := elision([]byte(s)); n > 0 {
		s = s[n:]
	}
	if f, ok := foldLatin(s); ok {
		s = f
	}
	return strings.ToLower(s)
}

func init() {
	for name, f := range map[string]analysis.TokenFilter{filterElide: elideFilter{}, filterFold: foldFilter{}} {
		err := registry.RegisterTokenFilter(name, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
			return f, nil
		})
		if err != nil {
			panic(err)
		}
	}
}
