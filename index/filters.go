package index

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2/search/query"
)

// Filters: tag:, folder:, lang: and date: keep sections by what their
// briefing is. A field that takes a list reads tag:nato,ukraine as either
// tag; an OR of fielded clauses is required, as each of them alone is.
//
// Filters in the query text. The search screen offers filters chosen from
// facets, and writes them into the query box as syntax (tag:nato
// tag:ukraine date:2024), so that what is on screen can be typed, edited
// and saved. These functions read and edit that text.

// listFields take several values separated by commas, any of which will do:
// tag:nato,ukraine is tag:nato OR tag:ukraine.
var listFields = map[string]bool{"tag": true, "folder": true, "lang": true, "date": true}

// filterFields keep sections by what their briefing is, not by their words:
// they are never best-match words, and are not typed as prefixes.
var filterFields = map[string]bool{"tag": true, "folder": true, "lang": true, "date": true}

// valueList parses the values of a field that takes a list, tag:nato,ukraine,
// into an OR group of one clause per value. Empty values (a comma typed
// last) are left out.
func (p *parser) valueList(c *clause) error {
	start := p.i
	word := p.peekWord()
	p.i += len(word)
	c.kind = kindOr
	at := start
	for part := range strings.SplitSeq(word, ",") {
		if part != "" {
			alt := clause{field: c.field, pos: at, end: at + len(part), source: c.field + ":" + part}
			if c.field == "date" {
				var err error
				if alt.from, alt.to, err = p.dateRange(part, at); err != nil {
					return err
				}
				alt.kind = kindDate
			} else {
				text, _ := unescape(part)
				alt.kind, alt.text = kindWord, text
			}
			c.alts = append(c.alts, alt)
		}
		at += len(part) + 1
	}
	if len(c.alts) == 0 {
		return p.errAt(start, fmt.Sprintf("%q needs a value between the commas, as in %s:nato,ukraine", c.field+":", c.field))
	}
	return nil
}

// fielded reports whether c is an OR group of clauses that each have a
// field (tag:nato OR tag:ukraine): required, as each of them alone is.
func fielded(c clause) bool {
	if c.kind != kindOr {
		return false
	}
	for _, a := range c.alts {
		if a.field == "" {
			return false
		}
	}
	return true
}

// isFilter reports whether c keeps sections by what their briefing is (its
// tags, folder, language or date), alone or in an OR group.
func isFilter(c clause) bool {
	if c.kind == kindOr {
		for _, a := range c.alts {
			if !filterFields[a.field] {
				return false
			}
		}
		return len(c.alts) > 0
	}
	return filterFields[c.field]
}

// filterQuery is the query of a word or phrase in a filter field (tag:,
// folder:, lang:), or nil for other clauses. A folder is named from the
// library root, with or without slashes around it.
func filterQuery(c clause) query.Query {
	switch c.field {
	case "tag":
		return termQuery(fieldTag, fold(strings.TrimSpace(c.text)), 1)
	case "folder":
		return termQuery(fieldFolder, fold(strings.Trim(strings.TrimSpace(c.text), "/")), 0)
	case "lang":
		return termQuery(fieldLang, strings.ToLower(strings.TrimSpace(c.text)), 0)
	}
	return nil
}

// Filter is a filter written in a query: a field (tag, folder, lang,
// author or date) and its values. Several values are alternatives
// (tag:nato,ukraine or tag:nato OR tag:ukraine).
type Filter struct {
	Field  string
	Values []string
	// Pos and End are the byte range of the filter in the query.
	Pos, End int
}

// filterable are the fields the screen edits as filters.
var filterable = map[string]bool{"tag": true, "folder": true, "lang": true, "author": true, "date": true}

// QueryFilters returns the filters a query has, in order: the clauses with
// a filter field and no sign. A query that cannot be read has none.
func QueryFilters(q string) []Filter {
	clauses, err := parseQuery(q, true)
	if err != nil {
		return nil
	}
	var out []Filter
	for _, c := range clauses {
		if c.op != 0 {
			continue
		}
		if f, ok := filterOf(c); ok {
			out = append(out, f)
		}
	}
	return out
}

// filterOf reads a clause as a filter.
func filterOf(c clause) (Filter, bool) {
	f := Filter{Pos: c.pos, End: c.end}
	alts := []clause{c}
	if c.kind == kindOr {
		alts = c.alts
	}
	for _, a := range alts {
		if a.op != 0 || !filterable[a.field] || (f.Field != "" && a.field != f.Field) {
			return Filter{}, false
		}
		f.Field = a.field
		f.Values = append(f.Values, filterValue(a))
	}
	return f, f.Field != ""
}

// filterValue is a filter clause's value as written: the text of a word or
// phrase, the date as typed.
func filterValue(c clause) string {
	if c.kind == kindDate {
		_, v, _ := strings.Cut(c.source, ":")
		return v
	}
	return c.text
}

// ToggleFilter adds field:value to a query, or removes it (wherever it is)
// when the query has it. With anyOf, a value added to a field the query filters by
// already joins that filter as an alternative (tag:nato,ukraine); else it
// is a filter of its own, which sections need as well (tag:nato
// tag:ukraine).
func ToggleFilter(q, field, value string, anyOf bool) string {
	filters := QueryFilters(q)
	if HasFilter(q, field, value) {
		// Every mention goes, the last first so that the earlier
		// positions hold.
		for i := len(filters) - 1; i >= 0; i-- {
			f := filters[i]
			if f.Field != field {
				continue
			}
			var rest []string
			for _, v := range f.Values {
				if !sameValue(field, v, value) {
					rest = append(rest, v)
				}
			}
			if len(rest) < len(f.Values) {
				q = splice(q, f.Pos, f.End, writeFilter(field, rest))
			}
		}
		return q
	}
	if anyOf {
		for _, f := range filters {
			if f.Field == field {
				return splice(q, f.Pos, f.End, writeFilter(field, append(append([]string(nil), f.Values...), value)))
			}
		}
	}
	return appendClause(q, writeFilter(field, []string{value}))
}

// GroupFilters rewrites the filters of a field as one filter of
// alternatives (anyOf) or as one filter per value, which sections need
// all of.
func GroupFilters(q, field string, anyOf bool) string {
	var values []string
	var mine []Filter
	for _, f := range QueryFilters(q) {
		if f.Field == field {
			mine = append(mine, f)
			values = append(values, f.Values...)
		}
	}
	if len(values) < 2 {
		return q
	}
	var parts []string
	if anyOf {
		parts = []string{writeFilter(field, values)}
	} else {
		for _, v := range values {
			parts = append(parts, writeFilter(field, []string{v}))
		}
	}
	// The first filter of the field takes the new text; the others go.
	for i := len(mine) - 1; i > 0; i-- {
		q = splice(q, mine[i].Pos, mine[i].End, "")
	}
	return splice(q, mine[0].Pos, mine[0].End, strings.Join(parts, " "))
}

// HasFilter reports whether a query filters by field:value.
func HasFilter(q, field, value string) bool {
	for _, f := range QueryFilters(q) {
		if f.Field == field {
			for _, v := range f.Values {
				if sameValue(field, v, value) {
					return true
				}
			}
		}
	}
	return false
}

func sameValue(field, a, b string) bool {
	if field == "folder" {
		a, b = strings.Trim(a, "/"), strings.Trim(b, "/")
	}
	return fold(strings.TrimSpace(a)) == fold(strings.TrimSpace(b))
}

// writeFilter writes a filter with its values: tag:nato, tag:nato,ukraine,
// or, when a value needs quotes, author:"Jane Doe" OR author:"Min Park".
// No values write nothing.
func writeFilter(field string, values []string) string {
	if len(values) == 0 {
		return ""
	}
	bare := listFields[field]
	for _, v := range values {
		if quoteValue(v) != v {
			bare = false
		}
	}
	if bare {
		return field + ":" + strings.Join(values, ",")
	}
	parts := make([]string, len(values))
	for i, v := range values {
		parts[i] = field + ":" + quoteValue(v)
	}
	return strings.Join(parts, " OR ")
}

// quoteValue puts a value in quotes when it would not read back as one
// word: spaces, commas, quotes, wildcards and other syntax, a leading
// sign, or the word OR.
func quoteValue(v string) string {
	bare := v != "" && v != "OR" && v[0] != '+' && v[0] != '-' &&
		strings.IndexFunc(v, unicode.IsSpace) < 0 && !strings.ContainsAny(v, ",\"\\*?~^:") &&
		!strings.HasPrefix(v, "//") // tag:// reads as a web address
	if bare {
		return v
	}
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(v) + `"`
}

// splice replaces q[pos:end] with text, leaving one space between what is
// left on either side.
func splice(q string, pos, end int, text string) string {
	before, after := strings.TrimRight(q[:pos], " "), strings.TrimLeft(q[end:], " ")
	parts := make([]string, 0, 3)
	for _, p := range []string{before, text, after} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " ")
}

// appendClause adds a clause at the end of a query.
func appendClause(q, clause string) string {
	q = strings.TrimRight(q, " ")
	if q == "" {
		return clause
	}
	return q + " " + clause
}
