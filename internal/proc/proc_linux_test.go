package proc

import (
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"
)

// waitState polls a child's state, which the kernel changes a moment
// after the signal.
func waitState(t *testing.T, pid int, want string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for State(pid) != want {
		if time.Now().After(deadline) {
			t.Fatalf("pid %d: state %q, want %q", pid, State(pid), want)
		}
		time.Sleep(5 * time.Millisecond) // polls /proc, not a screen
	}
}

func TestState(t *testing.T) {
	if got := State(os.Getpid()); got != Running {
		t.Errorf("this process: %q, want %q", got, Running)
	}
	if Name(os.Getpid()) == "" {
		t.Error("this process has no name")
	}
	cmd := exec.Command("sleep", "60")
	if err := cmd.Start(); err != nil {
		t.Skip("no sleep command:", err)
	}
	pid := cmd.Process.Pid
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	if got := Name(pid); got != "sleep" {
		t.Errorf("name of the child: %q", got)
	}
	_ = cmd.Process.Signal(syscall.SIGSTOP)
	waitState(t, pid, Stopped)
	_ = cmd.Process.Signal(syscall.SIGCONT)
	waitState(t, pid, Running)
	_ = cmd.Process.Kill()
	waitState(t, pid, Exited) // a zombie until waited for
	_ = cmd.Wait()
	if got := State(pid); got != "" {
		t.Errorf("a process that is gone: %q, want \"\"", got)
	}
}
