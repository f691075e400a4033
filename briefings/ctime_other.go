//go:build !linux && !darwin && !freebsd && !netbsd

package briefings

import (
	"io/fs"
	"time"
)

// changeTime returns zero where brief does not read the inode change time:
// caches then go by size and modification time (and the racy window).
func changeTime(fs.FileInfo) time.Time { return time.Time{} }
