package reliability

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestConcurrentRebuilds starts 3, then 5 brief index --rebuild at once:
// one rebuilds, the others say who does and stop (exit 1) at once, and
// the index ends as a fresh build, with nothing left in tmp.
func TestConcurrentRebuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	lib := generate(t, libSize(300))
	e := newEnv(t)
	e.mustBrief(t, "-L", lib, "index")
	want := takeSnapshot(t, lib, e.cache)
	for _, n := range []int{3, 5} {
		for range rounds(3) {
			countRun(t, fmt.Sprintf("%d brief index --rebuild at once", n), func() {
				results := make([]result, n)
				var wg sync.WaitGroup
				for i := range results {
					wg.Go(func() { results[i] = e.brief(t, "-L", lib, "index", "--rebuild") })
				}
				wg.Wait()
				won := 0
				for _, r := range results {
					switch {
					case r.code == 0:
						won++
					case r.code == 1 && strings.Contains(r.stderr, "another brief is already building the index of "+lib+": brief index --rebuild (pid "):
						answered(t, "a brief index --rebuild refusing beside another", r.took)
					default:
						t.Errorf("exit %d: %s", r.code, r.stderr)
					}
				}
				if won != 1 {
					t.Errorf("%d rebuilds finished, want 1", won)
				}
				if d := want.diff(takeSnapshot(t, lib, e.cache)); d != "" {
					t.Errorf("after %d rebuilds at once: %s", n, d)
				}
				if left := leftovers(e.cache); len(left) > 0 {
					t.Errorf("left in tmp: %q", left)
				}
			})
		}
	}
}

// TestConcurrentFirstSearches starts 8 brief search at once on an empty
// cache, 30 times: every one answers, finds what is there (no false "no
// section matches"), and none says the index is damaged.
func TestConcurrentFirstSearches(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	lib := generate(t, 40)
	ref := newEnv(t)
	ref.mustBrief(t, "-L", lib, "index")
	total := len(decodeHits(t, ref.mustBrief(t, "-L", lib, "search", "--json", "--no-sync", "--limit", "1000", "lithium").stdout))
	if total == 0 {
		t.Fatal("nothing to find")
	}
	for range 30 {
		countRun(t, "8 brief search at once on an empty cache", func() {
			e := newEnv(t)
			results := make([]result, 8)
			var wg sync.WaitGroup
			for i := range results {
				wg.Go(func() { results[i] = e.brief(t, "-L", lib, "search", "--json", "--limit", "1000", "lithium") })
			}
			wg.Wait()
			for i, r := range results {
				answered(t, "brief search with 7 others on an empty cache", r.took)
				if r.code != 0 {
					t.Errorf("search %d: exit %d, stderr %q", i, r.code, r.stderr)
					continue
				}
				hits := decodeHits(t, r.stdout)
				if len(hits) == 0 {
					t.Errorf("search %d: exit %d, %d hits, stderr %q", i, r.code, len(hits), r.stderr)
				}
				for _, bad := range []string{"damaged", "rebuilding", "another version"} {
					if strings.Contains(r.stderr, bad) {
						t.Errorf("search %d: a spurious notice: %q", i, r.stderr)
					}
				}
			}
			// Afterwards the index is whole.
			if got := len(searchJSONAll(t, e, lib, "lithium")); got != total {
				t.Errorf("after the first searches: %d hits, want %d", got, total)
			}
			if left := leftovers(e.cache); len(left) > 0 {
				t.Errorf("left in tmp: %q", left)
			}
		})
	}
}

// searchJSONAll runs brief search --no-sync for every hit of q.
func searchJSONAll(t *testing.T, e *env, lib, q string) []hitKey {
	t.Helper()
	r := e.brief(t, "-L", lib, "search", "--json", "--no-sync", "--limit", "100000", q)
	return decodeHits(t, r.stdout)
}

// TestSearchBesideARebuildOfADamagedIndex: the index is damaged and brief
// index --rebuild is rebuilding it; brief search answers within 2 s, from
// a quick scan of the files, saying so, and never builds a second copy:
// 20 runs on 2,000 and on 40,000 briefings in the long run (2 on 300
// otherwise). The rebuild is killed after each search (it is not what is
// tested; the next run cleans up after it).
func TestSearchBesideARebuildOfADamagedIndex(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	sizes, runs := []int{300}, 2
	if long {
		sizes, runs = []int{2000, 40000}, 20
	}
	for _, n := range sizes {
		lib := generate(t, n)
		e := newEnv(t)
		if r := e.briefTimeout(t, time.Hour, "-L", lib, "index"); r.code != 0 {
			t.Fatalf("brief index: exit %d: %s", r.code, r.stderr)
		}
		must(t, os.WriteFile(filepath.Join(indexDirs(e.cache)[0], "index_meta.json"), []byte("garbage"), 0o600))
		what := fmt.Sprintf("brief search beside a rebuild of a damaged index (%d briefings)", n)
		for range runs {
			countRun(t, what, func() {
				p := newPTY(t, 100, 30, true)
				rebuild := p.start(t, e, nil, "-L", lib, "index", "--rebuild")
				p.waitFor(t, " files ", hangLimit) // the rebuild is under way
				r := e.brief(t, "-L", lib, "search", "--json", "lithium")
				latency(what, r.took)
				if r.code != 0 || len(decodeHits(t, r.stdout)) == 0 {
					t.Errorf("search: exit %d, stderr %q", r.code, r.stderr)
				}
				if rebuild.exited() {
					t.Skip("the rebuild ended before the search; use a bigger library")
				}
				if !strings.Contains(r.stderr, "is being rebuilt by brief index --rebuild (pid ") || !strings.Contains(r.stderr, "these results come from a quick scan") {
					t.Errorf("search: stderr %q", r.stderr)
				}
				if left := leftovers(e.cache); len(left) != 1 {
					t.Errorf("tmp holds %q, want the one rebuild", left)
				}
				rebuild.kill(t)
			})
		}
	}
}
