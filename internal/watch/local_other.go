//go:build !linux

package watch

// Reliable reports whether watches on path see every change of its files.
// Outside Linux it cannot tell, and says no.
func Reliable(string) bool { return false }
