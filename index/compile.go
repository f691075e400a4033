package index

import (
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search/query"
)

// dateValue parses the value of date:, one of 2024, 2024-11, 2024-11-21
// (that whole year, month or day), >D, >=D, <D, <=D, or D..D with either
// side open.
func (p *parser) dateValue(c *clause) error {
	start := p.i
	word := p.peekWord()
	p.i += len(word)
	c.kind = kindDate
	bad := func(s string) error {
		return p.errAt(start, fmt.Sprintf("%q is not a date; write dates as 2024, 2024-11 or 2024-11-21, as in date:>=2024-06 or date:2023..2024", s))
	}
	period := func(s string) (time.Time, time.Time, error) {
		for _, layout := range []struct {
			format string
			years  int
			months int
			days   int
		}{{"2006-01-02", 0, 0, 1}, {"2006-01", 0, 1, 0}, {"2006", 1, 0, 0}} {
			if t, err := time.Parse(layout.format, s); err == nil && len(s) == len(layout.format) {
				return t, t.AddDate(layout.years, layout.months, layout.days), nil
			}
		}
		return time.Time{}, time.Time{}, bad(s)
	}
	var err error
	switch {
	case strings.HasPrefix(word, ">="):
		c.from, _, err = period(word[2:])
	case strings.HasPrefix(word, ">"):
		_, c.from, err = period(word[1:])
	case strings.HasPrefix(word, "<="):
		_, c.to, err = period(word[2:])
	case strings.HasPrefix(word, "<"):
		c.to, _, err = period(word[1:])
	case strings.Contains(word, ".."):
		lo, hi, _ := strings.Cut(word, "..")
		if lo == "" && hi == "" {
			return bad(word)
		}
		if lo != "" {
			if c.from, _, err = period(lo); err != nil {
				return err
			}
		}
		if hi != "" {
			_, c.to, err = period(hi)
		}
	default:
		c.from, c.to, err = period(word)
	}
	if err != nil {
		return err
	}
	if !c.from.IsZero() && !c.to.IsZero() && !c.from.Before(c.to) {
		return p.errAt(start, fmt.Sprintf("the date range %q is empty: its start comes after its end", word))
	}
	return nil
}

// weighted is a field searched by default, with its boost.
type weighted struct {
	field string
	boost float64
}

// Default fields: a match in the title or a heading counts more than one in
// the body.
var (
	stemmedFields = []weighted{{fieldTitle, 3}, {fieldHeading, 2}, {fieldBody, 1}}
	exactFields   = []weighted{{fieldTitleX, 3}, {fieldHeadingX, 2}, {fieldBodyX, 1}}
)

// fieldsFor returns the stemmed and the unstemmed fields a clause searches.
func fieldsFor(field string) (stemmed, exact []weighted) {
	switch field {
	case "title":
		return []weighted{{fieldTitle, 1}}, []weighted{{fieldTitleX, 1}}
	case "heading":
		return []weighted{{fieldHeading, 1}}, []weighted{{fieldHeadingX, 1}}
	case "body":
		return []weighted{{fieldBody, 1}}, []weighted{{fieldBodyX, 1}}
	case "author":
		return []weighted{{fieldAuthor, 1}}, []weighted{{fieldAuthor, 1}}
	}
	if useAllField {
		return []weighted{{fieldAll, 1}}, exactFields
	}
	return stemmedFields, exactFields
}

var (
	analyzersOnce          sync.Once
	textAnalyzer, exactAnl analysis.Analyzer
	analyzersErr           error
)

// queryAnalyzers returns the analyzers used at index time, to analyze query
// words the same way.
func queryAnalyzers() (analysis.Analyzer, analysis.Analyzer, error) {
	analyzersOnce.Do(func() {
		m, err := newMapping()
		if err != nil {
			analyzersErr = err
			return
		}
		textAnalyzer, exactAnl = m.AnalyzerNamed(analyzerText), m.AnalyzerNamed(analyzerExact)
		if textAnalyzer == nil || exactAnl == nil {
			analyzersErr = fmt.Errorf("index analyzers are not registered")
		}
	})
	return textAnalyzer, exactAnl, analyzersErr
}

// compiled is a clause turned into a bleve query. stopOnly is true when
// every word of it was a stop word, so it was searched unstemmed instead.
type compiled struct {
	q        query.Query
	stopOnly bool
}

// compileClauses turns parsed clauses into one bleve query, or nil when
// nothing is left to search for (only punctuation, say).
func compileClauses(clauses []clause) (query.Query, error) {
	text, exact, err := queryAnalyzers()
	if err != nil {
		return nil, err
	}
	var must, mustNot []compiled
	for _, c := range clauses {
		cq := compileClause(c, text, exact)
		if cq.q == nil {
			continue
		}
		if c.op == '-' {
			mustNot = append(mustNot, cq)
		} else {
			must = append(must, cq)
		}
	}
	// Stop words are dropped when other words remain, and searched as
	// typed when the query has nothing else ("the who").
	var kept []query.Query
	for _, cq := range must {
		if !cq.stopOnly {
			kept = append(kept, cq.q)
		}
	}
	if len(kept) == 0 {
		for _, cq := range must {
			kept = append(kept, cq.q)
		}
	}
	if len(kept) == 0 {
		return nil, nil
	}
	var not []query.Query
	for _, cq := range mustNot {
		not = append(not, cq.q)
	}
	if len(not) == 0 {
		return bleve.NewConjunctionQuery(kept...), nil
	}
	return query.NewBooleanQuery(kept, nil, not), nil
}

func compileClause(c clause, text, exact analysis.Analyzer) compiled {
	stemmed, unstemmed := fieldsFor(c.field)
	var out compiled
	switch c.kind {
	case kindOr:
		var alts []query.Query
		for _, a := range c.alts {
			if cq := compileClause(a, text, exact); cq.q != nil {
				alts = append(alts, cq.q)
			}
		}
		if len(alts) > 0 {
			out.q = bleve.NewDisjunctionQuery(alts...)
		}
	case kindDate:
		var from, to time.Time
		from, to = c.from, c.to
		inc, exc := true, false
		out.q = query.NewDateRangeInclusiveQuery(from, to, &inc, &exc)
		out.q.(*query.DateRangeQuery).SetField(fieldDate)
	case kindWord, kindPhrase:
		if c.field == "tag" {
			out.q = termQuery(fieldTag, fold(strings.TrimSpace(c.text)), 1)
			break
		}
		if c.asYouType && len([]rune(c.text)) < 2 {
			return compiled{} // too short to narrow anything down yet
		}
		an := text
		if c.field == "author" {
			an = exact
		}
		tokens := an.Analyze([]byte(c.text))
		fields := stemmed
		if len(tokens) == 0 {
			tokens, fields = exact.Analyze([]byte(c.text)), unstemmed
			out.stopOnly = true
		}
		if len(tokens) == 0 {
			return compiled{}
		}
		out.q = tokensQuery(tokens, fields)
		if c.asYouType {
			prefix := patternQuery(kindPrefix, fold(c.text), unstemmed, c.field)
			out.q = bleve.NewDisjunctionQuery(out.q, prefix)
			out.stopOnly = false
		}
	case kindPrefix, kindWildcard, kindFuzzy:
		t := fold(c.text)
		if c.field == "tag" {
			unstemmed = []weighted{{fieldTag, 1}}
		}
		if c.kind == kindFuzzy {
			out.q = fuzzyQuery(t, c.fuzziness, unstemmed, c.field)
		} else {
			out.q = patternQuery(c.kind, t, unstemmed, c.field)
		}
	}
	if out.q != nil && c.boost > 0 {
		if b, ok := out.q.(query.BoostableQuery); ok {
			b.SetBoost(c.boost)
		}
	}
	return out
}

// tokensQuery matches analyzed tokens in any of the fields: one token is a
// term, several (a phrase, or a CJK word split into bigrams) a phrase.
func tokensQuery(tokens analysis.TokenStream, fields []weighted) query.Query {
	var alts []query.Query
	if len(tokens) == 1 {
		for _, f := range fields {
			alts = append(alts, termQuery(f.field, string(tokens[0].Term), f.boost))
		}
	} else {
		phrase := tokensToPhrase(tokens)
		for _, f := range fields {
			pq := query.NewMultiPhraseQuery(phrase, f.field)
			pq.SetBoost(f.boost)
			alts = append(alts, pq)
		}
	}
	if len(alts) == 1 {
		return alts[0]
	}
	return bleve.NewDisjunctionQuery(alts...)
}

// tokensToPhrase lays tokens out by position; positions left empty by
// removed stop words match any word.
func tokensToPhrase(tokens analysis.TokenStream) [][]string {
	first, last := tokens[0].Position, tokens[0].Position
	for _, t := range tokens {
		first, last = min(first, t.Position), max(last, t.Position)
	}
	phrase := make([][]string, last-first+1)
	for _, t := range tokens {
		phrase[t.Position-first] = append(phrase[t.Position-first], string(t.Term))
	}
	return phrase
}

func termQuery(field, term string, boost float64) query.Query {
	q := bleve.NewTermQuery(term)
	q.SetField(field)
	q.SetBoost(boost)
	return q
}

// patternQuery builds a prefix or wildcard query over the unstemmed fields.
// The author field is unstemmed already.
func patternQuery(kind clauseKind, t string, fields []weighted, field string) query.Query {
	if field == "author" {
		fields = []weighted{{fieldAuthor, 1}}
	}
	var alts []query.Query
	for _, f := range fields {
		var q query.FieldableQuery
		switch kind {
		case kindWildcard:
			q = bleve.NewWildcardQuery(t)
		default:
			q = bleve.NewPrefixQuery(t)
		}
		q.SetField(f.field)
		q.(query.BoostableQuery).SetBoost(f.boost)
		alts = append(alts, q)
	}
	return bleve.NewDisjunctionQuery(alts...)
}

// fuzzyQuery matches words within fuzziness edits of t in the unstemmed
// fields.
func fuzzyQuery(t string, fuzziness int, fields []weighted, field string) query.Query {
	if field == "author" {
		fields = []weighted{{fieldAuthor, 1}}
	}
	var alts []query.Query
	for _, f := range fields {
		q := bleve.NewFuzzyQuery(t)
		q.SetFuzziness(fuzziness)
		q.SetField(f.field)
		q.SetBoost(f.boost)
		alts = append(alts, q)
	}
	return bleve.NewDisjunctionQuery(alts...)
}
