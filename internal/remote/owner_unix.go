//go:build unix

package remote

import (
	"fmt"
	"os"
	"syscall"
)

// ownSocket makes sure the socket at path is this user's before anything
// is sent to it: in a cache folder shared with others, someone else's
// socket could answer with anything. (On Linux the peer's credentials are
// checked as well; other systems have only this.)
func ownSocket(path string) error {
	fi, err := os.Lstat(path)
	if err != nil {
		return fmt.Errorf("ask the watcher: %w", err)
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	switch {
	case fi.Mode()&os.ModeSocket == 0:
		return fmt.Errorf("ask the watcher: %s is not a socket", path)
	case ok && int(st.Uid) != os.Geteuid():
		return fmt.Errorf("ask the watcher: %s belongs to user %d", path, st.Uid)
	}
	return nil
}
