// Package reliability is brief's fault-injection suite: it runs the real
// binary and does to it what a laptop does to a program (SIGKILL part way
// through an index build, a damaged or locked index, two copies at once, an
// unwritable or full state folder, files changing while they are open,
// hostile files on a real terminal) and checks that brief survives with
// nothing lost. Every test records how many times it injected each fault and
// how many runs failed; scripts/reliability runs the long versions and prints
// the table that RELIABILITY.md quotes.
//
// By default the tests use small libraries so that `go test ./...` stays
// quick. BRIEF_RELIABILITY=long uses bigger ones (see scripts/reliability);
// BRIEF_RELIABILITY_REPORT=FILE writes the figures to FILE.
package reliability

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/briefreader/brief/internal/tmuxtest"
)

// binary is the brief built once for all tests.
var binary string

// long is true when the long versions of the tests run.
var long = os.Getenv("BRIEF_RELIABILITY") == "long"

func TestMain(m *testing.M) {
	bin, remove, err := tmuxtest.Build("..")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = bin
	code := m.Run()
	if err := writeReport(os.Getenv("BRIEF_RELIABILITY_REPORT")); err != nil {
		fmt.Fprintln(os.Stderr, "report:", err)
		code = 1
	}
	remove()
	os.Exit(code)
}

// env is a private home for brief: configuration, cache, state and runtime
// folders of its own, and no library from the environment.
type env struct {
	home  string
	cache string // --index-dir
	state string // BRIEF_STATE_DIR
	vars  []string
}

func newEnv(t testing.TB) *env {
	t.Helper()
	home := t.TempDir()
	e := &env{home: home, cache: filepath.Join(home, "cache"), state: filepath.Join(home, "state")}
	e.vars = []string{
		"HOME=" + home,
		"BRIEF_CONFIG=" + filepath.Join(home, "config.yaml"),
		"BRIEF_INDEX_DIR=" + e.cache,
		"BRIEF_STATE_DIR=" + e.state,
		"BRIEF_LIBRARY=",
		"XDG_CONFIG_HOME=" + filepath.Join(home, "config"),
		"XDG_CACHE_HOME=" + filepath.Join(home, "xdg-cache"),
		"XDG_STATE_HOME=" + filepath.Join(home, "xdg-state"),
		"XDG_RUNTIME_DIR=" + filepath.Join(home, "run"),
		"NO_COLOR=",
		"GLAMOUR_STYLE=",
		"TERM=xterm-256color",
	}
	return e
}

// environ returns the process environment with e's variables (and extra
// ones) in force.
func (e *env) environ(extra ...string) []string {
	out := os.Environ()
	out = append(out, e.vars...)
	return append(out, extra...)
}

// rounds is how many times a test repeats a fault: once by default, n
// times in the long run.
func rounds(n int) int {
	if long {
		return n
	}
	return 1
}

// result is how a run of brief ended.
type result struct {
	stdout, stderr string
	code           int
	took           time.Duration
}

// hangLimit is how long any brief command may take before a test calls it
// a hang. It detects hangs; it is not a speed test.
const hangLimit = 60 * time.Second

// quitWait is how long a hung brief has, after SIGQUIT, to print its
// goroutine stacks and exit before it is killed.
const quitWait = 5 * time.Second

// brief runs the binary to completion and returns what it printed.
func (e *env) brief(t testing.TB, args ...string) result {
	t.Helper()
	return e.briefTimeout(t, hangLimit, args...)
}

func (e *env) briefTimeout(t testing.TB, limit time.Duration, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, args...)
	// On the deadline, SIGQUIT first: the Go runtime prints every
	// goroutine's stack to stderr and exits, which says where it hung.
	// Whatever does not exit within quitWait is killed.
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGQUIT) }
	cmd.WaitDelay = quitWait
	cmd.Env = e.environ()
	cmd.Dir = e.home
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	start := time.Now()
	err := cmd.Run()
	r := result{stdout: out.String(), stderr: errOut.String(), took: time.Since(start)}
	if ctx.Err() != nil {
		t.Fatalf("brief %s did not finish within %s (a hang; stacks from SIGQUIT follow)\nstdout: %s\nstderr: %s", strings.Join(args, " "), limit, r.stdout, r.stderr)
	}
	if err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			t.Fatalf("brief %s: %v", strings.Join(args, " "), err)
		}
		r.code = ee.ExitCode()
	}
	return r
}

// mustBrief runs brief and fails the test unless it exits 0.
func (e *env) mustBrief(t testing.TB, args ...string) result {
	t.Helper()
	r := e.brief(t, args...)
	if r.code != 0 {
		t.Fatalf("brief %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), r.code, r.stdout, r.stderr)
	}
	return r
}

// The figures: how many times each fault was injected, and how many of
// those runs did not end as they should.

type tally struct{ runs, failures int }

var (
	figuresMu sync.Mutex
	figures   = map[string]*tally{}
)

// count records one run of a fault; ok says whether brief survived it.
func count(fault string, ok bool) {
	figuresMu.Lock()
	defer figuresMu.Unlock()
	f := figures[fault]
	if f == nil {
		f = &tally{}
		figures[fault] = f
	}
	f.runs++
	if !ok {
		f.failures++
	}
}

// countRun records a fault run whose checks are the test's own: it counts
// as failed when the test has failed by its end (also when an earlier run
// of the same test failed: the figures never hide a failure).
func countRun(t testing.TB, fault string, run func()) {
	t.Helper()
	defer func() { count(fault, !t.Failed()) }()
	run()
}

// Answer times of the tests of two processes at once.

type timing struct {
	runs, over int // over: slower than 2 s
	slowest    time.Duration
}

var timings = map[string]*timing{}

// latency records how long something took to answer.
func latency(what string, took time.Duration) {
	figuresMu.Lock()
	defer figuresMu.Unlock()
	tm := timings[what]
	if tm == nil {
		tm = &timing{}
		timings[what] = tm
	}
	tm.runs++
	tm.slowest = max(tm.slowest, took)
	if took > 2*time.Second {
		tm.over++
	}
}

// Other measures, by name.
var measures = map[string]string{}

// figure records a measure for the report.
func figure(what, value string) {
	figuresMu.Lock()
	defer figuresMu.Unlock()
	measures[what] = value
}

// writeReport writes the figures as markdown tables.
func writeReport(path string) error {
	if path == "" {
		return nil
	}
	figuresMu.Lock()
	defer figuresMu.Unlock()
	names := make([]string, 0, len(figures))
	for n := range figures {
		names = append(names, n)
	}
	sort.Strings(names)
	var sb strings.Builder
	sb.WriteString("| fault | runs | failures |\n|---|---:|---:|\n")
	for _, n := range names {
		fmt.Fprintf(&sb, "| %s | %d | %d |\n", n, figures[n].runs, figures[n].failures)
	}
	names = names[:0]
	for n := range timings {
		names = append(names, n)
	}
	sort.Strings(names)
	sb.WriteString("\n| answer | runs | slowest | over 2 s |\n|---|---:|---:|---:|\n")
	for _, n := range names {
		tm := timings[n]
		fmt.Fprintf(&sb, "| %s | %d | %.2f s | %d |\n", n, tm.runs, tm.slowest.Seconds(), tm.over)
	}
	if len(measures) > 0 {
		names = names[:0]
		for n := range measures {
			names = append(names, n)
		}
		sort.Strings(names)
		sb.WriteString("\n| measure | value |\n|---|---:|\n")
		for _, n := range names {
			fmt.Fprintf(&sb, "| %s | %s |\n", n, measures[n])
		}
	}
	return os.WriteFile(path, []byte(sb.String()), 0o644)
}
