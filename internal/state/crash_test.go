//go:build unix

package state

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
)

// The crash tests run a copy of the test binary as a separate process that
// saves a large state and is killed with SIGKILL part way; the state file on
// disk must then always be a whole file, the old one or the new one.

const (
	helperEnv   = "BRIEF_STATE_CRASH_HELPER" // "stage:NAME" or "loop"
	helperDir   = "BRIEF_STATE_CRASH_DIR"
	crashFiles  = 500 // briefings in the crash tests' state (about 65 KB)
	markerFile  = "/marker.md"
	exitNoCrash = 3
)

// TestHelperProcess is not a real test: it is the child process of the crash
// tests, and does nothing unless started by them.
func TestHelperProcess(t *testing.T) {
	mode := os.Getenv(helperEnv)
	if mode == "" {
		t.Skip("helper process for the crash tests")
	}
	s, _, err := Open(os.Getenv(helperDir))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	if stage, ok := cutPrefix(mode, "stage:"); ok {
		// Die at one exact step of writing the new state.
		fill(s, 1)
		s.hook = func(st string) error {
			if st == stage {
				_ = syscall.Kill(os.Getpid(), syscall.SIGKILL)
				select {} // the signal is on its way
			}
			return nil
		}
		_ = s.Save()
		os.Exit(exitNoCrash)
	}
	// Save new generations until killed, saying when each save starts.
	out := bufio.NewWriter(os.Stdout)
	for gen := 1; ; gen++ {
		fill(s, gen)
		fmt.Fprintf(out, "saving %d\n", gen)
		out.Flush()
		if err := s.Save(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
	}
}

func cutPrefix(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && s[:len(prefix)] == prefix {
		return s[len(prefix):], true
	}
	return "", false
}

// fill gives every briefing, and the marker, a position that says gen.
func fill(s *Store, gen int) {
	f := float64(gen%1000) / 1000
	for i := range crashFiles {
		s.SetPosition(fmt.Sprintf("/library/briefing-%05d.md", i), Position{Anchor: "section-" + strconv.Itoa(gen), Fraction: f})
	}
	s.SetPosition(markerFile, Position{Anchor: strconv.Itoa(gen), Fraction: f})
}

// generationOnDisk checks that dir holds a whole state file in which every
// entry belongs to the same generation, and returns that generation.
func generationOnDisk(t *testing.T, dir string) int {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, stateFile))
	if err != nil {
		t.Fatalf("state file after the crash: %v", err)
	}
	var doc stateDoc
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("state file after the crash is not whole JSON (%d bytes): %v", len(data), err)
	}
	if doc.Version != formatVersion || len(doc.Briefings) != crashFiles+1 {
		t.Fatalf("state file after the crash: version %d, %d briefings", doc.Version, len(doc.Briefings))
	}
	marker := doc.Briefings[markerFile].Position
	gen, _ := strconv.Atoi(marker.Anchor)
	for path, b := range doc.Briefings {
		if path != markerFile && b.Position.Anchor != "section-"+marker.Anchor {
			t.Fatalf("state file mixes generations: %s has %q, marker says %s", path, b.Position.Anchor, marker.Anchor)
		}
	}
	if _, warnings, err := Open(dir); err != nil || len(warnings) > 0 {
		t.Fatalf("Open after the crash: %q, %v", warnings, err)
	}
	return gen
}

func helper(t *testing.T, dir, mode string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), helperEnv+"="+mode, helperDir+"="+dir)
	cmd.Stderr = os.Stderr
	return cmd
}

func killedBySIGKILL(err error) bool {
	var exit *exec.ExitError
	if !errors.As(err, &exit) {
		return false
	}
	ws, ok := exit.Sys().(syscall.WaitStatus)
	return ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL
}

// oldState writes generation 0, the state before the crash.
func oldState(t *testing.T) string {
	dir := t.TempDir()
	s := open(t, dir)
	fill(s, 0)
	save(t, s)
	return dir
}

func TestCrashAtEachStepOfASave(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	want := map[string]int{"created": 0, "half-written": 0, "written": 0, "synced": 0, "renamed": 1}
	for stage, wantGen := range want {
		t.Run(stage, func(t *testing.T) {
			t.Parallel()
			dir := oldState(t)
			err := helper(t, dir, "stage:"+stage).Run()
			if !killedBySIGKILL(err) {
				t.Fatalf("helper was not killed at %q: %v", stage, err)
			}
			if gen := generationOnDisk(t, dir); gen != wantGen {
				t.Fatalf("killed at %q: generation %d on disk, want %d", stage, gen, wantGen)
			}
			// The next save clears the dead process's temporary file.
			s := open(t, dir)
			fill(s, 2)
			save(t, s)
			assertNoTemps(t, dir)
			if gen := generationOnDisk(t, dir); gen != 2 {
				t.Fatalf("save after the crash: generation %d", gen)
			}
		})
	}
}

// Kill a process that saves over and over, at whatever point it has reached.
func TestKilledWhileSavingRepeatedly(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	for kill := 1; kill <= 4; kill++ {
		t.Run(fmt.Sprint("after save ", kill), func(t *testing.T) {
			t.Parallel()
			dir := oldState(t)
			cmd := helper(t, dir, "loop")
			stdout, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			lines := bufio.NewScanner(stdout)
			for started := 0; started < kill && lines.Scan(); {
				started++
			}
			// The child is now somewhere inside save number kill.
			if err := cmd.Process.Kill(); err != nil {
				t.Fatal(err)
			}
			if err := cmd.Wait(); !killedBySIGKILL(err) {
				t.Fatalf("helper ended by itself: %v", err)
			}
			gen := generationOnDisk(t, dir)
			if gen < kill-1 || gen > kill {
				t.Fatalf("killed during save %d: generation %d on disk", kill, gen)
			}
		})
	}
}
