package reliability

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// holdsLock reports whether process pid holds a lock of the given kind
// ("READ" or "WRITE") on the file at path, from /proc/locks.
func holdsLock(path string, pid int, kind string) bool {
	var st syscall.Stat_t
	if syscall.Stat(path, &st) != nil {
		return false
	}
	dev := uint64(st.Dev) //nolint:unconvert // its type differs between architectures
	id := fmt.Sprintf("%02x:%02x:%d", unix.Major(dev), unix.Minor(dev), st.Ino)
	data, err := os.ReadFile("/proc/locks")
	if err != nil {
		return false
	}
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) >= 6 && f[1] != "->" && f[3] == kind && f[4] == strconv.Itoa(pid) && f[5] == id {
			return true
		}
	}
	return false
}

// stopWhenLocked polls /proc/locks until process pr holds a lock of kind
// on path, and stops it there with SIGSTOP (SIGCONT when the test ends).
func stopWhenLocked(t *testing.T, pr *proc, path, kind string) {
	t.Helper()
	pid := pr.cmd.Process.Pid
	deadline := time.Now().Add(hangLimit)
	// A builder takes the build lock, then writes who it is in the file: a
	// stop between the two would leave others to name it only "brief".
	said := func() bool {
		data, _ := os.ReadFile(path)
		return !strings.HasSuffix(path, ".build") || strings.HasPrefix(string(data), fmt.Sprint(pid)+" ")
	}
	for !holdsLock(path, pid, kind) || !said() {
		if pr.exited() || time.Now().After(deadline) {
			t.Skipf("%s never held a %s lock on %s that could be caught", strings.Join(pr.cmd.Args, " "), kind, filepath.Base(path))
		}
	}
	must(t, pr.cmd.Process.Signal(syscall.SIGSTOP))
	if !holdsLock(path, pid, kind) {
		_ = pr.cmd.Process.Signal(syscall.SIGCONT)
		t.Skip("the lock was let go of before the stop landed")
	}
	t.Cleanup(func() { _ = pr.cmd.Process.Signal(syscall.SIGCONT) })
}

// startBrief starts brief without a terminal; its output is in the
// buffers.
func (e *env) startBrief(t *testing.T, args ...string) (*proc, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = e.environ()
	cmd.Dir = e.home
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	return startProc(t, cmd), &out
}

// TestStoppedLockHolder stops (SIGSTOP) a brief at each moment it holds a
// lock that others need: a rebuild holding the build lock, a rebuild
// renaming the index into place (the lock file held exclusively), brief
// index syncing in place (scorch's lock on root.bolt), and a reader
// holding the lock file shared while a rebuild waits for it. Every other
// brief answers within 2 s or says who holds what ("(pid N, stopped)"),
// and the waiting rebuild gives up on Ctrl-C within a second.
func TestStoppedLockHolder(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("reads /proc/locks")
	}
	if testing.Short() {
		t.Skip("slow")
	}
	lib := generate(t, libSize(300))
	ref := newEnv(t)
	ref.mustBrief(t, "-L", lib, "index")
	want := searchJSON(t, ref, lib, "lithium")
	fresh := func(t *testing.T) *env {
		e := newEnv(t)
		must(t, os.CopyFS(e.cache, os.DirFS(ref.cache)))
		return e
	}
	searches := func(t *testing.T, e *env, saying string) {
		t.Helper()
		for _, args := range [][]string{{"search", "--json"}, {"search", "--json", "--no-sync"}} {
			r := e.brief(t, append(append([]string{"-L", lib}, args...), "lithium")...)
			answered(t, "brief "+strings.Join(args, " ")+" beside a stopped lock holder", r.took)
			if r.code != 0 || len(decodeHits(t, r.stdout)) == 0 || !strings.Contains(r.stderr, saying) {
				t.Errorf("%v: exit %d, stderr %q, want it to say %q", args, r.code, r.stderr, saying)
			}
		}
	}
	stopped := func(pr *proc) string { return fmt.Sprintf("(pid %d, stopped)", pr.cmd.Process.Pid) }
	lockFile := func(e *env) string { return indexDirs(e.cache)[0] + ".lock" }

	for range rounds(3) {
		countRun(t, "SIGSTOP of brief index --rebuild holding the build lock", func() {
			e := fresh(t)
			rebuild, _ := e.startBrief(t, "-L", lib, "index", "--rebuild")
			stopWhenLocked(t, rebuild, indexDirs(e.cache)[0]+".build", "WRITE")
			r := e.brief(t, "-L", lib, "search", "--json", "--no-sync", "lithium")
			answered(t, "brief search beside a stopped rebuild", r.took)
			if d := diffHits(want, decodeHits(t, r.stdout)); d != "" || r.code != 0 {
				t.Errorf("search beside a stopped rebuild of a good index: exit %d, %s", r.code, d)
			}
			r = e.brief(t, "-L", lib, "index", "--rebuild")
			answered(t, "a second brief index --rebuild refusing", r.took)
			if r.code != 1 || !strings.Contains(r.stderr, "another brief is already building the index of "+lib+": brief index --rebuild "+stopped(rebuild)) {
				t.Errorf("second rebuild: exit %d, stderr %q", r.code, r.stderr)
			}
			must(t, rebuild.cmd.Process.Signal(syscall.SIGCONT))
			if code := rebuild.wait(t, hangLimit); code != 0 {
				t.Errorf("the rebuild exited %d", code)
			}
		})
		countRun(t, "SIGSTOP of brief index --rebuild holding the build lock of a damaged index", func() {
			e := fresh(t)
			must(t, os.WriteFile(filepath.Join(indexDirs(e.cache)[0], "index_meta.json"), []byte("garbage"), 0o600))
			rebuild, _ := e.startBrief(t, "-L", lib, "index", "--rebuild")
			stopWhenLocked(t, rebuild, indexDirs(e.cache)[0]+".build", "WRITE")
			searches(t, e, "these results come from a quick scan of the files: the index of "+lib+" is being rebuilt by brief index --rebuild "+stopped(rebuild))
		})
		countRun(t, "SIGSTOP of brief index --rebuild renaming the index into place (lock file held exclusively)", func() {
			e := fresh(t)
			rebuild, _ := e.startBrief(t, "-L", lib, "index", "--rebuild")
			stopWhenLocked(t, rebuild, lockFile(e), "WRITE")
			searches(t, e, "is locked by brief index --rebuild "+stopped(rebuild))
			r := e.brief(t, "-L", lib, "index")
			answered(t, "brief index refusing beside a stopped rename", r.took)
			if r.code != 1 || !strings.Contains(r.stderr, "is in use by brief index --rebuild "+stopped(rebuild)) {
				t.Errorf("brief index: exit %d, stderr %q", r.code, r.stderr)
			}
		})
		countRun(t, "SIGSTOP of brief index syncing in place (scorch's lock on root.bolt)", func() {
			e := newEnv(t)
			grown := t.TempDir()
			must(t, os.CopyFS(grown, os.DirFS(lib)))
			e.mustBrief(t, "-L", grown, "index")
			must(t, os.CopyFS(filepath.Join(grown, "new"), os.DirFS(filepath.Join(lib, "000"))))
			sync, _ := e.startBrief(t, "-L", grown, "index")
			stopWhenLocked(t, sync, filepath.Join(indexDirs(e.cache)[0], "store", "root.bolt"), "WRITE")
			r := e.brief(t, "-L", grown, "search", "--json", "lithium")
			answered(t, "brief search beside a stopped sync", r.took)
			if r.code != 0 || len(decodeHits(t, r.stdout)) == 0 {
				t.Errorf("search: exit %d, stderr %q", r.code, r.stderr)
			}
			r = e.brief(t, "-L", grown, "index")
			answered(t, "brief index refusing beside a stopped sync", r.took)
			if r.code != 1 || !strings.Contains(r.stderr, stopped(sync)) {
				t.Errorf("brief index: exit %d, stderr %q", r.code, r.stderr)
			}
		})
		countRun(t, "SIGSTOP of a reader while brief index --rebuild waits for it; Ctrl-C gives up the wait", func() {
			e := fresh(t)
			p := newPTY(t, 200, 30, true)
			rebuild := p.start(t, e, nil, "-L", lib, "index", "--rebuild")
			p.waitFor(t, " files ", hangLimit)
			s := newSession(t, e, 120, 30)
			s.run("main.0", nil, "-L", lib, "--style", "dark", "-q", "lithium")
			s.WaitFor("main.0", "sections in")
			reader := briefPID(t, s, "main.0")
			must(t, syscall.Kill(reader, syscall.SIGSTOP))
			t.Cleanup(func() { _ = syscall.Kill(reader, syscall.SIGCONT) })
			if rebuild.exited() {
				t.Skip("the rebuild finished before the reader opened; use a bigger library (BRIEF_RELIABILITY_N)")
			}
			p.waitFor(t, fmt.Sprintf("(pid %d, stopped); waiting for it to close", reader), hangLimit)
			start := time.Now()
			_, err := p.master.Write([]byte{3}) // Ctrl-C
			must(t, err)
			code := rebuild.wait(t, hangLimit)
			latency("brief index --rebuild ending on Ctrl-C", time.Since(start))
			if code != 130 || time.Since(start) > 5*time.Second {
				t.Errorf("Ctrl-C: exit %d after %s", code, time.Since(start))
			}
			if left := leftovers(e.cache); len(left) > 0 {
				t.Errorf("left in tmp: %q", left)
			}
			r := e.brief(t, "-L", lib, "search", "--json", "--no-sync", "lithium")
			if d := diffHits(want, decodeHits(t, r.stdout)); d != "" {
				t.Errorf("the index after the rebuild gave up: %s", d)
			}
		})
	}
}
