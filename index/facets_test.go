package index

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// workbench is a small library with tags, folders, languages, authors and
// dates to filter by.
func workbench(t *testing.T) (*Index, string) {
	t.Helper()
	lib, cache := t.TempDir(), t.TempDir()
	writeFiles(t, lib, map[string]string{
		"europe/east/kyiv.md": "---\ntitle: Kyiv\nauthor: Jane Doe\ntags: [NATO, Ukraine]\ndate: 2024-03-01\n---\n\n" +
			"## Air defence\n\nThe missile shield over the city held through the night.\n\n" +
			"## Grain\n\nShips left the port with grain and a missile escort.\n",
		"europe/brussels.md": "---\ntitle: Brussels\nauthor: Jane Doe\ntags: [nato]\ndate: 2023-06-10\n---\n\n" +
			"## Summit\n\nThe summit talked about the missile shield for a whole day.\n",
		"asia/seoul.md": "---\ntitle: Seoul\nauthor: Min Park\ntags: [korea]\ndate: 2022-01-05\n---\n\n" +
			"## Launch\n\nA missile was launched before dawn, the ministry said.\n",
		"berlin.md": "---\ntitle: Berlin\nlang: de\n---\n\n" +
			"## Rakete\n\nDie Regierung hat am Dienstag über die missile Abwehr gesprochen, und der Minister hat gesagt, dass sie wichtig ist.\n",
	})
	ix := openDir(t, lib, cache)
	mustSync(t, ix)
	return ix, lib
}

func TestFiltersCombine(t *testing.T) {
	ix, _ := workbench(t)
	tests := []struct {
		query string
		want  []string
	}{
		{"missile tag:nato tag:ukraine", []string{"europe/east/kyiv.md#air-defence", "europe/east/kyiv.md#grain"}},
		{"missile tag:ukraine,korea", []string{"asia/seoul.md#launch", "europe/east/kyiv.md#air-defence", "europe/east/kyiv.md#grain"}},
		{"missile tag:ukraine OR tag:korea", []string{"asia/seoul.md#launch", "europe/east/kyiv.md#air-defence", "europe/east/kyiv.md#grain"}},
		{"missile folder:europe", []string{"europe/brussels.md#summit", "europe/east/kyiv.md#air-defence", "europe/east/kyiv.md#grain"}},
		{"missile folder:/Europe/East/", []string{"europe/east/kyiv.md#air-defence", "europe/east/kyiv.md#grain"}},
		{"missile lang:de", []string{"berlin.md#rakete"}},
		{"missile lang:en folder:asia", []string{"asia/seoul.md#launch"}},
		{`missile author:"jane doe" date:2023`, []string{"europe/brussels.md#summit"}},
		{"missile date:2022,2023", []string{"asia/seoul.md#launch", "europe/brussels.md#summit"}},
		{"tag:nato -grain", []string{"europe/brussels.md#summit", "europe/east/kyiv.md#air-defence"}},
	}
	for _, tt := range tests {
		got := hits(t, ix, tt.query)
		slices.Sort(got)
		if strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("%q:\n got %q\nwant %q", tt.query, got, tt.want)
		}
	}
}

// A filter is not a best-match word: with other words, the section still
// needs it.
func TestOrOfFiltersIsRequired(t *testing.T) {
	ix, _ := workbench(t)
	for _, h := range hits(t, ix, "missile dawn tag:nato OR tag:ukraine") {
		if strings.HasPrefix(h, "asia/") {
			t.Errorf("a Korean briefing passed the tag filter: %s", h)
		}
	}
}

func TestFacets(t *testing.T) {
	ix, _ := workbench(t)
	f, err := ix.Facets(context.Background(), Request{Query: "missile"}, []string{"europe/east/kyiv.md"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]FacetCount{
		"tags":    {{"nato", 3}, {"korea", 1}, {"ukraine", 2}},
		"folders": {{"europe", 3}, {"asia", 1}, {"europe/east", 2}},
		"langs":   {{"en", 4}, {"de", 1}},
		"authors": {{"Jane Doe", 3}, {"Min Park", 1}},
		"years":   {{"2024", 2}, {"2023", 1}, {"2022", 1}},
	}
	got := map[string][]FacetCount{"tags": f.Tags, "folders": f.Folders, "langs": f.Languages, "authors": f.Authors, "years": f.Years}
	for name, w := range want {
		g := got[name]
		if name != "years" {
			sortFacets(g)
			sortFacets(w)
		}
		if !slices.Equal(g, w) {
			t.Errorf("%s: got %v, want %v", name, g, w)
		}
	}
	// The path facet counts sections of the briefing the request matches
	// (there are two in kyiv.md), not of the whole library.
	if f.Sections == nil {
		t.Fatal("no section counts")
	}
}

func sortFacets(fs []FacetCount) {
	slices.SortFunc(fs, func(a, b FacetCount) int { return strings.Compare(a.Value, b.Value) })
}

func TestSectionCountsPerBriefing(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	writeFiles(t, lib, map[string]string{
		"a.md": briefing("a", 5, "shared"),
		"b.md": briefing("b", 2, "shared"),
	})
	ix := openDir(t, lib, cache)
	mustSync(t, ix)
	a, b := filepath.Join(lib, "a.md"), filepath.Join(lib, "b.md")
	f, err := ix.Facets(context.Background(), Request{Query: "shared"}, []string{a, b})
	if err != nil {
		t.Fatal(err)
	}
	if f.Sections[a] != 5 || f.Sections[b] != 2 {
		t.Errorf("sections per briefing: %v", f.Sections)
	}
}

func TestSortByDate(t *testing.T) {
	ix, _ := workbench(t)
	order := func(sort string) []string {
		res, err := ix.Search(context.Background(), Request{Query: "missile", Sort: sort, Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, h := range res.Hits {
			if len(out) == 0 || out[len(out)-1] != h.Title {
				out = append(out, h.Title)
			}
		}
		return out
	}
	if got := order(SortNewest); strings.Join(got, " ") != "Kyiv Brussels Seoul Berlin" {
		t.Errorf("newest: %v", got)
	}
	// Undated briefings come last either way.
	if got := order(SortOldest); strings.Join(got, " ") != "Seoul Brussels Kyiv Berlin" {
		t.Errorf("oldest: %v", got)
	}
	// By windows of years, as a broad query is sorted: the same order.
	defer func(old uint64) { windowFrom = old }(windowFrom)
	windowFrom = 1
	if got := order(SortNewest); strings.Join(got, " ") != "Kyiv Brussels Seoul Berlin" {
		t.Errorf("newest by windows: %v", got)
	}
	if got := order(SortOldest); strings.Join(got, " ") != "Seoul Brussels Kyiv Berlin" {
		t.Errorf("oldest by windows: %v", got)
	}
	if _, err := ix.Search(context.Background(), Request{Query: "missile", Sort: "sideways"}); err == nil {
		t.Error("an unknown order was accepted")
	}
}

func TestNoMatchNamesVanishedFilters(t *testing.T) {
	ix, _ := workbench(t)
	res, err := ix.Search(context.Background(), Request{Query: "missile tag:gone folder:europe", Tags: []string{"removed"}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 0 || strings.Join(res.NoMatch, " ") != "tag:gone tag:removed" {
		t.Errorf("total %d, no match %q", res.Total, res.NoMatch)
	}
	res, err = ix.Search(context.Background(), Request{Query: "missile tag:korea folder:europe"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 0 || len(res.NoMatch) != 0 {
		t.Errorf("filters that exist, but not together: total %d, no match %q", res.Total, res.NoMatch)
	}
}

// A section keeps its change time when its file is indexed again with its
// text unchanged; only the sections that changed get a new one.
func TestChangeStampsSurviveReindexing(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	writeFiles(t, lib, map[string]string{
		"a.md": briefing("a", 3, "common words"),
		"b.md": briefing("b", 2, "common words"),
	})
	ix := openDir(t, lib, cache)
	mustSync(t, ix)
	changed := func() map[string]time.Time {
		res, err := ix.Search(context.Background(), Request{Query: "common", Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]time.Time{}
		for _, h := range res.Hits {
			out[h.RelPath+"#"+h.Anchor] = h.Changed
		}
		return out
	}
	first := changed()
	// Built from nothing: stamped with the files' time, not "now".
	for id, at := range first {
		if !at.Equal(past) {
			t.Errorf("%s stamped %v, want the file's time %v", id, at, past)
		}
	}
	since := time.Now()
	text := strings.Replace(briefing("a", 3, "common words"), "Text as2", "Text as2 revised", 1)
	text = strings.Replace(text, "## Section 3", "## Section 3\n\nA new paragraph.\n\n## Section 4", 1) + "\n## Brand new\n\ncommon words\n"
	if err := os.WriteFile(filepath.Join(lib, "a.md"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	mustSync(t, ix)
	after := changed()
	var fresh []string // section-3 changed too, but no longer has the word
	for id, at := range after {
		if at.After(since) {
			fresh = append(fresh, id)
		} else if !at.Equal(first[id]) {
			t.Errorf("%s: stamp moved from %v to %v", id, first[id], at)
		}
	}
	slices.Sort(fresh)
	if want := "a.md#brand-new a.md#section-2 a.md#section-4"; strings.Join(fresh, " ") != want {
		t.Errorf("changed sections: %q, want %q", fresh, want)
	}
	res, err := ix.Search(context.Background(), Request{Query: "common", ChangedSince: since, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	n, err := ix.Count(context.Background(), Request{Query: "common", ChangedSince: since})
	if err != nil || res.Total != 3 || n != 3 { // section-3 gave its words to section-4
		t.Errorf("changed since: %d hits, count %d (%v)", res.Total, n, err)
	}
	// The same text with a new time changes nothing.
	later := time.Now().Add(time.Minute)
	if err := os.Chtimes(filepath.Join(lib, "b.md"), later, later); err != nil {
		t.Fatal(err)
	}
	mustSync(t, ix)
	if again := changed(); again["b.md#section-1"] != first["b.md#section-1"] {
		t.Errorf("touching a file moved its stamps: %v", again["b.md#section-1"])
	}
}

func TestSectionSource(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	writeFiles(t, lib, map[string]string{
		"r.md": "---\ntitle: Refs\ndate: 2024-01-02\ntags: [x]\n---\n\nLead text.\n\n## One\n\nSee [the docs][d].\n\n> quoted\n\n## Two\n\n[d]: https://example.com/docs\n",
	})
	ix := openDir(t, lib, cache)
	mustSync(t, ix)
	path := filepath.Join(lib, "r.md")
	src, err := ix.Section(context.Background(), path, "one")
	if err != nil {
		t.Fatal(err)
	}
	if src.Markdown != "## One\n\nSee [the docs][d].\n\n> quoted\n\n" || src.Depth != 1 || src.Title != "Refs" ||
		len(src.Refs) != 1 || string(src.Refs[0].Destination()) != "https://example.com/docs" || src.Date.Year() != 2024 {
		t.Errorf("section: %+v", src)
	}
	lead, err := ix.Section(context.Background(), path, "")
	if err != nil || !strings.Contains(lead.Markdown, "Lead text.") {
		t.Errorf("lead: %+v, %v", lead, err)
	}
	if _, err := ix.Section(context.Background(), path, "nope"); err != ErrNotIndexed {
		t.Errorf("missing section: %v", err)
	}
}
