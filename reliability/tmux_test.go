package reliability

// The session helper of e2e/tmux_test.go, adapted: a private tmux server
// running brief in panes of a fixed size, with the environment of an env.

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

type session struct {
	t      testing.TB
	socket string
	env    *env
}

// newSession starts a private tmux server (its own socket, so a user's tmux
// is never touched).
func newSession(t testing.TB, e *env, width, height int) *session {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed; scripts/test installs it")
	}
	s := &session{t: t, socket: fmt.Sprintf("brief-rel-%d-%d", os.Getpid(), time.Now().UnixNano()), env: e}
	s.tmux("new-session", "-d", "-s", "main", "-x", fmt.Sprint(width), "-y", fmt.Sprint(height), "sleep 600")
	t.Cleanup(func() { _ = exec.Command("tmux", "-L", s.socket, "kill-server").Run() })
	return s
}

func (s *session) tmux(args ...string) string {
	s.t.Helper()
	cmd := exec.Command("tmux", append([]string{"-L", s.socket, "-f", "/dev/null"}, args...)...)
	cmd.Env = s.env.environ()
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		s.t.Fatalf("tmux %s: %v: %s", strings.Join(args, " "), err, errOut.String())
	}
	return out.String()
}

// split adds a pane below the first one.
func (s *session) split() {
	s.t.Helper()
	s.tmux("split-window", "-v", "-t", "main.0", "sleep 600")
}

// run starts brief in a pane ("main.0", "main.1") with the session's
// environment and extra variables; when brief exits, the pane shows its
// exit status.
func (s *session) run(pane string, extraEnv []string, args ...string) {
	s.t.Helper()
	s.runCommand(pane, append(append([]string{}, extraEnv...), append([]string{binary}, args...)...))
}

// runCommand runs env VAR=... ARGS... in a pane.
func (s *session) runCommand(pane string, words []string) {
	s.t.Helper()
	line := "env"
	for _, e := range s.env.vars {
		line += " " + shellQuote(e)
	}
	for _, w := range words {
		line += " " + shellQuote(w)
	}
	line += `; echo "brief exited $?"; sleep 600`
	s.tmux("respawn-pane", "-k", "-t", pane, "sh", "-c", "cd "+shellQuote(s.env.home)+" && "+line)
}

// keys sends tmux key names ("j", "Enter", "Escape", "C-c") to a pane.
func (s *session) keys(pane string, keys ...string) {
	s.t.Helper()
	s.tmux(append([]string{"send-keys", "-t", pane}, keys...)...)
}

// text types literal text into a pane.
func (s *session) text(pane, text string) {
	s.t.Helper()
	s.tmux("send-keys", "-t", pane, "-l", text)
}

func (s *session) screen(pane string) string {
	return s.tmux("capture-pane", "-p", "-J", "-t", pane)
}

// uiDeadline bounds every wait for the screen: generous, to detect hangs.
const uiDeadline = 15 * time.Second

// waitFor polls a pane until it contains every string, or fails after a
// deadline showing the last screen.
func (s *session) waitFor(pane string, want ...string) string {
	s.t.Helper()
	return s.waitUntil(pane, func(screen string) bool {
		for _, w := range want {
			if !strings.Contains(screen, w) {
				return false
			}
		}
		return true
	}, fmt.Sprintf("%q", want))
}

// waitUntil polls a pane until cond holds.
func (s *session) waitUntil(pane string, cond func(string) bool, what string) string {
	s.t.Helper()
	deadline := time.Now().Add(uiDeadline)
	for {
		screen := s.screen(pane)
		if cond(screen) {
			return screen
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("pane %s never showed %s:\n%s", pane, what, screen)
		}
		time.Sleep(20 * time.Millisecond) // poll interval, bounded by the deadline
	}
}

// quit leaves brief the way a person does (esc out of the search screen,
// then q until it exits) and returns its exit status.
func (s *session) quit(pane string) string {
	s.t.Helper()
	deadline := time.Now().Add(uiDeadline)
	last, sent := "", time.Time{}
	for {
		screen := s.screen(pane)
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
				s.keys(pane, "Escape")
			} else {
				s.keys(pane, "q")
			}
		}
		time.Sleep(50 * time.Millisecond) // poll interval, bounded by the deadline
	}
}

func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
