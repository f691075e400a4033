// Package e2e drives the real brief binary in tmux, the way a person uses
// it: keys in, screen text out. The tests skip when tmux is not installed
// (scripts/test installs it when it can).
package e2e

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// binary is the brief built once for all tests.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "brief-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "brief")
	build := exec.Command("go", "build", "-o", binary, "..")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "build brief:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// session is one tmux server running brief in a pane of a fixed size.
type session struct {
	t      *testing.T
	socket string
	env    []string
}

// newSession starts a private tmux server (its own socket, so a user's
// tmux is never touched) with a home, state and cache of its own.
func newSession(t *testing.T, width, height int) *session {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed; scripts/test installs it")
	}
	home := t.TempDir()
	s := &session{t: t, socket: fmt.Sprintf("brief-e2e-%d-%d", os.Getpid(), time.Now().UnixNano())}
	s.env = []string{
		"HOME=" + home,
		"XDG_STATE_HOME=" + filepath.Join(home, "state"),
		"XDG_CACHE_HOME=" + filepath.Join(home, "cache"),
		"XDG_CONFIG_HOME=" + filepath.Join(home, "config"),
		"TERM=xterm-256color",
	}
	s.tmux("new-session", "-d", "-s", "main", "-x", fmt.Sprint(width), "-y", fmt.Sprint(height), "sleep 600")
	t.Cleanup(func() { _ = exec.Command("tmux", "-L", s.socket, "kill-server").Run() })
	return s
}

func (s *session) tmux(args ...string) string {
	s.t.Helper()
	cmd := exec.Command("tmux", append([]string{"-L", s.socket, "-f", "/dev/null"}, args...)...)
	cmd.Env = append(os.Environ(), s.env...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		s.t.Fatalf("tmux %s: %v: %s", strings.Join(args, " "), err, errOut.String())
	}
	return out.String()
}

// run starts brief in the main pane (replacing whatever ran there) with
// the session's environment; when brief exits, the pane shows its exit
// status.
func (s *session) run(args ...string) {
	s.t.Helper()
	s.runIn("main.0", args...)
}

// split adds a second pane below the first, for a second brief.
func (s *session) split() {
	s.t.Helper()
	s.tmux("split-window", "-v", "-t", "main.0", "sleep 600")
}

// runIn starts brief in a pane ("main.0", "main.1").
func (s *session) runIn(pane string, args ...string) {
	s.t.Helper()
	line := "env"
	for _, e := range s.env {
		line += " " + shellQuote(e)
	}
	line += " " + shellQuote(binary)
	for _, a := range args {
		line += " " + shellQuote(a)
	}
	line += `; echo "brief exited $?"; sleep 600`
	s.tmux("respawn-pane", "-k", "-t", pane, "sh", "-c", line)
}

// keys sends tmux key names ("j", "Enter", "Escape", "C-c").
func (s *session) keys(keys ...string) {
	s.t.Helper()
	s.tmux(append([]string{"send-keys", "-t", "main.0"}, keys...)...)
}

// text types literal text.
func (s *session) text(text string) {
	s.t.Helper()
	s.tmux("send-keys", "-t", "main.0", "-l", text)
}

func (s *session) screen(pane string) string {
	return s.tmux("capture-pane", "-p", "-t", pane)
}

// waitFor polls the main pane until it contains every string, or fails
// after a deadline showing the last screen.
func (s *session) waitFor(want ...string) string {
	s.t.Helper()
	return s.waitForIn("main.0", want...)
}

// waitForIn polls a pane until it contains every string.
func (s *session) waitForIn(pane string, want ...string) string {
	s.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		screen := s.screen(pane)
		missing := ""
		for _, w := range want {
			if !strings.Contains(screen, w) {
				missing = w
				break
			}
		}
		if missing == "" {
			return screen
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("screen never showed %q:\n%s", missing, screen)
		}
		time.Sleep(20 * time.Millisecond) // poll interval, bounded by the deadline
	}
}

// waitForScreen polls the main pane until cond holds.
func (s *session) waitForScreen(cond func(string) bool, what string) {
	s.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		screen := s.screen("main.0")
		if cond(screen) {
			return
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("never saw %s:\n%s", what, screen)
		}
		time.Sleep(20 * time.Millisecond) // poll interval, bounded by the deadline
	}
}

// lineWith returns the first screen line containing text.
func lineWith(screen, text string) string {
	for _, l := range strings.Split(screen, "\n") {
		if strings.Contains(l, text) {
			return l
		}
	}
	return ""
}

func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
