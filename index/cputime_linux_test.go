//go:build linux

package index

import (
	"syscall"
	"time"
)

// threadCPUTime is the user and system time the calling thread has used;
// callers lock their goroutine to the thread.
func threadCPUTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(1 /* RUSAGE_THREAD */, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
