package reliability

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// watcher is a running brief index --watch.
type watcher struct {
	cmd          *exec.Cmd
	stdout, errs bytes.Buffer
}

func startWatcher(t *testing.T, e *env, lib string) *watcher {
	t.Helper()
	w := &watcher{cmd: exec.Command(binary, "-L", lib, "index", "--watch")}
	w.cmd.Env = e.environ()
	w.cmd.Dir = e.home
	w.cmd.Stdout, w.cmd.Stderr = &w.stdout, &w.errs
	must(t, w.cmd.Start())
	t.Cleanup(func() {
		_ = w.cmd.Process.Signal(syscall.SIGCONT)
		_ = w.cmd.Process.Kill()
		_ = w.cmd.Wait()
	})
	return w
}

// waitMarker waits until the watch marker of the index in e's cache says
// state ("fresh", "pending").
func waitMarker(t *testing.T, e *env, state string) {
	t.Helper()
	deadline := time.Now().Add(hangLimit)
	for {
		files, _ := filepath.Glob(filepath.Join(e.cache, "*.watch"))
		for _, f := range files {
			if data, err := os.ReadFile(f); err == nil && strings.HasPrefix(string(data), state) {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("the watch marker never said %q (markers: %q)", state, files)
		}
		time.Sleep(10 * time.Millisecond) // polls a file another process writes
	}
}

// found reports whether brief search finds word, and how long it took.
func found(t *testing.T, e *env, lib, word string) (bool, time.Duration) {
	t.Helper()
	r := e.brief(t, "-L", lib, "search", "--json", word)
	var doc struct {
		Hits []json.RawMessage `json:"hits"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("search --json: %v\n%s\n%s", err, r.stdout, r.stderr)
	}
	return len(doc.Hits) > 0, r.took
}

// TestSearchBesideAWatcher: while brief index --watch follows a library,
// brief search asks it (or trusts the index) and skips looking at every
// file, and it
// never answers from a stale index: a file saved just before the search is
// always found, also while the watcher is stopped, after it was killed, and
// with two watchers at once.
func TestSearchBesideAWatcher(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	e := newEnv(t)
	lib := generate(t, 40)
	e.mustBrief(t, "-L", lib, "index")
	w := startWatcher(t, e, lib)
	waitMarker(t, e, "fresh")
	// It answers searches on a socket beside the index (internal/remote).
	if socks, _ := filepath.Glob(filepath.Join(e.cache, "answers-*.sock")); len(socks) != 1 {
		t.Errorf("sockets of the watcher: %q, want one", socks)
	}
	// Beside a watcher with nothing waiting, the search says nothing of
	// the private copy it searches: it is as fresh as the shared index.
	if r := e.brief(t, "-L", lib, "search", "lithium"); r.code != 0 || strings.Contains(r.stderr, "private copy") {
		t.Errorf("search beside a fresh watcher: exit %d, stderr %q", r.code, r.stderr)
	}

	save := func(name, word string) {
		must(t, os.WriteFile(filepath.Join(lib, name), []byte(fmt.Sprintf("# %s\n\nThe word %s.\n", name, word)), 0o644))
	}
	for i := range rounds(20) * 3 {
		countRun(t, "search right after a save, beside brief index --watch: the file is found", func() {
			word := fmt.Sprintf("zqsaved%dx", i)
			save(fmt.Sprintf("saved-%d.md", i), word)
			ok, took := found(t, e, lib, word)
			latency("search right after a save, beside a watcher", took)
			if !ok {
				t.Errorf("round %d: %q saved just before the search was not found (a stale index trusted)", i, word)
			}
		})
	}

	countRun(t, "search beside a stopped watcher: the file is found", func() {
		waitMarker(t, e, "fresh")
		must(t, w.cmd.Process.Signal(syscall.SIGSTOP))
		save("while-stopped.md", "zqstoppedx")
		ok, took := found(t, e, lib, "zqstoppedx")
		latency("search beside a stopped watcher", took)
		if !ok {
			t.Error("a file saved while the watcher was stopped was not found")
		}
		must(t, w.cmd.Process.Signal(syscall.SIGCONT))
	})

	countRun(t, "search beside a second watcher on the same library", func() {
		second := startWatcher(t, e, lib)
		save("two-watchers.md", "zqtwox")
		if ok, _ := found(t, e, lib, "zqtwox"); !ok {
			t.Error("with two watchers, a saved file was not found")
		}
		_ = second.cmd.Process.Signal(syscall.SIGINT)
		_ = second.cmd.Wait()
	})

	countRun(t, "search after the watcher was killed (its marker left behind)", func() {
		waitMarker(t, e, "fresh")
		must(t, w.cmd.Process.Kill())
		_ = w.cmd.Wait()
		save("after-kill.md", "zqkilledx")
		if ok, _ := found(t, e, lib, "zqkilledx"); !ok {
			t.Error("after the watcher died, a saved file was not found")
		}
	})
}
