package index

import (
	"context"
	"sort"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/briefreader/brief/internal/corpus"
)

// TestPhraseAgreesWithBleve: our phrase searcher finds exactly the sections
// bleve's phrase query finds, for phrases of two and three words, with a
// stop word inside, in every stemmed field.
func TestPhraseAgreesWithBleve(t *testing.T) {
	lib := t.TempDir()
	if err := corpus.Generate(lib, 150, corpus.Options{Seed: 7}); err != nil {
		t.Fatal(err)
	}
	ix := openDir(t, lib, t.TempDir())
	mustSync(t, ix)
	text, _, err := queryAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	idx := ix.parts[0].idx
	ids := func(q query.Query) []string {
		req := bleve.NewSearchRequestOptions(q, 100000, 0, false)
		res, err := idx.Search(req)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, h := range res.Hits {
			out = append(out, h.ID)
		}
		sort.Strings(out)
		return out
	}
	phrases := []string{"front line", "central bank", "prime minister", "supply lines", "the front line",
		"minister of finance", "peace talks", "border talks minister", "human rights"}
	checked := 0
	for _, phrase := range phrases {
		slots := tokensToPhrase(text.Analyze([]byte(phrase)))
		for _, field := range []string{fieldTitle, fieldHeading, fieldBody} {
			want := ids(query.NewMultiPhraseQuery(slots, field))
			got := ids(&phraseQuery{field: field, kind: kindBody, weight: 1, slots: slots})
			if strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("%q in %s: %d sections, bleve finds %d", phrase, field, len(got), len(want))
			}
			checked += len(want)
		}
	}
	if checked == 0 {
		t.Fatal("no phrase occurs in the corpus: the test checks nothing")
	}
	// The same through Search, with highlights on the phrase's words.
	res, err := ix.Search(context.Background(), Request{Query: `"front line"`, Limit: 5})
	if err != nil || len(res.Hits) == 0 {
		t.Fatalf("search: %v %v", res, err)
	}
	for _, h := range res.Hits {
		for _, term := range h.Terms {
			if term != "front" && term != "line" && term != "lines" {
				t.Errorf("%s: highlighted %q", h.Path, term)
			}
		}
	}
}
