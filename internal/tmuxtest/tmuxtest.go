// Package tmuxtest drives a program in tmux the way a person uses it: keys
// in, screen text out. Each Session is a private tmux server (its own
// socket, so a user's tmux is never touched) whose panes run commands with
// an environment of the test's choosing. The end-to-end stories (e2e/) and
// the fault-injection suite (reliability/) are built on it.
package tmuxtest

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

// Deadline bounds every wait for the screen: generous, so that it only
// catches hangs, never a slow machine.
const Deadline = 15 * time.Second

// Build compiles the package in dir (the brief module root) into a new
// temporary folder, readable by every user, and returns the binary's path
// and a function that removes it.
func Build(dir string) (binary string, remove func(), err error) {
	tmp, err := os.MkdirTemp("", "brief-test-")
	if err != nil {
		return "", nil, fmt.Errorf("build brief: %w", err)
	}
	remove = func() { _ = os.RemoveAll(tmp) }
	// Tests that drop root run it as another user.
	if err := os.Chmod(tmp, 0o755); err != nil {
		remove()
		return "", nil, fmt.Errorf("build brief: %w", err)
	}
	binary = filepath.Join(tmp, "brief")
	build := exec.Command("go", "build", "-o", binary, dir)
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		remove()
		return "", nil, fmt.Errorf("build brief: %w", err)
	}
	return binary, remove, nil
}

// Session is one private tmux server with a window of a fixed size.
type Session struct {
	t      testing.TB
	socket string
	env    []string // added to every command a pane runs, and to tmux's own
	dir    string   // where pane commands start
}

// New starts a tmux server with one window of width×height whose commands
// run in dir with env added to the environment. It skips the test when
// tmux is not installed.
func New(t testing.TB, width, height int, dir string, env []string) *Session {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed; scripts/test installs it")
	}
	s := &Session{t: t, socket: fmt.Sprintf("brief-test-%d-%d", os.Getpid(), time.Now().UnixNano()), env: env, dir: dir}
	s.Tmux("new-session", "-d", "-s", "main", "-x", fmt.Sprint(width), "-y", fmt.Sprint(height), "sleep 600")
	t.Cleanup(func() { _ = exec.Command("tmux", "-L", s.socket, "kill-server").Run() })
	return s
}

// Tmux runs a tmux command on the session's server and returns its output.
func (s *Session) Tmux(args ...string) string {
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

// Split adds a pane below the first one ("main.1").
func (s *Session) Split() {
	s.t.Helper()
	s.Tmux("split-window", "-v", "-t", "main.0", "sleep 600")
}

// Run starts a command (words, the first may be VAR=value settings) in a
// pane ("main.0", "main.1"), replacing whatever ran there. When it exits,
// the pane shows "brief exited STATUS".
func (s *Session) Run(pane string, words ...string) {
	s.t.Helper()
	line := "env"
	for _, e := range s.env {
		line += " " + ShellQuote(e)
	}
	for _, w := range words {
		line += " " + ShellQuote(w)
	}
	line += `; echo "brief exited $?"; sleep 600`
	if s.dir != "" {
		line = "cd " + ShellQuote(s.dir) + " && " + line
	}
	s.Tmux("respawn-pane", "-k", "-t", pane, "sh", "-c", line)
}

// Keys sends tmux key names ("j", "Enter", "Escape", "C-c") to a pane.
func (s *Session) Keys(pane string, keys ...string) {
	s.t.Helper()
	s.Tmux(append([]string{"send-keys", "-t", pane}, keys...)...)
}

// Text types literal text into a pane.
func (s *Session) Text(pane, text string) {
	s.t.Helper()
	s.Tmux("send-keys", "-t", pane, "-l", text)
}

// Screen returns the text a pane shows now.
func (s *Session) Screen(pane string) string {
	return s.Tmux("capture-pane", "-p", "-J", "-t", pane)
}

// WaitFor polls a pane until it shows every string, or fails after
// Deadline showing the last screen.
func (s *Session) WaitFor(pane string, want ...string) string {
	s.t.Helper()
	return s.WaitUntil(pane, func(screen string) bool {
		for _, w := range want {
			if !strings.Contains(screen, w) {
				return false
			}
		}
		return true
	}, fmt.Sprintf("%q", want))
}

// WaitUntil polls a pane until cond holds for its screen.
func (s *Session) WaitUntil(pane string, cond func(screen string) bool, what string) string {
	s.t.Helper()
	deadline := time.Now().Add(Deadline)
	for {
		screen := s.Screen(pane)
		if cond(screen) {
			return screen
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("pane %s never showed %s:\n%s", pane, what, screen)
		}
		time.Sleep(20 * time.Millisecond) // poll interval, bounded by the deadline
	}
}

// Quit leaves brief the way a person does (esc out of the search screen,
// then q until it exits) and returns its exit status.
func (s *Session) Quit(pane string) string {
	s.t.Helper()
	deadline := time.Now().Add(Deadline)
	last, sent := "", time.Time{}
	for {
		screen := s.Screen(pane)
		if i := strings.Index(screen, "brief exited "); i >= 0 {
			return strings.Fields(screen[i:])[2]
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("brief in %s did not quit:\n%s", pane, screen)
		}
		// One key per screen change (esc and q together are alt+q), or
		// again after a second without one.
		if screen != last || time.Since(sent) > time.Second {
			last, sent = screen, time.Now()
			if strings.HasPrefix(strings.TrimSpace(screen), "search:") {
				s.Keys(pane, "Escape")
			} else {
				s.Keys(pane, "q")
			}
		}
		time.Sleep(50 * time.Millisecond) // poll interval, bounded by the deadline
	}
}

// LineWith returns the first line of screen that contains text.
func LineWith(screen, text string) string {
	for _, l := range strings.Split(screen, "\n") {
		if strings.Contains(l, text) {
			return l
		}
	}
	return ""
}

// ShellQuote quotes s for sh.
func ShellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
