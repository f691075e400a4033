package index

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// QueryError is a query that could not be understood. Its message says what
// is wrong in plain words; callers may show it and fall back to searching the
// words literally (Request.Literal).
type QueryError struct {
	// Query is the query as typed.
	Query string
	// Pos is the byte offset in Query where the problem is.
	Pos int
	// Msg describes the problem.
	Msg string
}

// Error returns the message with the column (counted in characters, from 1)
// where the problem is.
func (e *QueryError) Error() string {
	col := utf8.RuneCountInString(e.Query[:min(max(e.Pos, 0), len(e.Query))]) + 1
	return fmt.Sprintf("%s (at column %d)", e.Msg, col)
}

// maxClauses bounds the number of words in one query.
const maxClauses = 64

type clauseKind int

const (
	kindWord clauseKind = iota
	kindPhrase
	kindPrefix
	kindWildcard
	kindFuzzy
	kindDate
	kindOr
)

// clause is one part of a parsed query: a word, phrase, pattern or date
// range, possibly required (+), excluded (-), limited to a field or boosted;
// or an OR group of such parts.
type clause struct {
	op        byte // 0, '+' or '-'
	field     string
	kind      clauseKind
	text      string
	fuzziness int
	boost     float64
	from, to  time.Time // date range [from, to); zero means open
	pos, end  int
	source    string // the clause as typed
	asYouType bool   // the last word, still being typed: prefix-match it too
	wild      []int  // byte offsets in text of the wildcards (* ?)
	alts      []clause
}

// fieldAliases maps the field names a user may type to the canonical ones.
var fieldAliases = map[string]string{
	"title": "title", "heading": "heading", "section": "heading", "body": "body", "text": "body",
	"tag": "tag", "tags": "tag", "author": "author", "by": "author", "date": "date",
	"folder": "folder", "dir": "folder", "lang": "lang", "language": "lang",
}

const knownFields = "title:, heading: (or section:), body:, tag:, author:, date:, folder: and lang:"

// parseQuery splits a query into clauses. With asYouType, an unfinished end
// (an open quote, a field name without a value, a lone + or -, a trailing
// OR) is forgiven, and a plain last word not followed by a space is marked
// for prefix matching.
func parseQuery(q string, asYouType bool) ([]clause, error) {
	p := &parser{q: q, asYouType: asYouType}
	var raw []clause
	var orAt []int // indexes in raw after which an OR stands
	for {
		p.skipSpace()
		if p.i >= len(q) {
			break
		}
		start := p.i
		if word := p.peekWord(); word == "OR" {
			p.i += 2
			if len(raw) == 0 {
				return nil, p.errAt(start, "OR must stand between two words, as in: ukraine OR russia")
			}
			if len(orAt) > 0 && orAt[len(orAt)-1] == len(raw)-1 && p.lastOR {
				return nil, p.errAt(start, "two ORs in a row: put a word between them")
			}
			orAt = append(orAt, len(raw)-1)
			p.lastOR = true
			continue
		}
		c, skip, err := p.clause()
		if err != nil {
			return nil, err
		}
		p.lastOR = false
		if skip {
			continue
		}
		c.source = q[c.pos:c.end]
		raw = append(raw, c)
		if len(raw) > maxClauses {
			return nil, p.errAt(start, fmt.Sprintf("the query has more than %d words; shorten it", maxClauses))
		}
	}
	if p.lastOR {
		if !asYouType {
			return nil, p.errAt(len(q), "OR must stand between two words, as in: ukraine OR russia")
		}
		orAt = orAt[:len(orAt)-1]
	}
	if asYouType && len(raw) > 0 && raw[len(raw)-1].end == len(q) {
		last := &raw[len(raw)-1]
		if last.kind == kindWord && !filterFields[last.field] && last.op != '-' {
			last.asYouType = true
		}
	}
	return groupOR(q, raw, orAt)
}

// groupOR joins the clauses on either side of each OR into one group.
func groupOR(q string, raw []clause, orAt []int) ([]clause, error) {
	isOR := make(map[int]bool, len(orAt))
	for _, i := range orAt {
		isOR[i] = true
	}
	var out []clause
	for i := 0; i < len(raw); i++ {
		if !isOR[i] {
			out = append(out, raw[i])
			continue
		}
		group := clause{kind: kindOr, pos: raw[i].pos}
		for ; ; i++ {
			if raw[i].op != 0 {
				return nil, &QueryError{Query: q, Pos: raw[i].pos,
					Msg: "OR cannot join words marked with + or -; remove the sign or the OR"}
			}
			group.alts = append(group.alts, raw[i])
			if !isOR[i] || i+1 >= len(raw) {
				break
			}
		}
		group.end = group.alts[len(group.alts)-1].end
		group.source = q[group.pos:group.end]
		out = append(out, group)
	}
	positive := false
	for _, c := range out {
		if c.op != '-' {
			positive = true
		}
	}
	if len(out) > 0 && !positive {
		return nil, &QueryError{Query: q, Pos: out[0].pos,
			Msg: "the query only excludes words (with -); add at least one word to look for"}
	}
	return out, nil
}

type parser struct {
	q         string
	i         int
	asYouType bool
	lastOR    bool
}

func (p *parser) errAt(pos int, msg string) error {
	return &QueryError{Query: p.q, Pos: pos, Msg: msg}
}

func (p *parser) skipSpace() {
	for p.i < len(p.q) {
		r, n := utf8.DecodeRuneInString(p.q[p.i:])
		if !unicode.IsSpace(r) {
			return
		}
		p.i += n
	}
}

func (p *parser) atSpaceOrEnd(i int) bool {
	if i >= len(p.q) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(p.q[i:])
	return unicode.IsSpace(r)
}

// peekWord returns the run of non-space characters at the cursor.
func (p *parser) peekWord() string {
	j := p.i
	for !p.atSpaceOrEnd(j) {
		_, n := utf8.DecodeRuneInString(p.q[j:])
		j += n
	}
	return p.q[p.i:j]
}

// clause parses one clause at the cursor. skip is true when the clause is an
// unfinished end forgiven in as-you-type mode, or a lone + or - (a dash
// between words, as in "2014 - 2022").
func (p *parser) clause() (c clause, skip bool, err error) {
	c.pos = p.i
	if ch := p.q[p.i]; ch == '+' || ch == '-' {
		if p.atSpaceOrEnd(p.i + 1) {
			p.i++
			return c, true, nil
		}
		c.op = ch
		p.i++
		if next := p.q[p.i]; next == '+' || next == '-' {
			return c, false, p.errAt(p.i, "use either + (must contain) or - (must not contain) before a word, not both")
		}
	}
	if name, ok := p.fieldName(); ok {
		canonical, known := fieldAliases[strings.ToLower(name)]
		colon := p.i + len(name)
		if !known {
			return c, false, p.errAt(p.i, fmt.Sprintf("there is no field %q; the fields are %s (to search for the text itself, put it in quotes)", name+":", knownFields))
		}
		if p.atSpaceOrEnd(colon + 1) {
			if p.asYouType && p.restIsSpace(colon+1) {
				p.i = len(p.q)
				return c, true, nil
			}
			return c, false, p.errAt(colon+1, fmt.Sprintf("%q needs a word or a \"phrase\" right after the colon, as in %s:ukraine", name+":", strings.ToLower(name)))
		}
		c.field = canonical
		p.i = colon + 1
		if listFields[c.field] && p.q[p.i] != '"' && strings.Contains(p.peekWord(), ",") {
			err = p.valueList(&c)
			c.end = p.i
			return c, false, err
		}
	}
	switch {
	case c.field == "date":
		err = p.dateValue(&c)
	case p.q[p.i] == '"':
		var unfinished bool
		unfinished, err = p.phrase(&c)
		if unfinished {
			return c, false, nil
		}
	default:
		err = p.term(&c)
	}
	c.end = p.i
	return c, false, err
}

func (p *parser) restIsSpace(i int) bool {
	return strings.TrimSpace(p.q[i:]) == ""
}

// fieldName returns the letters before a colon at the cursor, if the word
// there looks like "name:value". "10:30" and "https://..." are not fields.
func (p *parser) fieldName() (string, bool) {
	j := p.i
	for j < len(p.q) && (p.q[j] >= 'a' && p.q[j] <= 'z' || p.q[j] >= 'A' && p.q[j] <= 'Z' || p.q[j] == '_') {
		j++
	}
	if j == p.i || j >= len(p.q) || p.q[j] != ':' {
		return "", false
	}
	if strings.HasPrefix(p.q[j:], "://") {
		return "", false
	}
	return p.q[p.i:j], true
}

// phrase parses a quoted phrase. In as-you-type mode an unclosed phrase is
// closed at the end of the query.
func (p *parser) phrase(c *clause) (unfinished bool, err error) {
	start := p.i
	var sb strings.Builder
	i := p.i + 1
	for ; i < len(p.q) && p.q[i] != '"'; i++ {
		if p.q[i] == '\\' && i+1 < len(p.q) {
			i++
		}
		sb.WriteByte(p.q[i])
	}
	c.kind, c.text = kindPhrase, sb.String()
	if i >= len(p.q) {
		if p.asYouType {
			p.i = len(p.q)
			c.end = p.i
			return false, nil
		}
		return false, p.errAt(start, "the phrase that starts here has no closing quote (\"); add one where the phrase ends")
	}
	p.i = i + 1
	if strings.TrimSpace(c.text) == "" {
		return false, p.errAt(start, "the quotes are empty; put the words of a phrase between them")
	}
	suffix := p.peekWord()
	switch {
	case suffix == "":
	case suffix[0] == '~':
		return false, p.errAt(p.i, "~ (fuzzy) works on single words, not on phrases")
	case suffix[0] == '^':
		c.boost, err = p.parseBoost(suffix[1:], p.i)
		p.i += len(suffix)
	default:
		return false, p.errAt(p.i, "put a space after the closing quote of a phrase")
	}
	return false, err
}

// term parses a word, a word with wildcards, or a fuzzy word.
func (p *parser) term(c *clause) error {
	start := p.i
	word := p.peekWord()
	p.i += len(word)
	if i := strings.LastIndexByte(word, '^'); i > 0 && !escaped(word, i) {
		boost, err := p.parseBoost(word[i+1:], start+i)
		if err != nil {
			return err
		}
		c.boost, word = boost, word[:i]
	}
	c.kind = kindWord
	if i := strings.LastIndexByte(word, '~'); i > 0 && !escaped(word, i) {
		n := 1
		if digits := word[i+1:]; digits != "" {
			v, err := strconv.Atoi(digits)
			if err != nil || v < 0 || v > 2 {
				return p.errAt(start+i, fmt.Sprintf("after ~ write how many letters may differ: 1 or 2, not %q", digits))
			}
			n = v
		}
		c.kind, c.fuzziness, word = kindFuzzy, n, word[:i]
	}
	text, wild := unescape(word)
	c.text, c.wild = text, wild
	if len(wild) > 0 {
		switch {
		case c.kind == kindFuzzy:
			return p.errAt(start, "a word can be fuzzy (~) or have wildcards (* ?), not both")
		case wild[0] == 0:
			return p.errAt(start, "a wildcard needs at least one letter before it, as in korea*")
		case len(wild) == 1 && wild[0] == len(text)-1 && text[wild[0]] == '*':
			c.kind, c.text = kindPrefix, text[:len(text)-1]
		default:
			c.kind = kindWildcard
		}
	}
	if c.text == "" {
		return p.errAt(start, "a sign needs a word: write it right before the word, as in -russia")
	}
	return nil
}

// escaped reports whether the byte at i is preceded by an odd number of
// backslashes.
func escaped(s string, i int) bool {
	n := 0
	for j := i - 1; j >= 0 && s[j] == '\\'; j-- {
		n++
	}
	return n%2 == 1
}

// unescape removes backslash escapes. It returns the byte offsets in the
// result of the unescaped wildcards (* and ?).
func unescape(word string) (text string, wild []int) {
	var sb strings.Builder
	for i := 0; i < len(word); i++ {
		ch := word[i]
		if ch == '\\' && i+1 < len(word) {
			i++
			sb.WriteByte(word[i])
			continue
		}
		if ch == '*' || ch == '?' {
			wild = append(wild, sb.Len())
		}
		sb.WriteByte(ch)
	}
	return sb.String(), wild
}

func (p *parser) parseBoost(s string, pos int) (float64, error) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v <= 0 || v > 1000 {
		return 0, p.errAt(pos, fmt.Sprintf("after ^ write a positive number to weigh the word, as in title:ukraine^2, not %q", s))
	}
	return v, nil
}
