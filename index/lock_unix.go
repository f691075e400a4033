//go:build unix

package index

import (
	"errors"
	"os"
	"syscall"
)

// A library's index directory is renamed only while its lock file is held
// exclusively; every process that has the directory open holds the lock file
// shared. So a rebuilt index never replaces a directory another process is
// using.

// lockShared takes the shared lock, waiting while another process renames
// the index directory (which takes milliseconds).
func lockShared(f *os.File) error {
	return flock(f, syscall.LOCK_SH)
}

// tryLockExclusive upgrades to the exclusive lock without waiting. It
// reports false when another process holds the lock, and the shared lock is
// then still held: a failed conversion drops it (flock(2) converts by
// unlocking first), so it is taken again.
func tryLockExclusive(f *os.File) (bool, error) {
	err := flock(f, syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return false, lockShared(f)
	}
	return err == nil, err
}

func flock(f *os.File, how int) error {
	for {
		err := syscall.Flock(int(f.Fd()), how)
		if !errors.Is(err, syscall.EINTR) {
			return err
		}
	}
}

// processAlive reports whether a process with this id exists.
func processAlive(pid int) bool {
	if pid <= 0 {
		return false
	}
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
