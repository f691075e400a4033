//go:build !unix

package regular

import "os"

// openNonBlocking opens path read-only; systems without unix FIFOs need no
// more.
func openNonBlocking(path string) (*os.File, error) {
	return os.Open(path)
}
