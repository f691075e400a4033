//go:build unix

package state

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"time"
)

const (
	lockFile    = "state.lock"
	lockTimeout = 2 * time.Second
)

// lockDir takes an exclusive lock on the state folder, so that the
// read-merge-write of one process's save is not interleaved with another's,
// and clears temporary files left by crashed saves. Locking is best effort:
// if the lock cannot be had (a read-only folder, a stuck process holding it
// past lockTimeout), the save goes ahead unlocked, which at worst loses the
// other process's concurrent change. It returns the function that unlocks.
func lockDir(dir string) (unlock func()) {
	f, err := os.OpenFile(filepath.Join(dir, lockFile), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return func() {}
	}
	fd := int(f.Fd())
	deadline := time.Now().Add(lockTimeout)
	for {
		err := syscall.Flock(fd, syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			break
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) && !errors.Is(err, syscall.EINTR) || time.Now().After(deadline) {
			f.Close()
			return func() {}
		}
		time.Sleep(5 * time.Millisecond)
	}
	removeStaleTemps(dir)
	return func() {
		_ = syscall.Flock(fd, syscall.LOCK_UN)
		f.Close()
	}
}
