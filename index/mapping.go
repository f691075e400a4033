package index

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/single"
	bleveunicode "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
	"golang.org/x/text/unicode/norm"
)

// SchemaVersion is the version of the index layout: the mapping, the
// analyzers, the document fields and the manifest. An index written with
// another version is rebuilt.
const SchemaVersion = 2

// Field names. Every section document has them; the *_x fields hold the same
// text unstemmed, for prefix, wildcard and fuzzy queries and for
// search-as-you-type.
const (
	fieldPath      = "path"
	fieldRel       = "rel"
	fieldAnchor    = "anchor"
	fieldTitle     = "title"
	fieldTitleX    = "title_x"
	fieldTitleSort = "title_sort"
	fieldHeading   = "heading"
	fieldHeadingX  = "heading_x"
	fieldHPath     = "hpath"
	fieldBody      = "body"
	fieldBodyX     = "body_x"
	fieldTag       = "tag"
	fieldAuthor    = "author"
	fieldDate      = "date"
	fieldOrdinal   = "ordinal"
	fieldFile      = "file"
	fieldHash      = "hash"
	fieldAnchors   = "anchors"
	fieldAll       = "_all"
)

// Analyzer and filter names registered with bleve.
const (
	analyzerText  = "brief_text"
	analyzerExact = "brief_exact"
	analyzerTag   = "brief_tag"
	filterFold    = "brief_fold"
)

// useAllField makes title, heading and body part of bleve's composite _all
// field and sends default queries there instead of to the three fields. It
// is off: BENCHMARKS.md ("_all on or off") has the measurements behind that.
var useAllField = false

// sectionDoc is the bleve document of one section. The lead of a briefing
// (text before its first heading) is a section with an empty anchor.
type sectionDoc struct {
	Path        string   `json:"path"`
	RelPath     string   `json:"rel"`
	Anchor      string   `json:"anchor"`
	Title       string   `json:"title"`
	Heading     string   `json:"heading"`
	HeadingPath []string `json:"hpath"`
	Body        string   `json:"body"`
	Tags        []string `json:"tag"`
	Author      string   `json:"author"`
	Date        string   `json:"date"`
	Ordinal     float64  `json:"ordinal"`
}

// BleveType names the document mapping for sections.
func (sectionDoc) BleveType() string { return "section" }

// fileDoc is one document per briefing file, whatever its sections: the
// index's list of files, read back through the "file" term dictionary to
// find files that were deleted, and the record part of its manifest.
type fileDoc struct {
	File    string `json:"file"`
	Hash    string `json:"hash"`    // hex content hash
	Anchors string `json:"anchors"` // encodeAnchors
}

// BleveType names the document mapping for files.
func (fileDoc) BleveType() string { return "file" }

// newMapping returns the index mapping. It is deterministic: the same
// SchemaVersion always yields the same mapping.
func newMapping() (*mapping.IndexMappingImpl, error) {
	im := bleve.NewIndexMapping()
	analyzers := map[string]map[string]any{
		analyzerText: {
			"type":      custom.Name,
			"tokenizer": bleveunicode.Name,
			"token_filters": []string{cjk.WidthName, filterFold, en.PossessiveName, lowercase.Name,
				cjk.BigramName, en.StopName, porter.Name},
		},
		analyzerExact: {
			"type":          custom.Name,
			"tokenizer":     bleveunicode.Name,
			"token_filters": []string{cjk.WidthName, filterFold, lowercase.Name, cjk.BigramName},
		},
		analyzerTag: {
			"type":          custom.Name,
			"tokenizer":     single.Name,
			"token_filters": []string{filterFold, lowercase.Name},
		},
	}
	for _, name := range []string{analyzerText, analyzerExact, analyzerTag} {
		if err := im.AddCustomAnalyzer(name, analyzers[name]); err != nil {
			return nil, err
		}
	}
	im.DefaultAnalyzer = analyzerText
	im.DefaultField = fieldBody
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false
	im.DefaultMapping = bleve.NewDocumentDisabledMapping()

	text := func(name, analyzer string, store, vectors bool) *mapping.FieldMapping {
		fm := bleve.NewTextFieldMapping()
		fm.Name, fm.Analyzer, fm.Store, fm.IncludeTermVectors = name, analyzer, store, vectors
		fm.IncludeInAll = false
		fm.DocValues = false
		return fm
	}
	stored := func(name string) *mapping.FieldMapping {
		fm := text(name, analyzerTag, true, false)
		fm.Index = false
		return fm
	}
	inAll := func(fm *mapping.FieldMapping) *mapping.FieldMapping {
		fm.IncludeInAll = useAllField
		return fm
	}

	section := bleve.NewDocumentStaticMapping()
	path := text(fieldPath, analyzerTag, true, false)
	path.Analyzer = keyword.Name
	section.AddFieldMappingsAt(fieldPath, path)
	section.AddFieldMappingsAt(fieldRel, stored(fieldRel))
	section.AddFieldMappingsAt(fieldAnchor, stored(fieldAnchor))
	sortKey := text(fieldTitleSort, analyzerTag, false, false)
	sortKey.DocValues = true
	section.AddFieldMappingsAt(fieldTitle,
		inAll(text(fieldTitle, analyzerText, true, true)),
		text(fieldTitleX, analyzerExact, false, true),
		sortKey)
	section.AddFieldMappingsAt(fieldHeading,
		inAll(text(fieldHeading, analyzerText, true, true)),
		text(fieldHeadingX, analyzerExact, false, true))
	section.AddFieldMappingsAt(fieldHPath, stored(fieldHPath))
	section.AddFieldMappingsAt(fieldBody,
		inAll(text(fieldBody, analyzerText, true, true)),
		text(fieldBodyX, analyzerExact, false, true))
	tag := text(fieldTag, analyzerTag, true, false)
	tag.DocValues = true
	section.AddFieldMappingsAt(fieldTag, tag)
	section.AddFieldMappingsAt(fieldAuthor, text(fieldAuthor, analyzerExact, true, true))
	date := bleve.NewDateTimeFieldMapping()
	date.Name, date.Store, date.DocValues, date.IncludeInAll = fieldDate, true, true, false
	section.AddFieldMappingsAt(fieldDate, date)
	ordinal := bleve.NewNumericFieldMapping()
	ordinal.Name, ordinal.Store, ordinal.DocValues, ordinal.IncludeInAll = fieldOrdinal, true, true, false
	section.AddFieldMappingsAt(fieldOrdinal, ordinal)
	if !useAllField {
		section.AddSubDocumentMapping(fieldAll, bleve.NewDocumentDisabledMapping())
	}
	im.AddDocumentMapping("section", section)

	file := bleve.NewDocumentStaticMapping()
	fileField := text(fieldFile, keyword.Name, false, false)
	file.AddFieldMappingsAt(fieldFile, fileField)
	file.AddFieldMappingsAt(fieldHash, stored(fieldHash))
	file.AddFieldMappingsAt(fieldAnchors, stored(fieldAnchors))
	file.AddSubDocumentMapping(fieldAll, bleve.NewDocumentDisabledMapping())
	im.AddDocumentMapping("file", file)

	if err := im.Validate(); err != nil {
		return nil, err
	}
	return im, nil
}

// foldFilter folds Latin letters with diacritics to their base letters
// ("é" → "e", "ß" → "ss") so that "president" finds "président", and marks
// Hangul words as ideographic so that cjk_bigram splits them into bigrams
// like Chinese and Japanese text: Korean attaches particles to words
// ("북한군이"), and bigrams let "북한군" find them. Token offsets are kept, so
// highlights still land on the original text. It removes French and
// Italian elided articles ("l'Œuvre" → "Œuvre", moving the token's start
// past them), and drops tokens longer than maxTokenBytes: they are not words
// (a pasted base64 blob, a 200 KB line of x), and would bloat the term
// dictionary.
type foldFilter struct{}

// maxTokenBytes is the longest token indexed.
const maxTokenBytes = 256

func (foldFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	out := input[:0]
	for _, tok := range input {
		if n := elision(tok.Term); n > 0 {
			tok.Term = tok.Term[n:]
			tok.Start += n
		}
		switch {
		case len(tok.Term) > maxTokenBytes:
			continue
		case isASCII(tok.Term):
		case hasHangul(tok.Term):
			tok.Type = analysis.Ideographic
		default:
			if folded, ok := foldLatin(string(tok.Term)); ok {
				tok.Term = []byte(folded)
			}
		}
		out = append(out, tok)
	}
	return out
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
	err := registry.RegisterTokenFilter(filterFold, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return foldFilter{}, nil
	})
	if err != nil {
		panic(err)
	}
}
