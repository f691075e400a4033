//go:build !linux

package proc

// Without /proc, what another process does cannot be told.

// State says what a process is doing; "" when it cannot tell, always here.
func State(int) string { return "" }

// Name is the name of a process's program; "" when it cannot tell, always
// here.
func Name(int) string { return "" }
