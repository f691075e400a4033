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
// that changed the index noticeably, on a sample of sections spread over
// the whole index, and kept in the index (keyFieldStats), so that a search
// reads them with one lookup.

const keyFieldStats = "brief:fieldstats"

// statsSample is how many sections are analyzed to estimate the averages.
const statsSample = 400

// statsDrift is the change in the number of documents, as a share, after
// which the statistics are measured again.
const statsDrift = 0.1

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

// refreshFieldStats measures the statistics of an index again when it has
// none or its size changed by more than statsDrift since they were taken.
func refreshFieldStats(idx bleve.Index) error {
	adv, err := idx.Advanced()
	if err != nil {
		return fmt.Errorf("measure the index: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return fmt.Errorf("measure the index: %w", err)
	}
	defer r.Close()
	docs, err := r.DocCount()
	if err != nil {
		return fmt.Errorf("measure the index: %w", err)
	}
	old := readFieldStats(r)
	if old.Docs > 0 && float64(docs) >= old.Docs*(1-statsDrift) && float64(docs) <= old.Docs*(1+statsDrift) {
		return nil
	}
	s, err := measureFieldStats(r, docs)
	if err != nil {
		return err
	}
	raw, _ := json.Marshal(s)
	return idx.SetInternal([]byte(keyFieldStats), raw)
}

// measureFieldStats analyzes the stored text of a sample of sections, every
// n-th document in index order, as the index analyzed it.
func measureFieldStats(r bleveindex.IndexReader, docs uint64) (fieldStats, error) {
	s := fieldStats{Docs: float64(docs), Avg: map[string]float64{}}
	ids, err := r.DocIDReaderAll()
	if err != nil {
		return s, fmt.Errorf("measure the index: %w", err)
	}
	defer ids.Close()
	stride := max(docs/statsSample, 1)
	var sums = map[string]float64{}
	var sampled, seen, sections float64
	for i := uint64(0); ; i++ {
		id, err := ids.Next()
		if err != nil {
			return s, fmt.Errorf("measure the index: %w", err)
		}
		if id == nil {
			break
		}
		if i%stride != 0 {
			continue
		}
		ext, err := r.ExternalID(id)
		if err != nil || !strings.Contains(ext, "\x00") {
			seen++
			continue // a file's document, not a section
		}
		seen++
		sections++
		doc, err := r.Document(ext)
		if err != nil || doc == nil {
			continue
		}
		sampled++
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
			continue
		}
		for name, text := range texts {
			sums[name+langSuffix(lang)] += float64(len(an.Analyze(text)))
		}
	}
	if seen > 0 {
		s.Sections = float64(docs) * sections / seen
	}
	for name, sum := range sums {
		if sampled > 0 {
			s.Avg[name] = sum / sampled
		}
	}
	return s, nil
}
