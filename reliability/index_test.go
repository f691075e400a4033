package reliability

import (
	"context"
	varint "encoding/binary" // "binary" is the brief under test
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/index"
	"github.com/briefreader/brief/internal/corpus"
)

// queries are searched in every comparison of an index with a fresh build:
// words, phrases, fields, tags, dates, exclusion, fuzzy and prefix.
var queries = []string{
	"government",
	`"border talks"`,
	"lithium",
	"title:aldmoor",
	"tag:economy sanctions",
	"harrowgate -minister",
	"sanction*",
	"quiroga",
	"interest rates",
	"galvenia~",
	"section:outlook",
	"date:2021 reform",
}

// snapshot is what an index holds: every document ID, the number of files
// its manifest counts, and the top hits of the fixed queries.
type snapshot struct {
	docs     []string // sorted document IDs (files and sections)
	sections int      // documents that are sections
	files    int64    // the manifest's file count
	top      map[string][]hitKey
}

type hitKey struct {
	place string // path#anchor
	score float64
}

// generate writes a deterministic library of n briefings.
func generate(t testing.TB, n int) string {
	t.Helper()
	lib := t.TempDir()
	if err := corpus.Generate(lib, n, corpus.Options{Seed: 1, PerDir: 100}); err != nil {
		t.Fatal(err)
	}
	return lib
}

// indexDirs lists the index directories in a cache folder.
func indexDirs(cache string) []string {
	matches, _ := filepath.Glob(filepath.Join(cache, fmt.Sprintf("v%d-*", index.SchemaVersion)))
	var dirs []string
	for _, m := range matches {
		if info, err := os.Stat(m); err == nil && info.IsDir() {
			dirs = append(dirs, m)
		}
	}
	return dirs
}

// takeSnapshot reads the index of lib in cache: the documents straight from
// bleve (read-only), the hits through brief's own search.
func takeSnapshot(t testing.TB, lib, cache string) snapshot {
	t.Helper()
	dirs := indexDirs(cache)
	if len(dirs) != 1 {
		t.Fatalf("want one index in %s, found %q", cache, dirs)
	}
	idx, err := bleve.OpenUsing(dirs[0], map[string]any{"read_only": true})
	if err != nil {
		t.Fatalf("open the index read-only: %v", err)
	}
	s := readDocs(t, idx)
	if err := idx.Close(); err != nil {
		t.Fatal(err)
	}

	roots, problems := briefings.ResolveRoots([]string{lib})
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	ix, err := index.Open(roots, index.Options{Dir: cache, Log: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if notices := ix.Notices(); len(notices) > 0 {
		t.Errorf("opening the index for the snapshot: %q", notices)
	}
	s.top = map[string][]hitKey{}
	for _, q := range queries {
		res, err := ix.Search(context.Background(), index.Request{Query: q, Limit: 10, NoTagCounts: true})
		if err != nil {
			t.Fatalf("search %q: %v", q, err)
		}
		for _, h := range res.Hits {
			s.top[q] = append(s.top[q], hitKey{h.RelPath + "#" + h.Anchor, h.Score})
		}
	}
	return s
}

// readDocs lists the documents of an open bleve index and its file count.
func readDocs(t testing.TB, idx bleve.Index) snapshot {
	t.Helper()
	n, err := idx.DocCount()
	if err != nil {
		t.Fatal(err)
	}
	var s snapshot
	if n > 0 {
		req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), int(n), 0, false)
		res, err := idx.Search(req)
		if err != nil {
			t.Fatalf("list documents: %v", err)
		}
		for _, h := range res.Hits {
			s.docs = append(s.docs, h.ID)
			if strings.Contains(h.ID, "\x00") {
				s.sections++
			}
		}
	}

	sort.Strings(s.docs)
	if raw, err := idx.GetInternal([]byte("brief:files")); err == nil && raw != nil {
		s.files, _ = varint.Varint(raw)
	}
	return s
}

// diff says how got differs from want, or returns "".
func (want snapshot) diff(got snapshot) string {
	var out []string
	if len(got.docs) != len(want.docs) || got.sections != want.sections {
		out = append(out, fmt.Sprintf("%d documents (%d sections), want %d (%d sections)",
			len(got.docs), got.sections, len(want.docs), want.sections))
	} else {
		for i := range got.docs {
			if got.docs[i] != want.docs[i] {
				out = append(out, fmt.Sprintf("document %d is %q, want %q", i, got.docs[i], want.docs[i]))
				break
			}
		}
	}
	if got.files != want.files {
		out = append(out, fmt.Sprintf("the manifest counts %d files, want %d", got.files, want.files))
	}
	for _, q := range queries {
		if d := diffHits(want.top[q], got.top[q]); d != "" {
			out = append(out, fmt.Sprintf("search %q: %s", q, d))
		}
	}
	return strings.Join(out, "; ")
}

// diffHits compares ranked hits. Hits with the same score may come in
// either order, so the places are compared as sets within each score.
func diffHits(want, got []hitKey) string {
	if len(want) != len(got) {
		return fmt.Sprintf("%d hits, want %d", len(got), len(want))
	}
	for i := range want {
		if !sameScore(want[i].score, got[i].score) {
			return fmt.Sprintf("hit %d scores %g, want %g", i, got[i].score, want[i].score)
		}
	}
	key := func(hs []hitKey) []string {
		var out []string
		for _, h := range hs {
			out = append(out, fmt.Sprintf("%.9g %s", h.score, h.place))
		}
		sort.Strings(out)
		return out
	}
	w, g := key(want), key(got)
	for i := range w {
		if w[i] != g[i] {
			// The last score may tie with hits beyond the top 10.
			if strings.HasPrefix(w[i], fmt.Sprintf("%.9g ", want[len(want)-1].score)) {
				continue
			}
			return fmt.Sprintf("got %q, want %q", g, w)
		}
	}
	return ""
}

func sameScore(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*math.Max(math.Abs(a), math.Abs(b))
}

// searchJSON runs `brief search --json --no-sync` and returns its hits.
func searchJSON(t testing.TB, e *env, lib, q string) []hitKey {
	t.Helper()
	r := e.brief(t, "-L", lib, "search", "--json", "--no-sync", "--limit", "10", q)
	if r.code > 1 {
		t.Fatalf("search %q: exit %d: %s", q, r.code, r.stderr)
	}
	return decodeHits(t, r.stdout)
}

func decodeHits(t testing.TB, out string) []hitKey {
	t.Helper()
	var doc struct {
		Hits []struct {
			RelPath string  `json:"rel_path"`
			Anchor  string  `json:"anchor"`
			Score   float64 `json:"score"`
		} `json:"hits"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("search --json: %v\n%s", err, out)
	}
	var hits []hitKey
	for _, h := range doc.Hits {
		hits = append(hits, hitKey{h.RelPath + "#" + h.Anchor, h.Score})
	}
	return hits
}

// leftovers lists what a killed run left in the cache's tmp folder.
func leftovers(cache string) []string {
	entries, _ := os.ReadDir(filepath.Join(cache, "tmp"))
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}
