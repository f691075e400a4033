package reliability

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// killPoints is how many different moments of a build are killed.
const killPoints = 20

// libSize is the number of briefings of the kill tests' library: small by
// default, BRIEF_RELIABILITY_N or 2,000 in the long run.
func libSize(small int) int {
	if s := os.Getenv("BRIEF_RELIABILITY_N"); s != "" {
		if n, err := strconv.Atoi(s); err == nil && n > 0 {
			return n
		}
	}
	if long {
		return 2000
	}
	return small
}

// progressRE reads the progress bar `brief index` draws on a terminal.
var progressRE = regexp.MustCompile(`\] (\d+)/(\d+) files`)

// lastProgress returns the last files done/total the bar showed.
func lastProgress(out string) (done, total int, ok bool) {
	m := progressRE.FindAllStringSubmatch(out, -1)
	if len(m) == 0 {
		return 0, 0, false
	}
	done, _ = strconv.Atoi(m[len(m)-1][1])
	total, _ = strconv.Atoi(m[len(m)-1][2])
	return done, total, true
}

// killAt starts `brief index` (args) on a terminal and kills it with
// SIGKILL at point i of killPoints: point 0 at once, before any file is
// read; the last when the bar shows every file done (while the last
// batches are written); the others when the bar passes their share of the
// files. It returns the files done when the kill came, -1 if before any
// progress, and whether the build finished before the kill could land.
func killAt(t *testing.T, e *env, i int, args ...string) (done int, finished bool) {
	t.Helper()
	p := newPTY(t, 100, 30, true)
	pr := p.start(t, e, nil, args...)
	done = -1
	if i > 0 {
		frac := float64(i) / float64(killPoints-1)
		deadline := time.Now().Add(hangLimit)
	wait:
		for {
			if pr.exited() {
				return done, true
			}
			if d, total, ok := lastProgress(p.output()); ok {
				done = d
				if float64(d) >= frac*float64(total) {
					break wait
				}
			}
			if time.Now().After(deadline) {
				t.Fatalf("brief index showed no progress within %s: %q", hangLimit, tail(p.output(), 300))
			}
			time.Sleep(2 * time.Millisecond) // poll interval, bounded by the deadline
		}
	}
	finished = pr.exited()
	pr.kill(t)
	return done, finished
}

// TestKillIndexBuild kills `brief index` at 20 points of a first build and
// `brief index --rebuild` at 20 points of a rebuild; after each kill, the
// next `brief index` completes and the index holds exactly what a fresh
// build holds: the same documents, manifest and top hits.
func TestKillIndexBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	n := libSize(150)
	lib := generate(t, n)

	ref := newEnv(t)
	refRun := ref.mustBrief(t, "-L", lib, "index")
	want := takeSnapshot(t, lib, ref.cache)
	if want.sections == 0 || want.files != int64(n) {
		t.Fatalf("the reference build holds %d sections of %d files: %s", want.sections, want.files, refRun.stdout)
	}
	t.Logf("library: %d briefings, %d sections; reference build: %s", n, want.sections, strings.TrimSpace(refRun.stdout))
	for _, q := range queries {
		if len(want.top[q]) == 0 {
			t.Errorf("query %q finds nothing in the reference: choose another", q)
		}
	}

	t.Run("first build", func(t *testing.T) {
		for i := range killPoints {
			countRun(t, "SIGKILL during a first `brief index`", func() {
				e := newEnv(t)
				done, finished := killAt(t, e, i, "-L", lib, "index")
				after := e.mustBrief(t, "-L", lib, "index")
				st := parseSummary(t, after.stdout)
				if st.added+st.unchanged != n || st.updated != 0 || st.removed != 0 || st.failed != 0 {
					t.Errorf("point %d (killed at %d files): the next run did not add exactly the missing files: %s", i, done, after.stdout)
				}
				if d := want.diff(takeSnapshot(t, lib, e.cache)); d != "" {
					t.Errorf("point %d (killed at %d files): the index differs from a fresh build: %s", i, done, d)
				}
				if left := leftovers(e.cache); len(left) > 0 {
					t.Errorf("point %d: left in tmp after the next run: %q", i, left)
				}
				t.Logf("point %d: killed at %d files (finished first: %v); next run: %s", i, done, finished, strings.TrimSpace(after.stdout))
			})
		}
	})

	t.Run("rebuild", func(t *testing.T) {
		e := newEnv(t)
		e.mustBrief(t, "-L", lib, "index")
		for i := range killPoints {
			countRun(t, "SIGKILL during `brief index --rebuild`", func() {
				done, finished := killAt(t, e, i, "-L", lib, "index", "--rebuild")
				after := e.mustBrief(t, "-L", lib, "index")
				st := parseSummary(t, after.stdout)
				// A killed rebuild leaves the old index in place: nothing
				// to do. One that finished replaced it with an equal one.
				if st.unchanged != n {
					t.Errorf("point %d (killed at %d files): the index was not whole after the killed rebuild: %s", i, done, after.stdout)
				}
				if d := want.diff(takeSnapshot(t, lib, e.cache)); d != "" {
					t.Errorf("point %d (killed at %d files): the index differs from a fresh build: %s", i, done, d)
				}
				if left := leftovers(e.cache); len(left) > 0 {
					t.Errorf("point %d: left in tmp after the next run: %q", i, left)
				}
				t.Logf("point %d: killed at %d files (finished first: %v)", i, done, finished)
			})
		}
	})

	// Kill after kill, with no complete run in between, then finish.
	t.Run("repeated", func(t *testing.T) {
		countRun(t, "5 SIGKILLs in a row during one first build", func() {
			e := newEnv(t)
			for i := 1; i < killPoints; i += 4 {
				killAt(t, e, i, "-L", lib, "index")
			}
			e.mustBrief(t, "-L", lib, "index")
			if d := want.diff(takeSnapshot(t, lib, e.cache)); d != "" {
				t.Errorf("the index differs from a fresh build: %s", d)
			}
			for _, q := range queries {
				if d := diffHits(want.top[q], searchJSON(t, e, lib, q)); d != "" {
					t.Errorf("brief search --json %q: %s", q, d)
				}
			}
		})
	})
}

type syncSummary struct{ added, updated, removed, unchanged, failed int }

var summaryRE = regexp.MustCompile(`: (\d+) added, (\d+) updated, (\d+) removed, (\d+) unchanged, (\d+) failed`)

func parseSummary(t testing.TB, out string) syncSummary {
	t.Helper()
	m := summaryRE.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no summary in %q", out)
	}
	var v [5]int
	for i := range v {
		v[i], _ = strconv.Atoi(m[i+1])
	}
	return syncSummary{v[0], v[1], v[2], v[3], v[4]}
}
