//go:build !unix

package state

// lockDir does not lock on systems without flock; saves still merge, and
// only a save that exactly overlaps another process's may lose its change.
func lockDir(dir string) (unlock func()) { return func() {} }
