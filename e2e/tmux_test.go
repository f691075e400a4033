// Package e2e drives the real brief binary in tmux, the way a person uses
// it: keys in, screen text out. The tests skip when tmux is not installed
// (scripts/test installs it when it can).
package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/briefreader/brief/internal/tmuxtest"
)

// binary is the brief built once for all tests.
var binary string

func TestMain(m *testing.M) {
	bin, remove, err := tmuxtest.Build("..")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = bin
	code := m.Run()
	remove()
	os.Exit(code)
}

// session is a tmux session whose stories happen in the main pane
// ("main.0"), with a home, state and cache of their own.
type session struct {
	*tmuxtest.Session
}

func newSession(t *testing.T, width, height int) *session {
	t.Helper()
	home := t.TempDir()
	return &session{tmuxtest.New(t, width, height, home, []string{
		"HOME=" + home,
		"XDG_STATE_HOME=" + filepath.Join(home, "state"),
		"XDG_CACHE_HOME=" + filepath.Join(home, "cache"),
		"XDG_CONFIG_HOME=" + filepath.Join(home, "config"),
		"TERM=xterm-256color",
	})}
}

// run starts brief with args in the main pane.
func (s *session) run(args ...string) { s.runIn("main.0", args...) }

// runIn starts brief with args in a pane ("main.0", "main.1").
func (s *session) runIn(pane string, args ...string) {
	s.Run(pane, append([]string{binary}, args...)...)
}

// keys sends tmux key names ("j", "Enter", "Escape", "C-c") to the main pane.
func (s *session) keys(keys ...string) { s.Keys("main.0", keys...) }

// text types literal text into the main pane.
func (s *session) text(text string) { s.Text("main.0", text) }

// waitFor polls the main pane until it shows every string.
func (s *session) waitFor(want ...string) string { return s.WaitFor("main.0", want...) }

// waitForIn polls a pane until it shows every string.
func (s *session) waitForIn(pane string, want ...string) string { return s.WaitFor(pane, want...) }

// waitForScreen polls the main pane until cond holds.
func (s *session) waitForScreen(cond func(string) bool, what string) {
	s.WaitUntil("main.0", cond, what)
}

// lineWith returns the first screen line containing text.
func lineWith(screen, text string) string { return tmuxtest.LineWith(screen, text) }
