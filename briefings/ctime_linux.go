//go:build linux

package briefings

import (
	"io/fs"
	"syscall"
	"time"
)

// changeTime returns the inode change time of info, or zero.
func changeTime(info fs.FileInfo) time.Time {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return time.Unix(st.Ctim.Unix())
	}
	return time.Time{}
}
