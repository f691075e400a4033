package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
)

// closeGrace bounds the wait for the search service to stop when the app
// quits: a sync stops at once, but a disk that no longer answers could
// hold it, and quitting must not wait for that. The index survives being
// left so, as it survives a crash.
const closeGrace = time.Second

// closeWithin closes the search service, waiting at most grace.
func closeWithin(svc SearchService, grace time.Duration) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = svc.Close()
	}()
	select {
	case <-done:
	case <-time.After(grace):
	}
}

// ErrInterrupted is returned by Run when the user interrupted the program
// from outside (SIGINT while the terminal was not in raw mode).
var ErrInterrupted = errors.New("interrupted")

// Run starts the app on the terminal and blocks until it quits. The
// terminal is restored however the program ends.
func Run(ctx context.Context, opts Options, in io.Reader, out io.Writer) error {
	programOpts := []tea.ProgramOption{tea.WithContext(ctx), tea.WithInput(in), tea.WithOutput(out)}
	if opts.NoColor {
		programOpts = append(programOpts, tea.WithColorProfile(colorprofile.ASCII))
	}
	m := New(opts)
	p := tea.NewProgram(m, programOpts...)
	_, err := p.Run()
	m.closeWrites()
	if m.stopWatch != nil {
		m.stopWatch()
	}
	if m.svc != nil {
		closeWithin(m.svc, closeGrace)
	}
	switch {
	case err == nil:
		return nil
	case errors.Is(err, tea.ErrInterrupted):
		return ErrInterrupted
	case errors.Is(err, context.Canceled):
		return nil
	default:
		return fmt.Errorf("terminal interface: %w", err)
	}
}
