package ui

import (
	"context"
	"errors"
	"fmt"
	"io"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
)

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
	if m.stopWatch != nil {
		m.stopWatch()
	}
	if m.svc != nil {
		_ = m.svc.Close()
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
