//go:build unix

package index

import (
	"context"
	"errors"
	"os"
	"syscall"
	"time"
)

// A library's index directory is renamed only while its lock file is held
// exclusively; every process that has the directory open holds the lock file
// shared. So a rebuilt index never replaces a directory another process is
// using. Every wait for a lock is bounded: a process stopped while it holds
// one (kill -STOP, a laptop lid) never stops the others.

// lockShared takes the shared lock, waiting at most wait while another
// process renames the index directory (which takes milliseconds). It
// returns errLocked when the wait runs out.
func lockShared(ctx context.Context, f *os.File, wait time.Duration) error {
	return lockPolling(ctx, f, syscall.LOCK_SH, wait)
}

// tryLockExclusive upgrades to the exclusive lock without waiting. It
// reports false when another process holds the lock, and the shared lock is
// then still held: a failed conversion drops it (flock(2) converts by
// unlocking first), so it is taken again, waiting as lockShared does.
func tryLockExclusive(f *os.File) (bool, error) {
	err := flock(f, syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return false, lockShared(context.Background(), f, lockWait)
	}
	return err == nil, err
}

// tryLock takes an exclusive lock without waiting; false when another
// process holds it.
func tryLock(f *os.File) (bool, error) {
	err := flock(f, syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return false, nil
	}
	return err == nil, err
}

// tryLockShared takes a shared lock without waiting; false when another
// process holds the lock exclusively.
func tryLockShared(f *os.File) (bool, error) {
	err := flock(f, syscall.LOCK_SH|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return false, nil
	}
	return err == nil, err
}

// unlock lets go of a lock.
func unlock(f *os.File) { _ = flock(f, syscall.LOCK_UN) }

// lockPolling tries a lock without blocking until it is free, the wait runs
// out (errLocked) or ctx is done: a blocking flock could not be given up.
func lockPolling(ctx context.Context, f *os.File, how int, wait time.Duration) error {
	deadline := time.Now().Add(wait)
	delay := time.Millisecond
	for {
		err := flock(f, how|syscall.LOCK_NB)
		if !errors.Is(err, syscall.EWOULDBLOCK) {
			return err
		}
		if time.Now().After(deadline) {
			return errLocked
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(delay):
		}
		delay = min(2*delay, 20*time.Millisecond)
	}
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
