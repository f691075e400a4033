package index

import (
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/analysis/lang/da"
	"github.com/blevesearch/bleve/v2/analysis/lang/de"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/lang/es"
	"github.com/blevesearch/bleve/v2/analysis/lang/fi"
	"github.com/blevesearch/bleve/v2/analysis/lang/fr"
	"github.com/blevesearch/bleve/v2/analysis/lang/hu"
	"github.com/blevesearch/bleve/v2/analysis/lang/it"
	"github.com/blevesearch/bleve/v2/analysis/lang/nl"
	"github.com/blevesearch/bleve/v2/analysis/lang/no"
	"github.com/blevesearch/bleve/v2/analysis/lang/pt"
	"github.com/blevesearch/bleve/v2/analysis/lang/ro"
	"github.com/blevesearch/bleve/v2/analysis/lang/ru"
	"github.com/blevesearch/bleve/v2/analysis/lang/sv"
	"github.com/blevesearch/bleve/v2/analysis/lang/tr"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	bleveunicode "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/registry"
)

// Languages. Words are stemmed in the language of their briefing, so that
// "Dateien" finds "Datei" in a German briefing while an English briefing
// keeps English stems. A briefing's language is `lang:` in its front
// matter, or else the one whose stop words make up most of its text
// (detectLanguage). English, and every language without a stemmer here
// (Chinese, Japanese and Korean among them: they are split into pairs of
// characters instead), use the default analyzer and the plain field names
// (title, heading, body); each other language has its own analyzer and
// fields (body_de, …) in a document type of its own (section_de).

// language is a language with a stemmer of its own.
type language struct {
	code    string // ISO 639-1
	stop    string // bleve's stop word filter, and token map, of the language
	stemmer string // bleve's stemmer filter
}

// languages are the languages stemmed apart from English.
var languages = []language{
	{"da", da.StopName, da.SnowballStemmerName},
	{"de", de.StopName, de.SnowballStemmerName},
	{"es", es.StopName, es.SnowballStemmerName},
	{"fi", fi.StopName, fi.SnowballStemmerName},
	{"fr", fr.StopName, fr.SnowballStemmerName},
	{"hu", hu.StopName, hu.SnowballStemmerName},
	{"it", it.StopName, it.SnowballStemmerName},
	{"nl", nl.StopName, nl.SnowballStemmerName},
	{"no", no.StopName, no.SnowballStemmerName},
	{"pt", pt.StopName, pt.LightStemmerName},
	{"ro", ro.StopName, ro.SnowballStemmerName},
	{"ru", ru.StopName, ru.SnowballStemmerName},
	{"sv", sv.StopName, sv.SnowballStemmerName},
	{"tr", tr.StopName, tr.SnowballStemmerName},
}

// stemmed reports whether a language code has an analyzer of its own.
func stemmed(code string) bool {
	for _, l := range languages {
		if l.code == code {
			return true
		}
	}
	return false
}

// langSuffix is what the field names and the document type of a language
// end with: "" for English and the languages without a stemmer, "_de" for
// German.
func langSuffix(code string) string {
	if stemmed(code) {
		return "_" + code
	}
	return ""
}

// textAnalyzers returns the definitions of the stemming analyzers, by
// name: analyzerText for English and the default, analyzerText+suffix for
// each other language. Latin diacritics are folded before the English
// stemmer (English words rarely have them) and after the others, which
// need them to find the stem.
func textAnalyzers() map[string]map[string]any {
	defs := map[string]map[string]any{
		analyzerText: {
			"type":      custom.Name,
			"tokenizer": bleveunicode.Name,
			"token_filters": []string{cjk.WidthName, filterElide, filterFold, en.PossessiveName, lowercase.Name,
				cjk.BigramName, en.StopName, en.SnowballStemmerName},
		},
	}
	for _, l := range languages {
		defs[analyzerText+langSuffix(l.code)] = map[string]any{
			"type":      custom.Name,
			"tokenizer": bleveunicode.Name,
			"token_filters": []string{cjk.WidthName, filterElide, lowercase.Name, cjk.BigramName,
				l.stop, l.stemmer, filterFold},
		}
	}
	return defs
}

// languagesIn returns the codes of the languages that have documents in
// the indexes whose field names are given, "" (the default) first when it
// has.
func languagesIn(fields []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, f := range fields {
		rest, ok := strings.CutPrefix(f, fieldBody)
		if !ok {
			continue
		}
		code := strings.TrimPrefix(rest, "_")
		if rest != "" && !stemmed(code) {
			continue // body_x, or a field of no language of ours
		}
		if !seen[code] {
			seen[code] = true
			out = append(out, code)
		}
	}
	if !seen[""] {
		out = append(out, "") // queries are analyzed in English at least
	}
	sort.Strings(out) // "" first
	return out
}

// Language detection, by stop words: in running text a third or more of
// the words are the short function words of its language, which the stop
// lists hold, and few lists share many of them.

// detectSample is how many words of a text detectLanguage reads.
const detectSample = 400

var (
	stopOnce sync.Once
	// stopLangs maps a stop word to the languages whose list has it, as
	// bits: bit i for languages[i], bit len(languages) for English.
	stopLangs map[string]uint32
)

func loadStopWords() {
	stopLangs = map[string]uint32{}
	cache := registry.NewCache()
	add := func(name string, bit uint32) {
		tm, err := cache.TokenMapNamed(name)
		if err != nil {
			return
		}
		for w := range tm {
			stopLangs[w] |= bit
		}
	}
	for i, l := range languages {
		add(l.stop, 1<<i)
	}
	add(en.StopName, 1<<len(languages))
}

// detectLanguage returns the code of the language a text is written in
// when it is one stemmed apart from English, "" for English, and "" when
// it cannot tell: too few words, or two languages too close to call.
func detectLanguage(text string) string {
	if code := detectLanguageCode(text); code != "en" {
		return code
	}
	return ""
}

// detectLanguageCode is detectLanguage, with "en" for English: the code a
// briefing's sections carry for the language filter and facet.
func detectLanguageCode(text string) string {
	stopOnce.Do(loadStopWords)
	counts := make([]int, len(languages)+1)
	words := 0
	for w := range wordsOf(text) {
		words++
		if bits := stopLangs[w]; bits != 0 {
			for i := range counts {
				if bits&(1<<i) != 0 {
					counts[i]++
				}
			}
		}
		if words >= detectSample {
			break
		}
	}
	best, second := -1, -1
	for i, c := range counts {
		switch {
		case best < 0 || c > counts[best]:
			best, second = i, best
		case second < 0 || c > counts[second]:
			second = i
		}
	}
	// Running text has a fifth or more of stop words; the runner-up, a
	// neighbouring language, has clearly fewer.
	if words < 8 || counts[best]*5 < words || counts[best]*4 < counts[second]*5 {
		return ""
	}
	if best == len(languages) {
		return "en"
	}
	return languages[best].code
}

// wordsOf yields the lower-cased words of a text.
func wordsOf(text string) func(func(string) bool) {
	return func(yield func(string) bool) {
		start := -1
		for i, r := range text {
			letter := unicode.IsLetter(r) || r == '\'' && start >= 0
			switch {
			case letter && start < 0:
				start = i
			case !letter && start >= 0:
				if !yield(strings.ToLower(text[start:i])) {
					return
				}
				start = -1
			}
		}
		if start >= 0 {
			yield(strings.ToLower(text[start:]))
		}
	}
}

// languageAnalyzer returns the analyzer of a language's text fields.
func languageAnalyzer(code string) analysis.Analyzer {
	m, err := sharedMapping()
	if err != nil {
		return nil
	}
	return m.AnalyzerNamed(analyzerText + langSuffix(code))
}
