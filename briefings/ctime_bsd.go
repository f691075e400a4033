//go:build darwin || freebsd || netbsd

package briefings

import (
	"io/fs"
	"syscall"
	"time"
)

// changeTime returns the inode change time of info, or zero.
func changeTime(info fs.FileInfo) time.Time {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return time.Unix(st.Ctimespec.Unix())
	}
	return time.Time{}
}
