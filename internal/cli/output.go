package cli

import (
	"io"
	"os"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/term"
)

// output describes where a command writes and what that place understands.
type output struct {
	w io.Writer
	// terminal is true when w is an interactive terminal.
	terminal bool
	// profile is the colour profile of w: NoTTY when it is not a terminal,
	// ASCII under NO_COLOR, else what the terminal supports.
	profile colorprofile.Profile
}

// newOutput inspects w and the environment.
func newOutput(w io.Writer) output {
	o := output{w: w, profile: colorprofile.Detect(w, os.Environ())}
	if f, ok := w.(term.File); ok {
		o.terminal = term.IsTerminal(f.Fd()) && os.Getenv("TERM") != "dumb"
	}
	return o
}

// styled reports whether escape codes may be written: a terminal with
// colour, NO_COLOR unset.
func (o output) styled() bool {
	return o.terminal && o.profile > colorprofile.ASCII
}

// writer returns a writer that downsamples colours to the profile, and
// strips every escape code when output is not styled.
func (o output) writer() io.Writer {
	profile := o.profile
	if !o.styled() {
		profile = colorprofile.NoTTY
	}
	return &colorprofile.Writer{Forward: o.w, Profile: profile}
}
