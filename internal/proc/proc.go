// Package proc tells what another process on this machine is doing, for
// messages and for deciding whether to wait for it: whether it runs or is
// stopped (a lock holder frozen with ctrl+z is never going to let go), and
// its program's name.
package proc

// The states State tells apart, in words fit for a message. State returns
// "" when it cannot tell.
const (
	// Running is a process that runs or waits, as processes do.
	Running = "running"
	// Stopped is a process stopped by a signal (ctrl+z, SIGSTOP).
	Stopped = "stopped"
	// StoppedByTracer is a process a debugger holds.
	StoppedByTracer = "stopped by a debugger"
	// Exited is a process that ended and was not waited for yet.
	Exited = "exited"
)
