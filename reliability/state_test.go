package reliability

import (
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/briefreader/brief/internal/state"
)

// mountTmpfs mounts a small tmpfs on dir for the test, or skips the test
// when this process may not mount.
func mountTmpfs(t *testing.T, dir string, size string) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root to mount a small file system")
	}
	must(t, os.MkdirAll(dir, 0o755))
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v: %s", err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", dir).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v: %s", dir, err, out)
		}
	})
}

// stateFault makes the state folder of e unusable in one way. It returns
// the cause brief must give when it cannot save.
type stateFault struct {
	name  string
	apply func(t *testing.T, e *env) string
}

var stateFaults = []stateFault{
	{"the state folder is under a file", func(t *testing.T, e *env) string {
		file := filepath.Join(e.home, "file")
		must(t, os.WriteFile(file, nil, 0o600))
		e.vars = append(e.vars, "BRIEF_STATE_DIR="+filepath.Join(file, "brief"))
		return file + " is a file, not a folder"
	}},
	{"the state file is a folder", func(t *testing.T, e *env) string {
		must(t, os.MkdirAll(filepath.Join(e.state, "state.json", "inside"), 0o700))
		return filepath.Join(e.state, "state.json") + " is a folder, not a regular file"
	}},
	{"a read-only state folder", func(t *testing.T, e *env) string {
		if os.Geteuid() != 0 {
			must(t, os.MkdirAll(e.state, 0o700))
			must(t, os.Chmod(e.state, 0o500))
			t.Cleanup(func() { _ = os.Chmod(e.state, 0o700) })
			return "no permission to write in " + e.state
		}
		mountTmpfs(t, e.state, "1m")
		if out, err := exec.Command("mount", "-o", "remount,ro", e.state).CombinedOutput(); err != nil {
			t.Fatalf("remount read-only: %v: %s", err, out)
		}
		return e.state + " is on a read-only file system"
	}},
	{"a full disk under the state folder", func(t *testing.T, e *env) string {
		mountTmpfs(t, e.state, "64k")
		// Fill it: a file as large as the file system takes.
		f, err := os.Create(filepath.Join(e.state, "filler"))
		must(t, err)
		chunk := make([]byte, 4096)
		for {
			if _, err := f.Write(chunk); err != nil {
				break
			}
		}
		_ = f.Close()
		return "the disk is full (" + e.state + ")"
	}},
}

// TestUnusableStateFolder opens the reader with a state folder it cannot
// write: it reads a briefing, bookmarks a section, searches, quits, and
// says once, in one line, that it could not save; the exit status is 0.
func TestUnusableStateFolder(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	lib := generate(t, 5)
	for _, f := range stateFaults {
		t.Run(f.name, func(t *testing.T) {
			for range rounds(3) {
				countRun(t, "state: "+f.name+" (the reader)", func() {
					e := newEnv(t)
					want := f.apply(t, e)
					s := newSession(t, e, 120, 30)
					s.run("main.0", nil, "-L", lib, "--style", "dark")
					s.WaitFor("main.0", "5 briefings")
					s.Keys("main.0", "Enter")
					s.WaitFor("main.0", "? help")
					s.Keys("main.0", "]")
					s.Keys("main.0", "m")
					screen := s.WaitFor("main.0", "cannot save")
					if line := lineWith(screen, "cannot save"); strings.Count(line, "cannot save") != 1 {
						t.Errorf("the reader's message: %q", line)
					}
					s.Keys("main.0", "s")
					s.Text("main.0", "government")
					s.WaitFor("main.0", "sections in")
					code := s.Quit("main.0")
					screen = s.Screen("main.0")
					if code != "0" {
						t.Errorf("exit status %s:\n%s", code, screen)
					}
					msgs := briefMessages(screen)
					if len(msgs) != 1 || !strings.HasPrefix(msgs[0], "brief: cannot save reading positions") || !strings.Contains(msgs[0], ": "+want) {
						t.Errorf("messages after quitting: %q, want one saying %q", msgs, want)
					}
				})
			}
		})
	}
}

// TestKilledWhileSaving kills the reader with SIGKILL at random moments
// while it quits (and saves the reading position): the state file is
// always whole, and the next start opens it without a warning.
func TestKilledWhileSaving(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	lib := generate(t, 30)
	e := newEnv(t)
	rounds := 8
	if long {
		rounds = 40
	}
	s := newSession(t, e, 120, 30)
	for round := range rounds {
		countRun(t, "SIGKILL of the reader while it saves", func() {
			s.run("main.0", nil, "-L", lib, "--style", "dark")
			s.WaitFor("main.0", "30 briefings")
			for range round % 5 {
				s.Keys("main.0", "j")
			}
			s.Keys("main.0", "Enter")
			s.WaitFor("main.0", "? help")
			s.Keys("main.0", "]", "]")
			pid := briefPID(t, s, "main.0")
			s.Keys("main.0", "q", "q")                                  // back to the list (saves), quit (saves)
			time.Sleep(time.Duration(rand.IntN(40)) * time.Millisecond) // a random moment in the saving: the fault itself
			_ = syscall.Kill(pid, syscall.SIGKILL)
			s.WaitFor("main.0", "brief exited")
			if _, warnings, err := state.Open(e.state); err != nil || len(warnings) > 0 {
				t.Errorf("round %d: the state after the kill: %v %q", round, err, warnings)
			}
			if entries, _ := os.ReadDir(e.state); len(entries) > 0 {
				for _, en := range entries {
					if strings.Contains(en.Name(), ".tmp") || strings.HasSuffix(en.Name(), ".corrupt") {
						t.Logf("round %d: left in the state folder: %s", round, en.Name())
					}
				}
			}
		})
	}
	// The next start is clean: no warning on the list.
	s.run("main.0", nil, "-L", lib, "--style", "dark")
	screen := s.WaitFor("main.0", "30 briefings")
	if strings.Contains(screen, "damaged") || strings.Contains(screen, "cannot") {
		t.Errorf("the start after the kills:\n%s", screen)
	}
	if code := s.Quit("main.0"); code != "0" {
		t.Errorf("exit status %s", code)
	}
}

// briefPID returns the process id of the brief running in a pane: the
// child of the pane's shell.
func briefPID(t *testing.T, s *session, pane string) int {
	t.Helper()
	shell := strings.TrimSpace(s.Tmux("display-message", "-p", "-t", pane, "#{pane_pid}"))
	data, err := os.ReadFile("/proc/" + shell + "/task/" + shell + "/children")
	if err != nil {
		t.Skipf("cannot find brief's process: %v", err)
	}
	pid, err := strconv.Atoi(strings.Fields(string(data) + " x")[0])
	if err != nil {
		t.Fatalf("children of the pane's shell: %q", data)
	}
	return pid
}

func lineWith(screen, text string) string {
	for _, l := range strings.Split(screen, "\n") {
		if strings.Contains(l, text) {
			return l
		}
	}
	return ""
}
