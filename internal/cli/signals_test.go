//go:build unix

package cli

import (
	"context"
	"errors"
	"os"
	"syscall"
	"testing"
	"time"
)

func TestSignalExitCodes(t *testing.T) {
	for _, c := range []struct {
		sig  os.Signal
		want int
	}{
		{syscall.SIGINT, 130}, {os.Interrupt, 130}, {syscall.SIGTERM, 143}, {syscall.SIGHUP, 129}, {nil, 1},
	} {
		if got := signalExitCode(c.sig); got != c.want {
			t.Errorf("signalExitCode(%v) = %d, want %d", c.sig, got, c.want)
		}
	}
}

// A signal ignored when brief started (nohup's SIGHUP) is not caught.
func TestIgnoredSignalsStayIgnored(t *testing.T) {
	got := caught(exitSignals, func(s os.Signal) bool { return s == syscall.SIGHUP })
	if len(got) != 2 || got[0] != syscall.SIGINT || got[1] != syscall.SIGTERM {
		t.Errorf("caught = %v, want SIGINT and SIGTERM", got)
	}
}

// Every command that runs until stopped ends the same way on each exit
// signal: the program's context is cancelled and the exit status is
// 128+signal.
func TestWithSignalsEndsOnEachSignal(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP} {
		err := withSignals(func(ctx context.Context) error {
			if err := syscall.Kill(os.Getpid(), sig); err != nil {
				return err
			}
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(10 * time.Second):
				return errors.New("the signal did not cancel the program")
			}
		})
		var exit *exitError
		if !errors.As(err, &exit) || exit.code != 128+int(sig) {
			t.Errorf("%v: %v, want exit status %d", sig, err, 128+int(sig))
		}
	}
}

func TestSignalContextCodeAndStop(t *testing.T) {
	ctx, exitCode, stop := signalContext()
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case <-ctx.Done():
	case <-time.After(10 * time.Second):
		t.Fatal("SIGTERM did not cancel the context")
	}
	if got := exitCode(); got != 143 {
		t.Errorf("exit code after SIGTERM = %d, want 143", got)
	}
	stop() // before the grace ends: the process is not ended
	stop() // twice is harmless

	ctx, exitCode, stop = signalContext()
	stop()
	if ctx.Err() == nil || exitCode() != 1 {
		t.Errorf("stopped without a signal: ctx %v, exit code %d", ctx.Err(), exitCode())
	}
}
