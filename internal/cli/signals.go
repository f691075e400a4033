package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"github.com/briefreader/brief/ui"
)

// exitSignals are the signals that end brief, in one place for every
// command: ctrl+c (SIGINT), kill (SIGTERM) and the terminal going away
// (SIGHUP). Each ends a command cleanly: a sync keeps what it indexed, the
// app restores the terminal.
var exitSignals = []os.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP}

// signalExitCode is the exit status after sig, as a shell reports a
// process the signal killed: 128 plus its number (130 for SIGINT, 143 for
// SIGTERM, 129 for SIGHUP); 1 when there was no signal.
func signalExitCode(sig os.Signal) int {
	if s, ok := sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	if sig == os.Interrupt {
		return 130
	}
	return 1
}

// caught returns the exit signals to catch: those the process was not
// started ignoring. A signal ignored at start (SIGHUP under nohup, SIGINT
// in a background job of a script) stays ignored, as the user meant.
func caught(signals []os.Signal, ignored func(os.Signal) bool) []os.Signal {
	var out []os.Signal
	for _, s := range signals {
		if !ignored(s) {
			out = append(out, s)
		}
	}
	return out
}

// signalWatch is a context that the first exit signal cancels.
type signalWatch struct {
	ctx    context.Context
	cancel context.CancelFunc
	ch     chan os.Signal
	once   sync.Once

	mu  sync.Mutex
	got os.Signal
}

// watchSignals catches the exit signals until stop. It is the one place
// brief asks for them.
func watchSignals() *signalWatch {
	w := &signalWatch{ch: make(chan os.Signal, 1)}
	w.ctx, w.cancel = context.WithCancel(context.Background())
	if sigs := caught(exitSignals, signal.Ignored); len(sigs) > 0 {
		signal.Notify(w.ch, sigs...)
	}
	go func() {
		select {
		case s := <-w.ch:
			w.mu.Lock()
			w.got = s
			w.mu.Unlock()
			w.cancel()
		case <-w.ctx.Done():
		}
	}()
	return w
}

// received returns the signal caught, or nil.
func (w *signalWatch) received() os.Signal {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.got
}

// stop stops catching the signals and cancels the context.
func (w *signalWatch) stop() {
	w.once.Do(func() {
		signal.Stop(w.ch)
		w.cancel()
	})
}

// signalGrace is how long a command has, after an exit signal, to stop
// cleanly before it is ended anyway (as a crash would end it, which the
// index survives: it stays as it was at its last complete write).
const signalGrace = 900 * time.Millisecond

// signalContext is cancelled by an exit signal, so that a sync stops
// cleanly, keeping the work done. exitCode gives 128+signal after one
// (130 for ctrl+c). A command that has not returned signalGrace after the
// signal exits then.
func signalContext() (ctx context.Context, exitCode func() int, stop func()) {
	w := watchSignals()
	done := make(chan struct{})
	go func() {
		select {
		case <-w.ctx.Done():
		case <-done:
			return
		}
		if w.received() == nil {
			return // stopped, not signalled
		}
		select {
		case <-time.After(signalGrace):
			fmt.Fprintln(os.Stderr, "brief: interrupted")
			os.Exit(signalExitCode(w.received()))
		case <-done:
		}
	}()
	exitCode = func() int { return signalExitCode(w.received()) }
	var once sync.Once
	return w.ctx, exitCode, func() { once.Do(func() { close(done); w.stop() }) }
}

// withSignals runs a terminal program that the exit signals cancel; the
// exit status is then 128+signal (130 for ctrl+c).
func withSignals(run func(ctx context.Context) error) error {
	w := watchSignals()
	defer w.stop()
	err := run(w.ctx)
	if s := w.received(); s != nil {
		return &exitError{code: signalExitCode(s)}
	}
	if errors.Is(err, ui.ErrInterrupted) {
		return &exitError{code: 130}
	}
	return err
}
