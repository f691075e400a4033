package index

import (
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search/query"
)

// weighted is a field searched by default, with its boost and the kind of
// text it holds.
type weighted struct {
	field string
	boost float64
	kind  fieldKind
}

// Default fields: a match in the title or a heading counts more than one in
// the body.
var (
	stemmedFields = []weighted{{fieldTitle, 3, kindTitle}, {fieldHeading, 2, kindHeading}, {fieldBody, 1, kindBody}}
	exactFields   = []weighted{{fieldTitleX, 3, kindTitle}, {fieldHeadingX, 2, kindHeading}, {fieldBodyX, 1, kindBody}}
)

// fieldsFor returns the stemmed and the unstemmed fields a clause searches.
func fieldsFor(field string) (stemmed, exact []weighted) {
	switch field {
	case "title":
		return []weighted{{fieldTitle, 1, kindTitle}}, []weighted{{fieldTitleX, 1, kindTitle}}
	case "heading":
		return []weighted{{fieldHeading, 1, kindHeading}}, []weighted{{fieldHeadingX, 1, kindHeading}}
	case "body":
		return []weighted{{fieldBody, 1, kindBody}}, []weighted{{fieldBodyX, 1, kindBody}}
	case "author":
		return []weighted{{fieldAuthor, 1, kindTitle}}, []weighted{{fieldAuthor, 1, kindTitle}}
	}
	return stemmedFields, exactFields
}

// inLanguage returns the fields of a language: body_de for body in German.
func inLanguage(fields []weighted, code string) []weighted {
	suffix := langSuffix(code)
	if suffix == "" {
		return fields
	}
	out := make([]weighted, len(fields))
	for i, f := range fields {
		out[i] = f
		if f.field == fieldTitle || f.field == fieldHeading || f.field == fieldBody {
			out[i].field += suffix
		}
	}
	return out
}

// queryAnalyzers returns the default stemming analyzer and the exact one,
// as the index uses them, to analyze query words the same way.
func queryAnalyzers() (analysis.Analyzer, analysis.Analyzer, error) {
	m, err := sharedMapping()
	if err != nil {
		return nil, nil, err
	}
	text, exact := m.AnalyzerNamed(analyzerText), m.AnalyzerNamed(analyzerExact)
	if text == nil || exact == nil {
		return nil, nil, fmt.Errorf("index analyzers are not registered")
	}
	return text, exact, nil
}

// compileClauses sorts parsed clauses into a rankedQuery. Plain words (and
// OR groups and patterns written without a field) are best-match words: a
// section needs one of them. Phrases, words with a field, +words and dates
// are required; -words are excluded. Stop words are dropped when other
// words remain, and searched as typed when the query has nothing else ("the
// who"). The result is empty when nothing is left to search for (only
// punctuation, say).
//
// langs are the languages of the sections searched ("" for English and the
// default): a word is looked up as each of them stems it, in its fields.
func compileClauses(clauses []clause, langs []string) (*rankedQuery, error) {
	if len(langs) == 0 {
		langs = []string{""}
	}
	text, exact, err := queryAnalyzers()
	if err != nil {
		return nil, err
	}
	rq := &rankedQuery{}
	var split []clause
	for _, c := range clauses {
		split = append(split, splitCompound(c, text)...)
	}
	for _, c := range split {
		g := compileClause(c, langs, exact)
		if len(g.alts) == 0 {
			continue
		}
		switch {
		case c.op == '-':
			rq.not = append(rq.not, g)
		case c.op == '+' || c.field != "" || c.kind == kindPhrase || c.kind == kindDate || fielded(c):
			rq.must = append(rq.must, g)
		default:
			rq.groups = append(rq.groups, g)
		}
	}
	if hasContent(rq.must) || hasContent(rq.groups) {
		rq.must, rq.groups = withoutStopOnly(rq.must), withoutStopOnly(rq.groups)
	}
	return rq, nil
}

// splitCompound splits a plain word that is several words to the index
// ("shock-sound", "real-gas", "U.S.-led") into one clause per word, each a
// best-match word of its own: the proximity bonus still favours sections
// that have them side by side. Words in quotes stay phrases, and so do
// Chinese, Japanese and Korean words, which the index splits into pairs of
// characters.
func splitCompound(c clause, text analysis.Analyzer) []clause {
	if c.op != 0 || c.field != "" || c.kind != kindWord || c.asYouType {
		return []clause{c}
	}
	tokens := text.Analyze([]byte(c.text))
	if len(tokens) < 2 {
		return []clause{c}
	}
	var out []clause
	for _, t := range tokens {
		if t.Type == analysis.Ideographic || t.End > len(c.text) || t.Start >= t.End {
			return []clause{c}
		}
		part := c
		part.text, part.source = c.text[t.Start:t.End], c.text[t.Start:t.End]
		part.pos, part.end = c.pos+t.Start, c.pos+t.End
		out = append(out, part)
	}
	return out
}

func hasContent(gs []wordGroup) bool {
	for _, g := range gs {
		if !g.stopOnly {
			return true
		}
	}
	return false
}

func withoutStopOnly(gs []wordGroup) []wordGroup {
	var out []wordGroup
	for _, g := range gs {
		if !g.stopOnly {
			out = append(out, g)
		}
	}
	return out
}

// disjunction is any of qs; one query is itself.
func disjunction(qs []query.Query) query.Query {
	if len(qs) == 1 {
		return qs[0]
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// compileClause turns a clause into the queries that find it.
func compileClause(c clause, langs []string, exact analysis.Analyzer) wordGroup {
	stemmed, unstemmed := fieldsFor(c.field)
	out := wordGroup{text: c.source, filter: isFilter(c)}
	switch c.kind {
	case kindOr:
		out.stopOnly = true
		for _, a := range c.alts {
			if g := compileClause(a, langs, exact); len(g.alts) > 0 {
				out.alts = append(out.alts, g.alts...)
				out.words = append(out.words, g.words...)
				out.terms = append(out.terms, g.terms...)
				out.prefixes = append(out.prefixes, g.prefixes...)
				out.stopOnly = out.stopOnly && g.stopOnly
			}
		}
	case kindDate:
		inc, exc := true, false
		dq := query.NewDateRangeInclusiveQuery(c.from, c.to, &inc, &exc)
		dq.SetField(fieldDate)
		dq.SetBoost(0)
		out.alts = []query.Query{dq}
	case kindWord, kindPhrase:
		if q := filterQuery(c); q != nil {
			out.alts = []query.Query{q}
			break
		}
		if c.asYouType && len([]rune(c.text)) < 2 {
			return wordGroup{} // too short to narrow anything down yet
		}
		out.alts, out.terms = stemmedQueries(c.text, c.field, langs, stemmed)
		if len(out.alts) == 0 {
			tokens := exact.Analyze([]byte(c.text))
			if len(tokens) == 0 {
				return wordGroup{}
			}
			out.alts, out.terms = tokensQueries(tokens, unstemmed), tokenTerms(tokens, unstemmed)
			out.stopOnly = true
		}
		if w, ok := out.alts[0].(*wordQuery); ok {
			out.words = []*wordQuery{w}
		}
		if c.kind == kindWord && !c.asYouType && c.field != "author" {
			out.spelled = spelling(c, exact, out.terms)
		}
		if c.asYouType && c.field != "author" {
			// One walk over the word's stemmed postings and those of its
			// completions.
			complete := newCompletion(fold(c.text), unstemmed, nil)
			if w, ok := out.alts[0].(*wordQuery); ok && !out.stopOnly {
				complete.also = w.terms
				out.alts, out.words = out.alts[1:], nil
			}
			out.alts = append(out.alts, complete)
			out.prefixes = []string{fold(c.text)}
			out.stopOnly = false
		} else if c.asYouType {
			out.alts = append(out.alts, newCompletion(fold(c.text), authorOr(unstemmed, c.field), nil))
			out.prefixes = []string{fold(c.text)}
			out.stopOnly = false
		}
	case kindPrefix, kindWildcard, kindFuzzy:
		t := fold(c.text)
		switch c.field {
		case "tag":
			unstemmed = []weighted{{fieldTag, 1, kindTitle}}
		case "folder":
			unstemmed = []weighted{{fieldFolder, 0, kindTitle}}
		case "lang":
			unstemmed = []weighted{{fieldLang, 0, kindTitle}}
		}
		if c.kind == kindFuzzy {
			out.alts = []query.Query{newPattern(kindFuzzy, t, nil, c.fuzziness, authorOr(unstemmed, c.field))}
			out.fuzzy = true
		} else {
			text := t
			if c.kind == kindWildcard {
				text = c.text
			}
			out.alts = []query.Query{newPattern(c.kind, text, c.wild, 0, authorOr(unstemmed, c.field))}
			out.fuzzy = c.kind == kindWildcard
			if c.kind == kindPrefix {
				out.prefixes = []string{t}
			}
		}
	}
	if c.boost > 0 {
		for _, q := range out.alts {
			if b, ok := q.(query.BoostableQuery); ok {
				b.SetBoost(b.Boost() * c.boost)
			}
		}
	}
	return out
}

// stemmedQueries return the queries that find a word or phrase as each
// language stems it, in that language's fields, and the fields and terms
// that locate it. A word that is a stop word in every language gives none.
// All the one-term forms of a word make a single BM25F query: a section is
// in one language, so it scores the word once.
func stemmedQueries(text, field string, langs []string, fields []weighted) ([]query.Query, []fieldTerm) {
	if field == "author" {
		_, exact, err := queryAnalyzers()
		if err != nil {
			return nil, nil
		}
		tokens := exact.Analyze([]byte(text))
		return tokensQueries(tokens, fields), tokenTerms(tokens, fields)
	}
	var word []fieldTerm
	var phrases []query.Query
	var terms []fieldTerm
	for _, code := range langs {
		an := languageAnalyzer(code)
		if an == nil {
			continue
		}
		tokens := an.Analyze([]byte(text))
		if len(tokens) == 0 {
			continue
		}
		lf := inLanguage(fields, code)
		terms = append(terms, tokenTerms(tokens, lf)...)
		if len(tokens) == 1 {
			word = append(word, tokenTerms(tokens, lf)...)
		} else {
			phrases = append(phrases, tokensQueries(tokens, lf)...)
		}
	}
	var alts []query.Query
	if len(word) > 0 {
		alts = append(alts, newWordQuery(word))
	}
	return append(alts, phrases...), terms
}

// spelling returns a plain word's unstemmed form and place in the query,
// or nothing when it is not one word.
func spelling(c clause, exact analysis.Analyzer, forms []fieldTerm) spelled {
	tokens := exact.Analyze([]byte(c.text))
	i := strings.Index(c.source, c.text)
	if len(tokens) != 1 || i < 0 {
		return spelled{}
	}
	t := tokens[0]
	return spelled{term: string(t.Term), pos: c.pos + i + t.Start, end: c.pos + i + t.End, forms: forms}
}

// tokenTerms are the fields and terms of analyzed tokens.
func tokenTerms(tokens analysis.TokenStream, fields []weighted) []fieldTerm {
	var out []fieldTerm
	for _, f := range fields {
		for _, t := range tokens {
			out = append(out, fieldTerm{field: f.field, kind: f.kind, term: string(t.Term), weight: f.boost})
		}
	}
	return out
}

// tokensQueries match analyzed tokens in each of the fields: one token is
// a term, several (a phrase, or a CJK word split into bigrams) a phrase.
func tokensQueries(tokens analysis.TokenStream, fields []weighted) []query.Query {
	var alts []query.Query
	if len(tokens) == 1 {
		terms := make([]fieldTerm, len(fields))
		for i, f := range fields {
			terms[i] = fieldTerm{field: f.field, kind: f.kind, term: string(tokens[0].Term), weight: f.boost}
		}
		return []query.Query{newWordQuery(terms)}
	}
	phrase := tokensToPhrase(tokens)
	for _, f := range fields {
		alts = append(alts, &phraseQuery{field: f.field, kind: f.kind, weight: f.boost, slots: phrase})
	}
	return alts
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

// authorOr returns the fields a pattern of field looks in: the author
// field (unstemmed already) for author:, else fields.
func authorOr(fields []weighted, field string) []weighted {
	if field == "author" {
		return []weighted{{fieldAuthor, 1, kindTitle}}
	}
	return fields
}
