package index

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// Field statistics for BM25F: the number of sections and the average
// length, in indexed words, of each field. They are measured after a sync
// that changed the index, on a sample of sections, and kept in the index
// (keyFieldStats), so that a search reads them with one lookup.

const keyFieldStats = "brief:fieldstats"

// statsSample is how many files are sampled to estimate the averages, and
// statsSections how many sections of each.
const (
	statsSample   = 400
	statsSections = 4
)

// fieldStats are the statistics of one index.
type fieldStats struct {
	// Docs is the number of documents (sections and files) when measured.
	Docs float64 `json:"docs"`
	// Sections is the number of sections.
	Sections float64 `json:"sections"`
	// Avg is the average length of each field, by field name.
	Avg map[string]float64 `json:"avg"`
}

// defaultLengths stand in for averages not measured yet (a search while
// the first build runs): typical lengths of briefing sections.
var defaultLengths = map[fieldKind]float64{kindTitle: 6, kindHeading: 3, kindBody: 150}

// avgLen returns the average length of a field, at least 1.
func (s fieldStats) avgLen(field string, kind fieldKind) float64 {
	if v := s.Avg[field]; v > 0 {
		return max(v, 1)
	}
	return defaultLengths[kind]
}

// lastStats caches the decoding of the statistics most recently read.
var lastStats atomic.Pointer[struct {
	raw   string
	stats fieldStats
}]

// readFieldStats returns the statistics kept in an index, or zero
// statistics (defaults apply) when there are none.
func readFieldStats(r bleveindex.IndexReader) fieldStats {
	raw, err := r.GetInternal([]byte(keyFieldStats))
	if err != nil || raw == nil {
		return fieldStats{}
	}
	if c := lastStats.Load(); c != nil && c.raw == string(raw) {
		return c.stats
	}
	var s fieldStats
	if json.Unmarshal(raw, &s) != nil {
		return fieldStats{}
	}
	lastStats.Store(&struct {
		raw   string
		stats fieldStats
	}{string(raw), s})
	return s
}

// recordFieldStats measures the statistics of the index once the batches
// of a sync are applied, and records them in the last batch, so that they
// are persisted with the sync. It runs after every sync that changed
// something: two indexes of the same files score alike however they were
// built.
//
// A sync that changed nothing measures them too when the index has none: a
// copy taken while another process was writing it (between that sync's
// batches) has the new sections and no statistics.
// It reports whether the index had no statistics before (searches made
// before rank differently from those after).
func (w *batchWriter) recordFieldStats() (restated bool, err error) {
	if err := w.flush(); err != nil {
		return false, err
	}
	raw, err := w.idx.GetInternal([]byte(keyFieldStats))
	if err != nil {
		return false, err
	}
	missing := raw == nil
	if !w.wrote {
		if !missing {
			return false, nil
		}
		w.wrote = true // the batch below is written by finish
	}
	s, err := measureFieldStats(w.idx)
	if err != nil {
		return false, err
	}
	raw, _ = json.Marshal(s)
	w.batch.SetInternal([]byte(keyFieldStats), raw)
	return missing, nil
}

// measureFieldStats analyzes the stored text of a sample of the sections:
// those of every n-th file in the order of their paths (at most
// statsSections of them per file), as the index analyzed them. The sample
// depends only on the files, not on the order they were indexed in.
func measureFieldStats(idx bleve.Index) (fieldStats, error) {
	var s fieldStats
	files, err := indexedFiles(idx)
	if err != nil {
		return s, err
	}
	// A deleted file's path stays among the terms until its segment is
	// merged away: only files with a manifest entry are there.
	present := files[:0]
	for _, f := range files {
		if raw, _ := idx.GetInternal(entryKey(f)); raw != nil {
			present = append(present, f)
		}
	}
	files = present
	docs, err := idx.DocCount()
	if err != nil {
		return s, fmt.Errorf("measure the index: %w", err)
	}
	s = fieldStats{Docs: float64(docs), Sections: float64(docs) - float64(len(files)), Avg: map[string]float64{}}
	stride := max(len(files)/statsSample, 1)
	sums := map[string]float64{}
	var sampled float64
	for i := 0; i < len(files); i += stride {
		rec := readRecord(idx, files[i])
		if rec == nil {
			continue
		}
		for _, anchor := range rec.anchors[:min(len(rec.anchors), statsSections)] {
			doc, err := idx.Document(sectionID(files[i], anchor))
			if err != nil || doc == nil {
				continue
			}
			sampled++
			addLengths(sums, doc)
		}
	}
	for name, sum := range sums {
		if sampled > 0 {
			s.Avg[name] = sum / sampled
		}
	}
	return s, nil
}

// addLengths adds the analyzed lengths of a section's fields to sums, by
// the name of the field that indexes them stemmed.
func addLengths(sums map[string]float64, doc bleveindex.Document) {
	texts := map[string][]byte{}
	lang := ""
	doc.VisitFields(func(f bleveindex.Field) {
		switch f.Name() {
		case fieldTitleX, fieldHeadingX, fieldBodyX:
			texts[strings.TrimSuffix(f.Name(), "_x")] = f.Value()
		case fieldLang:
			lang = string(f.Value())
		}
	})
	an := languageAnalyzer(lang)
	if an == nil {
		return
	}
	for name, text := range texts {
		sums[name+langSuffix(lang)] += float64(len(an.Analyze(text)))
	}
}
