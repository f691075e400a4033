//go:build !unix

package index

import "syscall"

// The system's errors that the index treats on their own, as far as this
// platform has them.
var (
	errNoSpace = syscall.ENOSPC
	errROFS    = syscall.EROFS
	errQuota   = syscall.ENOSPC

	resourceErrors = []struct {
		errno syscall.Errno
		what  string
	}{
		{syscall.EMFILE, "too many open files"},
		{syscall.ENOMEM, "out of memory"},
		{syscall.EACCES, "permission denied"},
	}
)
