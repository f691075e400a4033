//go:build unix

package state

import (
	"errors"
	"syscall"
)

// processAlive reports whether a process runs: signal 0 checks without
// sending anything. A process of another user (EPERM) is alive.
func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
