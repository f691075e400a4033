//go:build unix

package index

import "syscall"

// The system's errors that the index treats on their own: a full disk, a
// read-only one, and the resources a process can run out of.
var (
	errNoSpace = syscall.ENOSPC
	errROFS    = syscall.EROFS
	errQuota   = syscall.EDQUOT

	resourceErrors = []struct {
		errno syscall.Errno
		what  string
	}{
		{syscall.EMFILE, "too many open files"},
		{syscall.ENFILE, "too many open files on the system"},
		{syscall.ENOMEM, "out of memory"},
		{syscall.EACCES, "permission denied"},
		{syscall.EPERM, "permission denied"},
	}
)
