package search

import (
	"context"
	"strings"
	"testing"

	"github.com/briefreader/brief/index"
	"github.com/briefreader/brief/internal/anchor"
	"github.com/briefreader/brief/internal/state"
)

func testHighlights() []state.Highlight {
	section := "Ships left Odesa in August. The corridor carried 33 million tonnes of grain before it closed."
	i := strings.Index(section, "The corridor")
	return []state.Highlight{
		{ID: "a", Briefing: "/lib/grain.md", Section: "background", Title: "Grain", Heading: "Background",
			Quote: anchor.NewSelector(section, i, len(section))},
		{ID: "b", Briefing: "/lib/troops.md", Section: "", Title: "Troops", Note: "ask the desk about the corridor figures",
			Quote: anchor.Selector{Exact: "North Korean troops arrived in Kursk."}},
		{ID: "c", Briefing: "/lib/grain.md", Title: "Grain", Deleted: true, Quote: anchor.Selector{Exact: "corridor deleted"}},
	}
}

func TestInHighlights(t *testing.T) {
	for q, want := range map[string]string{"in:highlights grain": "grain", "grain IN:Highlights": "grain", "in:highlight": ""} {
		if rest, ok := InHighlights(q); !ok || rest != want {
			t.Errorf("InHighlights(%q) = %q, %v", q, rest, ok)
		}
	}
	if _, ok := InHighlights("within:highlights grain"); ok {
		t.Error("within:highlights taken for in:highlights")
	}
}

func TestSearchHighlights(t *testing.T) {
	hs := testHighlights()
	res := SearchHighlights(hs, index.Request{Query: "in:highlights corridor tonne"})
	if res.Total != 2 || res.Hits[0].Path != "/lib/grain.md" || res.Hits[0].Anchor != "background" {
		t.Fatalf("hits = %+v", res.Hits)
	}
	// The passage has both words (tonne as the start of tonnes): first,
	// its snippet placed in the section's text.
	sn := res.Hits[0].Snippets[0]
	if sn.Start != 28 || !strings.Contains(sn.Text, "33 million tonnes") || len(sn.Matches) != 2 {
		t.Errorf("snippet = %+v", sn)
	}
	// The note matched for the other.
	if got := res.Hits[1].Snippets[len(res.Hits[1].Snippets)-1].Text; !strings.HasPrefix(got, "note: ") {
		t.Errorf("note snippet = %q", got)
	}
	if res := SearchHighlights(hs, index.Request{Query: "corridor -desk"}); res.Total != 1 || res.Hits[0].Path != "/lib/grain.md" {
		t.Errorf("-desk: %+v", res.Hits)
	}
	if res := SearchHighlights(hs, index.Request{Query: "corridor", Paths: []string{"/lib/troops.md"}}); res.Total != 1 {
		t.Errorf("Paths: %+v", res.Hits)
	}
	if res := SearchHighlights(hs, index.Request{Query: "\"arrived in kursk\""}); res.Total != 1 {
		t.Errorf("phrase: %+v", res.Hits)
	}
}

func TestServiceAnswersInHighlightsWithoutTheIndex(t *testing.T) {
	svc := &Service{opts: Options{Highlights: testHighlights}}
	ans, err := svc.Search(context.Background(), index.Request{Query: "kursk in:highlights"})
	if err != nil || ans.Results.Total != 1 || ans.Results.Hits[0].Title != "Troops" {
		t.Fatalf("answer %+v, %v", ans, err)
	}
	none := &Service{}
	ans, err = none.Search(context.Background(), index.Request{Query: "in:highlights kursk"})
	if err != nil || ans.Results.Total != 0 || len(ans.Notes) != 1 {
		t.Errorf("without highlights: %+v, %v", ans, err)
	}
}
