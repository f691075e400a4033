package search

import (
	"strings"
	"unicode"
)

// term is a word or phrase to look for, lower-cased; prefix when it may
// begin a longer word.
type term struct {
	text   string
	prefix bool
}

// scanTerms reads the words to look for from a query, dropping the
// query syntax: quotes keep a phrase, field names, operators, boosts and
// excluded words go, a trailing * makes a prefix.
func scanTerms(q string, asYouType bool) (terms []term, excluded []string) {
	rest := q
	for rest != "" {
		rest = strings.TrimLeftFunc(rest, unicode.IsSpace)
		if rest == "" {
			break
		}
		neg := false
		switch rest[0] {
		case '-':
			neg, rest = true, rest[1:]
		case '+':
			rest = rest[1:]
		}
		if i := strings.IndexByte(rest, ':'); i > 0 && !strings.ContainsAny(rest[:i], " \t\"") {
			field := strings.ToLower(rest[:i])
			rest = rest[i+1:]
			if field == "date" {
				_, rest, _ = strings.Cut(rest, " ")
				continue
			}
		}
		var word string
		if strings.HasPrefix(rest, `"`) {
			end := strings.IndexByte(rest[1:], '"')
			if end < 0 {
				word, rest = rest[1:], ""
			} else {
				word, rest = rest[1:end+1], rest[end+2:]
			}
		} else {
			end := strings.IndexFunc(rest, unicode.IsSpace)
			if end < 0 {
				end = len(rest)
			}
			word, rest = rest[:end], rest[end:]
		}
		if word == "OR" || word == "AND" || word == "NOT" {
			continue
		}
		prefix := strings.HasSuffix(word, "*")
		if i := strings.IndexAny(word, "^~"); i >= 0 {
			word = word[:i]
		}
		word = strings.Join(strings.FieldsFunc(strings.ToLower(word), func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r)
		}), " ")
		if word == "" {
			continue
		}
		if neg {
			excluded = append(excluded, word)
			continue
		}
		terms = append(terms, term{text: word, prefix: prefix})
	}
	if asYouType && len(terms) > 0 && !strings.HasSuffix(q, " ") {
		terms[len(terms)-1].prefix = true
	}
	return terms, excluded
}
