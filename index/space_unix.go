//go:build unix

package index

import "syscall"

// freeSpace returns the bytes free for this user in the file system of
// dir, or 0 when it cannot tell.
func freeSpace(dir string) int64 {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return 0
	}
	return int64(st.Bavail) * int64(st.Bsize) //nolint:unconvert // the field types differ between systems
}
