// Package proc tells what another process on this machine is doing, for
// messages and for deciding whether to wait for it: whether it runs or is
// stopped (a lock holder frozen with ctrl+z is never going to let go), and
// its program's name.
package proc

// States State returns besides "" (cannot tell).
const (
	Running         = "running"
	Stopped         = "stopped"
	StoppedByTracer = "stopped by a debugger"
	Exited          = "exited"
)
