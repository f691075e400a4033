package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/index"
	"github.com/briefreader/brief/internal/catalog"
	"github.com/briefreader/brief/internal/corpus"
	"github.com/briefreader/brief/internal/hostile"
	"github.com/charmbracelet/colorprofile"
)

func TestSearchSampleLibrary(t *testing.T) {
	t.Setenv("BRIEF_LIBRARY", "")
	out, errOut, code := run(t, "--index-dir", t.TempDir(), "search", `"north korean" troops`)
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	lines := strings.Split(out, "\n")
	if !strings.HasPrefix(lines[0], "Ukraine, ATACMS and North Korea") || !strings.Contains(lines[0], " › The North Korean Factor  ") {
		t.Errorf("first hit: %q", lines[0])
	}
	if !strings.Contains(lines[1], "North Korean troops") || !strings.HasPrefix(lines[1], "  …") {
		t.Errorf("snippet: %q", lines[1])
	}
	if !strings.Contains(out, "  builtin:ukraine-atacms-north-korea.md#the-north-korean-factor\n") {
		t.Errorf("no location line:\n%s", out)
	}
	if strings.Contains(out, "\x1b") {
		t.Error("escape codes in output that is not a terminal")
	}
}

func TestSearchJSON(t *testing.T) {
	t.Setenv("BRIEF_LIBRARY", "")
	out, _, code := run(t, "--index-dir", t.TempDir(), "search", "--json", "--limit", "2", "north korean troops")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var doc struct {
		Query string `json:"query"`
		Total int    `json:"total"`
		Hits  []struct {
			Path     string `json:"path"`
			Anchor   string `json:"anchor"`
			Heading  string `json:"heading"`
			Snippets []struct {
				Text    string   `json:"text"`
				Offset  int      `json:"offset"`
				Matches [][2]int `json:"matches"`
			} `json:"snippets"`
			Terms []string `json:"terms"`
		} `json:"hits"`
		Tags    []map[string]any `json:"tags"`
		Notices []string         `json:"notices"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if doc.Query != "north korean troops" || doc.Total < 1 || len(doc.Hits) == 0 || len(doc.Tags) == 0 || doc.Notices == nil {
		t.Fatalf("document: %+v", doc)
	}
	h := doc.Hits[0]
	if h.Path != "builtin:ukraine-atacms-north-korea.md" || h.Anchor != "the-north-korean-factor" {
		t.Errorf("first hit %s#%s", h.Path, h.Anchor)
	}
	for _, s := range h.Snippets {
		for _, m := range s.Matches {
			word := strings.ToLower(s.Text[m[0]:m[1]])
			if word != "north" && word != "korean" && word != "troops" {
				t.Errorf("match %v is %q in %q", m, word, s.Text)
			}
		}
	}
}

func TestSearchNothingFound(t *testing.T) {
	t.Setenv("BRIEF_LIBRARY", "")
	out, errOut, code := run(t, "--index-dir", t.TempDir(), "search", "xylophone")
	if code != 1 || out != "" || !strings.Contains(errOut, "no section matches") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	out, _, code = run(t, "--index-dir", t.TempDir(), "search", "--json", "xylophone")
	if code != 1 || !strings.Contains(out, `"hits": []`) {
		t.Errorf("json: exit %d, %s", code, out)
	}
}

func TestSearchQueryErrorFallsBackToWords(t *testing.T) {
	t.Setenv("BRIEF_LIBRARY", "")
	out, errOut, code := run(t, "--index-dir", t.TempDir(), "search", `"north korean`)
	if code != 0 || !strings.Contains(errOut, "no closing quote") || !strings.Contains(errOut, "searching the words as plain text") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	if !strings.Contains(out, "The North Korean Factor") {
		t.Errorf("no results after the fallback:\n%s", out)
	}
	_, _, code = run(t, "search")
	if code == 0 {
		t.Error("search without a query succeeded")
	}
}

func TestSearchReflectsFileChanges(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	t.Setenv("BRIEF_INDEX_DIR", cache)
	writeFile(t, filepath.Join(lib, "one.md"), "# One\n\nThe zebra crossed.\n")
	writeFile(t, filepath.Join(lib, "two.md"), "# Two\n\nA quiet giraffe.\n")
	search := func(q string) string {
		out, _, _ := run(t, "-L", lib, "search", q)
		return out
	}
	if !strings.Contains(search("zebra"), "one.md#one") {
		t.Fatal("zebra not found")
	}
	writeFile(t, filepath.Join(lib, "one.md"), "# One\n\nThe okapi crossed, slowly.\n")
	if out := search("zebra"); out != "" {
		t.Errorf("an edited-away word is still found:\n%s", out)
	}
	if !strings.Contains(search("okapi"), "one.md#one") {
		t.Error("an edited-in word is not found")
	}
	if err := os.Remove(filepath.Join(lib, "two.md")); err != nil {
		t.Fatal(err)
	}
	if out := search("giraffe"); out != "" {
		t.Errorf("a deleted file is still found:\n%s", out)
	}
	writeFile(t, filepath.Join(lib, "sub", "three.md"), "# Three\n\nA giraffe again.\n")
	if !strings.Contains(search("giraffe"), filepath.Join("sub", "three.md")+"#three") {
		t.Error("an added file is not found")
	}
}

func TestIndexCommand(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	if err := corpus.Generate(lib, 30, corpus.Options{Seed: 5}); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(lib, "bad.md")
	writeFile(t, bad, string(bytes.Repeat([]byte{0, 1, 2, 3}, 100)))
	// An old file: files changed in the last seconds are always read again.
	if err := os.Chtimes(bad, time.Now().Add(-time.Hour), time.Now().Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := run(t, "--index-dir", cache, "-L", lib, "index")
	if code != 0 || !strings.HasPrefix(out, "indexed 31 files in ") ||
		!strings.Contains(out, ": 30 added, 0 updated, 0 removed, 0 unchanged, 1 failed (") {
		t.Errorf("exit %d, stdout %q", code, out)
	}
	if !strings.Contains(errOut, "skipped: ") || !strings.Contains(errOut, "bad.md") {
		t.Errorf("stderr %q", errOut)
	}
	// The library list is cached too: the first brief after brief index
	// lists the library without reading the files.
	if listed, ok := catalog.Cached([]string{lib}, catalog.Options{Dir: cache}); !ok || len(listed.Entries) != 30 {
		t.Errorf("after brief index, the cached library list is missing or wrong (ok=%v)", ok)
	}
	out, _, _ = run(t, "--index-dir", cache, "-L", lib, "index")
	if !strings.Contains(out, ": 0 added, 0 updated, 0 removed, 31 unchanged, 0 failed (0 sections") {
		t.Errorf("second run: %q", out)
	}
	out, _, _ = run(t, "--index-dir", cache, "-L", lib, "index", "--rebuild")
	if !strings.Contains(out, ": 30 added, 0 updated, 0 removed, 0 unchanged, 1 failed (") {
		t.Errorf("rebuild: %q", out)
	}
	if strings.Contains(out, "\x1b") || strings.Contains(out, "\r") {
		t.Errorf("progress drawn on output that is not a terminal: %q", out)
	}
}

func TestProgressLine(t *testing.T) {
	var buf bytes.Buffer
	p := &progressLine{w: &buf, on: true, width: 80, minimum: 1}
	p.update(index.Progress{Done: 5, Total: 10, Rate: 50, ETA: 100_000_000})
	p.update(index.Progress{Done: 10, Total: 10, Rate: 50})
	p.clear()
	got := buf.String()
	if !strings.Contains(got, "\r[####################--------------------] 5/10 files  50 files/s  ETA 0:00") ||
		!strings.Contains(got, "10/10 files") || !strings.HasSuffix(got, "\r") {
		t.Errorf("progress output %q", got)
	}
}

// TestSearchHostileFiles searches files made to break brief and checks that
// nothing but styling reaches the terminal, in plain and in styled output.
func TestSearchHostileFiles(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	if _, err := hostile.WriteDir(lib); err != nil {
		t.Fatal(err)
	}
	queries := []string{"text", "body", "heading", "title", "refs", "quote", "links", "click", "deep", "level",
		"bad", "nul", "windows", "long", "code", "table", "bomb", "still", "item", "innocent", "pwned", "x*"}
	for _, q := range queries {
		out, errOut, _ := run(t, "--index-dir", cache, "-L", lib, "search", "--limit", "50", q)
		for name, s := range map[string]string{"stdout": out, "stderr": errOut} {
			if bad := hostile.ForeignEscape(s); bad != "" {
				t.Errorf("search %q: foreign escape in %s: %s", q, name, bad)
			}
		}
		out, _, _ = run(t, "--index-dir", cache, "-L", lib, "search", "--json", q)
		if bad := hostile.ForeignEscape(out); bad != "" {
			t.Errorf("search --json %q: %s", q, bad)
		}
	}

	// Styled output, as on a terminal.
	roots, _ := briefings.ResolveRoots([]string{lib})
	ix, err := index.Open(roots, index.Options{Dir: cache})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if _, err := ix.Sync(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	styled := output{terminal: true, profile: colorprofile.TrueColor}
	total := 0
	for _, q := range queries {
		res, err := ix.Search(context.Background(), index.Request{Query: q, Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		total += len(res.Hits)
		var buf bytes.Buffer
		styled.w = &buf
		if err := writeHits(styled, res.Hits, 60); err != nil {
			t.Fatal(err)
		}
		if bad := hostile.ForeignEscape(buf.String()); bad != "" {
			t.Errorf("styled %q: %s", q, bad)
		}
		if len(res.Hits) > 0 && !strings.Contains(buf.String(), "\x1b[") {
			t.Errorf("styled %q: no styling at all", q)
		}
	}
	if total < 20 {
		t.Errorf("only %d hits in the hostile files; the test searches too little", total)
	}
}

func TestIndexSummary(t *testing.T) {
	s := index.SyncStats{Files: 10, Added: 3, Unchanged: 2, Sections: 12, Bytes: 2048, Elapsed: 1500 * time.Millisecond}
	if got := summary(s, false); got != "indexed 10 files in 1.5s: 3 added, 0 updated, 0 removed, 2 unchanged, 0 failed (12 sections, 2 KiB read)" {
		t.Errorf("summary = %q", got)
	}
	if got := summary(s, true); !strings.HasPrefix(got, "stopped after 5 of 10 files in 1.5s: ") {
		t.Errorf("interrupted summary = %q", got)
	}
}

func TestHitPlace(t *testing.T) {
	tests := []struct {
		hit  index.Hit
		want string
	}{
		{index.Hit{Title: "T", Heading: "H", HeadingPath: []string{"A", "H"}}, "T › A › H"},
		{index.Hit{Title: "T"}, "T"},
		{index.Hit{Title: "Alpha", Heading: "Alpha", HeadingPath: []string{"Alpha"}}, "Alpha"},
		{index.Hit{Title: "Alpha", Heading: "Sub", HeadingPath: []string{"Alpha", "Sub"}}, "Alpha › Sub"},
	}
	for _, tt := range tests {
		if got := hitPlace(tt.hit); got != tt.want {
			t.Errorf("hitPlace(%+v) = %q, want %q", tt.hit, got, tt.want)
		}
	}
}

// brief index never builds a private copy it would throw away: when another
// brief holds the index, it waits a moment, then says so and fails.
func TestIndexRefusesAnIndexInUse(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	if err := corpus.Generate(lib, 5, corpus.Options{Seed: 2}); err != nil {
		t.Fatal(err)
	}
	roots, _ := briefings.ResolveRoots([]string{lib})
	reader, err := index.Open(roots, index.Options{Dir: cache})
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	if _, err := reader.Sync(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	defer func(w time.Duration) { inUseWait = w }(inUseWait)
	inUseWait = 300 * time.Millisecond
	for _, args := range [][]string{{"index"}, {"index", "--rebuild"}} {
		out, errOut, code := run(t, append([]string{"--index-dir", cache, "-L", lib}, args...)...)
		want := "brief: the index of " + roots[0].Path + " is in use by another brief (a reader brings the index up to date itself when it starts); close it and run brief " + strings.Join(args, " ") + " again\n"
		if code != 1 || errOut != want || out != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr:\n got %q\nwant %q", args, code, out, errOut, want)
		}
	}
	if entries, _ := os.ReadDir(filepath.Join(cache, "tmp")); len(entries) != 0 {
		t.Errorf("left in the cache: %v", entries)
	}
	// Searching still works beside it, on a private copy.
	out, errOut, code := run(t, "--index-dir", cache, "-L", lib, "search", "the")
	if code != 0 || !strings.Contains(errOut, "in use by another brief; searching a private copy") || out == "" {
		t.Errorf("search: exit %d, stderr %q", code, errOut)
	}
	// Once the other brief is gone, brief index runs.
	_ = reader.Close()
	out, _, code = run(t, "--index-dir", cache, "-L", lib, "index")
	if code != 0 || !strings.Contains(out, ": 0 added, 0 updated, 0 removed, 5 unchanged") {
		t.Errorf("after: exit %d, %q", code, out)
	}
}

// brief index --prune removes the indexes of libraries that are gone and
// of other versions of brief, saying which and how big they were.
func TestIndexPrune(t *testing.T) {
	cache, kept, gone := t.TempDir(), t.TempDir(), t.TempDir()
	for _, lib := range []string{kept, gone} {
		writeFile(t, filepath.Join(lib, "a.md"), "# A\n\nText.\n")
		if _, errOut, code := run(t, "--index-dir", cache, "-L", lib, "index"); code != 0 {
			t.Fatalf("index %s: %s", lib, errOut)
		}
	}
	if err := os.RemoveAll(gone); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := run(t, "--index-dir", cache, "index", "--prune")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], "("+gone+"), ") || !strings.HasSuffix(lines[0], ": its library no longer exists") ||
		strings.Contains(out, kept) || !strings.HasPrefix(lines[1], "removed 1 index, ") {
		t.Errorf("prune:\n%s", out)
	}
	out, _, _ = run(t, "--index-dir", cache, "-L", kept, "search", "--no-sync", "text")
	if !strings.Contains(out, "a.md") {
		t.Errorf("the index of the library that is still there is gone:\n%s", out)
	}
}

// A question typed as a sentence finds its section; a misspelt word gets a
// suggestion on stderr and in JSON; hits lacking words say which.
func TestSearchQuestionsAndSuggestions(t *testing.T) {
	t.Setenv("BRIEF_LIBRARY", "")
	cache := t.TempDir()
	out, errOut, code := run(t, "--index-dir", cache, "search", "--limit", "3", "why did the us change its policy on long range missiles")
	if code != 0 || !strings.Contains(out, "#the-atacms-decision") {
		t.Errorf("question: exit %d, stderr %q\n%s", code, errOut, out)
	}
	out, errOut, code = run(t, "--index-dir", cache, "search", "--limit", "20", "north korian troops")
	if code != 0 || !strings.Contains(errOut, "did you mean: north korean troops") {
		t.Errorf("misspelt: exit %d, stderr %q", code, errOut)
	}
	if !strings.Contains(out, "missing: korian") {
		t.Errorf("no hit says which word it lacks:\n%s", out)
	}
	out, _, _ = run(t, "--index-dir", cache, "search", "--json", "north korian troops")
	var doc struct {
		Suggestion string `json:"suggestion"`
		Hits       []struct {
			Missing []string `json:"missing"`
		} `json:"hits"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if doc.Suggestion != "north korean troops" || len(doc.Hits) == 0 || len(doc.Hits[0].Missing) == 0 {
		t.Errorf("json: %+v", doc)
	}
}
