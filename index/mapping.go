package index

import (
	"sort"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/single"
	bleveunicode "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// SchemaVersion is the version of the index layout: the mapping, the
// analyzers, the document fields and the manifest. An index written with
// another version is rebuilt. (5: plain-text articles lose their
// metadata lines and keep their short lines and lists. 6: folders,
// years, months, authors and paths for filters and facets, each
// section's markdown and change time.)
const SchemaVersion = 6

// Field names. Every section document has them. title, heading and body
// hold the text stemmed in English (and in the languages without a stemmer
// of their own); a briefing in another language has them as title_de,
// heading_de and body_de instead (languages.go). The *_x fields hold the
// text unstemmed, for prefix, wildcard and fuzzy queries and for
// search-as-you-type, and they keep the text of every section, whatever
// its language, for snippets.
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
	fieldLang      = "lang"
	fieldFolder    = "folder"
	fieldYear      = "year"
	fieldMonth     = "month"
	fieldAuthorKey = "author_k"
	fieldChanged   = "changed"
	fieldMarkdown  = "md"
	fieldDepth     = "depth"
	fieldStamps    = "stamps"
	fieldRefs      = "refs"
	fieldAll       = "_all"
)

// Analyzer names registered with bleve.
const (
	analyzerText  = "brief_text"
	analyzerExact = "brief_exact"
	analyzerTag   = "brief_tag"
)

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
	// Lang is the ISO 639-1 code of the briefing's language, "" when it is
	// not known.
	Lang string `json:"lang"`
	// Folders are the folders the briefing is in, relative to its library
	// root, each with its parents: ["europe", "europe/east"].
	Folders []string `json:"folder"`
	// Year is the year of the briefing's date, "" without one; Month is
	// its month ("2024-03"), by which date sorts go (sorted.go).
	Year  string `json:"year"`
	Month string `json:"month"`
	// Changed is when the section's text (or its briefing's title, tags,
	// author or date) last changed, as far as the index knows (stamps.go).
	Changed string `json:"changed"`
	// Markdown is the section's own markdown, heading included, for a
	// preview without reading the file; Depth is its deepest nesting.
	Markdown string  `json:"md"`
	Depth    float64 `json:"depth"`
}

// BleveType names the document mapping for sections: one per language
// stemmed apart from English.
func (d sectionDoc) BleveType() string { return "section" + langSuffix(d.Lang) }

// fileDoc is one document per briefing file, whatever its sections: the
// index's list of files, read back through the "file" term dictionary to
// find files that were deleted, and the record part of its manifest.
type fileDoc struct {
	File    string `json:"file"`
	Hash    string `json:"hash"`    // hex content hash
	Anchors string `json:"anchors"` // encodeAnchors
	Stamps  string `json:"stamps"`  // encodeStamps: each section's hash and change time
	Refs    string `json:"refs"`    // the file's link reference definitions (briefings.References.Encode)
}

// BleveType names the document mapping for files.
func (fileDoc) BleveType() string { return "file" }

var (
	mappingOnce sync.Once
	theMapping  *mapping.IndexMappingImpl
	mappingErr  error
)

// sharedMapping returns the index mapping, built once.
func sharedMapping() (*mapping.IndexMappingImpl, error) {
	mappingOnce.Do(func() { theMapping, mappingErr = newMapping() })
	return theMapping, mappingErr
}

// newMapping returns the index mapping. It is deterministic: the same
// SchemaVersion always yields the same mapping.
func newMapping() (*mapping.IndexMappingImpl, error) {
	im := bleve.NewIndexMapping()
	analyzers := textAnalyzers()
	analyzers[analyzerExact] = map[string]any{
		"type":          custom.Name,
		"tokenizer":     bleveunicode.Name,
		"token_filters": []string{cjk.WidthName, filterElide, filterFold, lowercase.Name, cjk.BigramName},
	}
	analyzers[analyzerTag] = map[string]any{
		"type":          custom.Name,
		"tokenizer":     single.Name,
		"token_filters": []string{filterElide, filterFold, lowercase.Name},
	}
	names := make([]string, 0, len(analyzers))
	for name := range analyzers {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if err := im.AddCustomAnalyzer(name, analyzers[name]); err != nil {
			return nil, err
		}
	}
	im.DefaultAnalyzer = analyzerText
	im.ScoringModel = bleveindex.BM25Scoring
	im.DefaultField = fieldBody
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false
	im.DefaultMapping = bleve.NewDocumentDisabledMapping()
	im.AddDocumentMapping("section", sectionMapping(""))
	for _, l := range languages {
		im.AddDocumentMapping("section"+langSuffix(l.code), sectionMapping(l.code))
	}

	file := bleve.NewDocumentStaticMapping()
	file.AddFieldMappingsAt(fieldFile, textField(fieldFile, keyword.Name, false, false))
	file.AddFieldMappingsAt(fieldHash, storedField(fieldHash))
	file.AddFieldMappingsAt(fieldAnchors, storedField(fieldAnchors))
	file.AddFieldMappingsAt(fieldStamps, storedField(fieldStamps))
	file.AddFieldMappingsAt(fieldRefs, storedField(fieldRefs))
	file.AddSubDocumentMapping(fieldAll, bleve.NewDocumentDisabledMapping())
	im.AddDocumentMapping("file", file)

	if err := im.Validate(); err != nil {
		return nil, err
	}
	return im, nil
}

// textField maps a field of text.
func textField(name, analyzer string, store, vectors bool) *mapping.FieldMapping {
	fm := bleve.NewTextFieldMapping()
	fm.Name, fm.Analyzer, fm.Store, fm.IncludeTermVectors = name, analyzer, store, vectors
	fm.IncludeInAll = false
	fm.DocValues = false
	return fm
}

// storedField maps a field that is kept but not searched.
func storedField(name string) *mapping.FieldMapping {
	fm := textField(name, analyzerTag, true, false)
	fm.Index = false
	return fm
}

// sectionMapping maps the sections of briefings in a language.
func sectionMapping(code string) *mapping.DocumentMapping {
	suffix := langSuffix(code)
	stemming := analyzerText + suffix
	section := bleve.NewDocumentStaticMapping()
	path := textField(fieldPath, keyword.Name, true, false)
	path.DocValues = true // sections per briefing are counted (facets.go)
	section.AddFieldMappingsAt(fieldPath, path)
	section.AddFieldMappingsAt(fieldRel, storedField(fieldRel))
	section.AddFieldMappingsAt(fieldAnchor, storedField(fieldAnchor))
	sortKey := textField(fieldTitleSort, analyzerTag, false, false)
	sortKey.DocValues = true
	section.AddFieldMappingsAt(fieldTitle,
		textField(fieldTitle+suffix, stemming, false, true),
		textField(fieldTitleX, analyzerExact, true, true),
		sortKey)
	section.AddFieldMappingsAt(fieldHeading,
		textField(fieldHeading+suffix, stemming, false, true),
		textField(fieldHeadingX, analyzerExact, true, true))
	section.AddFieldMappingsAt(fieldHPath, storedField(fieldHPath))
	section.AddFieldMappingsAt(fieldBody,
		textField(fieldBody+suffix, stemming, false, true),
		textField(fieldBodyX, analyzerExact, true, true))
	tag := textField(fieldTag, analyzerTag, true, false)
	tag.DocValues = true
	section.AddFieldMappingsAt(fieldTag, tag)
	authorKey := textField(fieldAuthorKey, keyword.Name, false, false)
	authorKey.DocValues = true // the author facet: whole names
	section.AddFieldMappingsAt(fieldAuthor, textField(fieldAuthor, analyzerExact, true, true), authorKey)
	lang := textField(fieldLang, keyword.Name, true, false)
	lang.DocValues = true
	section.AddFieldMappingsAt(fieldLang, lang)
	folder := textField(fieldFolder, analyzerTag, false, false)
	folder.DocValues = true
	section.AddFieldMappingsAt(fieldFolder, folder)
	year := textField(fieldYear, keyword.Name, false, false)
	year.DocValues = true
	section.AddFieldMappingsAt(fieldYear, year)
	section.AddFieldMappingsAt(fieldMonth, textField(fieldMonth, keyword.Name, false, false))
	section.AddFieldMappingsAt(fieldMarkdown, storedField(fieldMarkdown))
	depth := bleve.NewNumericFieldMapping()
	depth.Name, depth.Store, depth.Index, depth.IncludeInAll = fieldDepth, true, false, false
	section.AddFieldMappingsAt(fieldDepth, depth)
	changed := bleve.NewDateTimeFieldMapping()
	changed.Name, changed.Store, changed.DocValues, changed.IncludeInAll = fieldChanged, true, false, false
	section.AddFieldMappingsAt(fieldChanged, changed)
	date := bleve.NewDateTimeFieldMapping()
	date.Name, date.Store, date.DocValues, date.IncludeInAll = fieldDate, true, true, false
	section.AddFieldMappingsAt(fieldDate, date)
	ordinal := bleve.NewNumericFieldMapping()
	ordinal.Name, ordinal.Store, ordinal.DocValues, ordinal.IncludeInAll = fieldOrdinal, true, true, false
	section.AddFieldMappingsAt(fieldOrdinal, ordinal)
	section.AddSubDocumentMapping(fieldAll, bleve.NewDocumentDisabledMapping())
	return section
}
