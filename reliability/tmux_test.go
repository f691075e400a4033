package reliability

import (
	"testing"

	"github.com/briefreader/brief/internal/tmuxtest"
)

// session is a private tmux server running brief with an env's home,
// configuration, cache and state.
type session struct {
	*tmuxtest.Session
}

func newSession(t testing.TB, e *env, width, height int) *session {
	t.Helper()
	return &session{tmuxtest.New(t, width, height, e.home, e.vars)}
}

// run starts brief with args in a pane ("main.0", "main.1"), with extra
// VAR=value settings.
func (s *session) run(pane string, extraEnv []string, args ...string) {
	s.Run(pane, append(append(append([]string{}, extraEnv...), binary), args...)...)
}
