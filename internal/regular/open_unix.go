//go:build unix

package regular

import (
	"os"
	"syscall"
)

// openNonBlocking opens path read-only with O_NONBLOCK: the open of a FIFO
// then returns at once instead of waiting for a writer. Reads of a regular
// file ignore the flag.
func openNonBlocking(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
