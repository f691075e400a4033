package index

import (
	"context"
	"sort"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Pseudo-relevance feedback for questions. A question typed as a sentence
// names its subject in its own words, which are often not the words of the
// sections that answer it. The best sections of a first search are taken as
// answers, the words they use most are added to the query with a weight
// (RM3: Lavrenko and Croft, "Relevance-based language models", 2001; the
// parameters are Anserini's defaults), and the search runs again. The added
// words only reorder sections that have some of the question's own words:
// they find nothing on their own and are not highlighted.

// Feedback parameters.
const (
	feedbackMinWords = 4   // questions: best-match words in the query
	feedbackDocs     = 10  // sections taken as answers
	feedbackTerms    = 10  // words added
	feedbackWeight   = 0.5 // of the added words against the query's own
)

// expandQuery adds feedback words to a question, from the best sections of
// a first ranking. It leaves other queries alone.
func (ix *Index) expandQuery(ctx context.Context, rq *rankedQuery) {
	if len(rq.groups) < feedbackMinWords || rq.extra != nil {
		return
	}
	rq.extra = []wordGroup{} // the first ranking runs without feedback
	first, _, err := ix.rankedSearch(ctx, rq, 0, feedbackDocs)
	if err != nil || len(first) == 0 {
		return
	}
	rq.extra = ix.feedbackWords(ctx, first[:min(feedbackDocs, len(first))], len(rq.groups))
}

// feedbackWords weighs the words of the top sections by how much of each
// section they make up, times the section's share of the scores (RM1), and
// returns the heaviest as word groups.
func (ix *Index) feedbackWords(ctx context.Context, top []candidate, queryWords int) []wordGroup {
	ids := make([]string, len(top))
	scores := make(map[string]float64, len(top))
	sum := 0.0
	for i, c := range top {
		ids[i] = c.dm.ID
		scores[c.dm.ID] = c.dm.Score
		sum += c.dm.Score
	}
	req := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery(ids), len(ids), 0, false)
	req.Fields = []string{fieldTitleX, fieldHeadingX, fieldBodyX, fieldLang}
	req.Score = "none"
	res, err := ix.run(ctx, req)
	if err != nil || sum <= 0 {
		return nil
	}
	weights := map[langTerm]float64{}
	for _, dm := range res.Hits {
		var all []byte
		for _, f := range req.Fields[:3] {
			if s, ok := dm.Fields[f].(string); ok {
				all = append(append(all, s...), '\n')
			}
		}
		lang, _ := dm.Fields[fieldLang].(string)
		an := languageAnalyzer(lang)
		if an == nil {
			continue
		}
		tokens := an.Analyze(all)
		if len(tokens) == 0 {
			continue
		}
		share := scores[dm.ID] / sum / float64(len(tokens))
		for _, t := range tokens {
			if feedbackTerm(string(t.Term)) {
				weights[langTerm{langSuffix(lang), string(t.Term)}] += share
			}
		}
	}
	type weighted struct {
		langTerm
		weight float64
	}
	list := make([]weighted, 0, len(weights))
	for t, w := range weights {
		list = append(list, weighted{t, w})
	}
	sort.Slice(list, func(a, b int) bool {
		if list[a].weight != list[b].weight {
			return list[a].weight > list[b].weight
		}
		if list[a].term != list[b].term {
			return list[a].term < list[b].term
		}
		return list[a].suffix < list[b].suffix
	})
	list = list[:min(feedbackTerms, len(list))]
	total := 0.0
	for _, w := range list {
		total += w.weight
	}
	var groups []wordGroup
	for _, w := range list {
		terms := make([]fieldTerm, len(stemmedFields))
		for i, f := range stemmedFields {
			terms[i] = fieldTerm{field: f.field + w.suffix, kind: f.kind, term: w.term, weight: f.boost}
		}
		wq := newWordQuery(terms)
		// RM3 interpolates the query's words, (1-λ)/n each, with the
		// feedback model, λ in all: here each query word counts 1.
		wq.SetBoost(feedbackWeight / (1 - feedbackWeight) * float64(queryWords) * w.weight / total)
		groups = append(groups, wordGroup{alts: []query.Query{wq}})
	}
	return groups
}

// langTerm is a term of a language's fields, by their suffix.
type langTerm struct{ suffix, term string }

// feedbackTerm reports whether a term may be added by feedback: a word of
// three letters or more, not a number.
func feedbackTerm(t string) bool {
	letters := 0
	for _, r := range t {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 3
}
