package reliability

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// answerLimit is the hang detector of the tests of two processes at once:
// everything should answer within 2 s; a test fails only past this much
// (the machine may be loaded), and the figures report the slowest answer.
const answerLimit = 10 * time.Second

// answered records how long something took to answer, failing past
// answerLimit.
func answered(t testing.TB, what string, took time.Duration) {
	t.Helper()
	latency(what, took)
	if took > answerLimit {
		t.Errorf("%s took %s (a hang)", what, took)
	}
}

// TestTwoSearchesAtOnce starts two brief search at once, over and over,
// half of the time after a briefing changed so that both sync at once (one
// in place, one in a private copy): both answer, and both find the same.
func TestTwoSearchesAtOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	lib := generate(t, 40)
	e := newEnv(t)
	e.mustBrief(t, "-L", lib, "index")
	rounds := 10
	if long {
		rounds = 50
	}
	changed := filepath.Join(lib, "000", "changed.md")
	for round := range rounds {
		countRun(t, "two brief search at once", func() {
			word := "lithium"
			if round%2 == 1 {
				word = fmt.Sprintf("zqround%d", round)
				must(t, os.WriteFile(changed, []byte("# Changed\n\n## Now\n\nThe word "+word+" is new.\n"), 0o644))
			}
			var wg sync.WaitGroup
			results := make([]result, 2)
			for i := range results {
				wg.Go(func() { results[i] = e.brief(t, "-L", lib, "search", "--json", word) })
			}
			wg.Wait()
			for i, r := range results {
				answered(t, "brief search beside another", r.took)
				if r.code != 0 {
					t.Errorf("round %d, search %d: exit %d: %s", round, i, r.code, r.stderr)
					continue
				}
				hits := decodeHits(t, r.stdout)
				if round%2 == 1 && (len(hits) != 1 || hits[0].place != "000/changed.md#now") {
					t.Errorf("round %d, search %d: the changed briefing was not found: %v", round, i, hits)
				}
			}
			a, b := decodeHits(t, results[0].stdout), decodeHits(t, results[1].stdout)
			if d := diffHits(a, b); d != "" {
				t.Errorf("round %d: the two searches differ: %s", round, d)
			}
		})
	}
}

// TestIndexBesideTheReader: the reader is open on a library; brief index
// and brief index --rebuild refuse at once, saying why, and the reader
// keeps answering; a second reader beside the first searches too.
func TestIndexBesideTheReader(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	lib := generate(t, 40)
	e := newEnv(t)
	e.mustBrief(t, "-L", lib, "index")
	want := e.mustBrief(t, "-L", lib, "search", "--no-sync", "lithium").stdout
	title := strings.SplitN(want, "  ", 2)[0]

	s := newSession(t, e, 140, 30)
	s.Split()
	s.run("main.0", nil, "-L", lib, "--style", "dark")
	s.WaitFor("main.0", "40 briefings")
	s.Keys("main.0", "s")
	start := time.Now()
	s.Text("main.0", "lithium")
	s.WaitFor("main.0", title, "sections in")
	answered(t, "the reader's search", time.Since(start))

	for _, args := range [][]string{{"index"}, {"index", "--rebuild"}} {
		countRun(t, "brief "+strings.Join(args, " ")+" while the reader is open", func() {
			r := e.brief(t, append([]string{"-L", lib}, args...)...)
			answered(t, "brief index refusing beside the reader", r.took)
			wantErr := regexp.MustCompile(`^brief: the index of ` + regexp.QuoteMeta(lib) + ` is in use by brief \(pid \d+, running\) \(a reader brings the index up to date itself when it starts\); close it and run brief ` + regexp.QuoteMeta(strings.Join(args, " ")) + " again\n$")
			if r.code != 1 || !wantErr.MatchString(r.stderr) || r.stdout != "" {
				t.Errorf("exit %d, stdout %q, stderr:\n got %q\nwant %s", r.code, r.stdout, r.stderr, wantErr)
			}
			if left := leftovers(e.cache); len(left) > 0 {
				t.Errorf("left in tmp: %q", left)
			}
			// The reader still answers.
			s.Keys("main.0", "C-u")
			start := time.Now()
			s.Text("main.0", "lithium")
			s.WaitFor("main.0", title, "sections in")
			answered(t, "the reader's search", time.Since(start))
		})
	}

	countRun(t, "two readers at once", func() {
		s.run("main.1", nil, "-L", lib, "--style", "dark", "-q", "lithium")
		start := time.Now()
		s.WaitFor("main.1", title, "sections in")
		answered(t, "the second reader's search", time.Since(start))
		// The second one searches a private copy of the index the first
		// one keeps fresh (it watches the library): nothing to say.
		if screen := s.Screen("main.1"); strings.Contains(screen, "in use by another brief") {
			t.Errorf("the second reader notes the private copy of a watched index:\n%s", screen)
		}
		if code := s.Quit("main.1"); code != "0" {
			t.Errorf("the second reader exited %s", code)
		}
	})
	if code := s.Quit("main.0"); code != "0" {
		t.Errorf("the reader exited %s", code)
	}
	// With the reader gone, brief index runs and has nothing to do.
	r := e.mustBrief(t, "-L", lib, "index")
	if st := parseSummary(t, r.stdout); st.unchanged != 40 {
		t.Errorf("after the reader: %s", r.stdout)
	}
}

// TestReaderDuringARebuild: brief index --rebuild runs; a reader opened in
// the middle searches the old index at once; the finished rebuild waits
// for the reader to close, saying so, then takes its place; nothing is
// lost.
func TestReaderDuringARebuild(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	lib := generate(t, libSize(400))
	ref := newEnv(t)
	ref.mustBrief(t, "-L", lib, "index")
	want := takeSnapshot(t, lib, ref.cache)
	title := strings.SplitN(ref.mustBrief(t, "-L", lib, "search", "--no-sync", "lithium").stdout, "  ", 2)[0]

	countRun(t, "a reader opened during brief index --rebuild", func() {
		e := newEnv(t)
		must(t, os.CopyFS(e.cache, os.DirFS(ref.cache)))
		p := newPTY(t, 100, 30, true)
		rebuild := p.start(t, e, nil, "-L", lib, "index", "--rebuild")
		p.waitFor(t, " files ", hangLimit) // the bar: the rebuild is under way

		s := newSession(t, e, 140, 30)
		s.run("main.0", nil, "-L", lib, "--style", "dark", "-q", "lithium")
		start := time.Now()
		s.WaitFor("main.0", title, "sections in")
		answered(t, "a reader's search during a rebuild", time.Since(start))
		if rebuild.exited() {
			t.Skip("the rebuild finished before the reader opened; use a bigger library (BRIEF_RELIABILITY_N)")
		}
		p.waitFor(t, "waiting for it to close to put the rebuilt index in its place", hangLimit)
		if rebuild.exited() {
			t.Fatalf("the rebuild did not wait for the reader: %q", tail(p.output(), 500))
		}
		if code := s.Quit("main.0"); code != "0" {
			t.Errorf("the reader exited %s", code)
		}
		start = time.Now()
		if code := rebuild.wait(t, hangLimit); code != 0 {
			t.Errorf("the rebuild exited %d: %q", code, tail(p.output(), 500))
		}
		answered(t, "the rebuild once the reader closed", time.Since(start))
		if !strings.Contains(p.output(), "brief: note: rebuilt the index of "+lib) {
			t.Errorf("the rebuild did not say it was done: %q", tail(p.output(), 500))
		}
		if d := want.diff(takeSnapshot(t, lib, e.cache)); d != "" {
			t.Errorf("the rebuilt index differs from a fresh build: %s", d)
		}
	})
}

// TestSearchDuringABuild: brief index builds a library from nothing; brief
// search and the reader, started in the middle, answer at once from what
// is indexed so far, and every hit they give is right.
func TestSearchDuringABuild(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	lib := generate(t, libSize(400))
	ref := newEnv(t)
	ref.mustBrief(t, "-L", lib, "index")
	all := map[string]bool{}
	for _, h := range decodeHits(t, ref.mustBrief(t, "-L", lib, "search", "--json", "--no-sync", "--limit", "100000", "lithium").stdout) {
		all[h.place] = true
	}

	countRun(t, "brief search and a reader during a first brief index", func() {
		e := newEnv(t)
		p := newPTY(t, 100, 30, true)
		build := p.start(t, e, nil, "-L", lib, "index")
		p.waitFor(t, " files ", hangLimit)

		r := e.brief(t, "-L", lib, "search", "--json", "--limit", "100000", "lithium")
		answered(t, "brief search during a build", r.took)
		if r.code > 1 {
			t.Fatalf("search: exit %d: %s", r.code, r.stderr)
		}
		for _, h := range decodeHits(t, r.stdout) {
			if !all[h.place] {
				t.Errorf("a wrong hit during the build: %s", h.place)
			}
		}
		s := newSession(t, e, 140, 30)
		s.run("main.0", nil, "-L", lib, "--style", "dark", "-q", "lithium")
		start := time.Now()
		s.WaitUntil("main.0", func(screen string) bool {
			return strings.Contains(screen, "sections in") || strings.Contains(screen, "Indexing ") ||
				strings.Contains(screen, "No section matches")
		}, "an answer")
		answered(t, "a reader's search during a build", time.Since(start))
		if code := build.wait(t, hangLimit); code != 0 {
			t.Errorf("the build exited %d: %q", code, tail(p.output(), 500))
		}
		if code := s.Quit("main.0"); code != "0" {
			t.Errorf("the reader exited %s", code)
		}
		got := decodeHits(t, e.mustBrief(t, "-L", lib, "search", "--json", "--no-sync", "--limit", "100000", "lithium").stdout)
		if len(got) != len(all) {
			t.Errorf("after the build: %d hits, want %d", len(got), len(all))
		}
	})
}
