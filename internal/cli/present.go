package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/briefreader/brief/internal/render"
	"github.com/briefreader/brief/ui"
	"github.com/spf13/cobra"
)

type presentFlags struct {
	section  string
	theme    string
	duration time.Duration
}

func (a *app) presentCommand() *cobra.Command {
	var f presentFlags
	cmd := &cobra.Command{
		Use:   "present BRIEFING",
		Short: "Present a briefing, section by section, full screen",
		Long: `Present a briefing on a projector: every section becomes slides, long
sections are split into pages at paragraph, list and code boundaries, and a
footer shows the section, the page and the time.

Keys: space/→ next, ←/backspace previous, ] and [ sections, digits then
enter to go to a section, o list, / search, b or . black screen, w white,
t timer, c theme, f footer, ? help, esc back to the reader, q quit.
Run "brief notes" in a second terminal to follow your presenter notes.`,
		Example: `  brief present ukraine --section "north korean"
  brief present lecture.md --theme high-contrast-light --duration 45m`,
		Args: exactArgs(1, "BRIEFING"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runPresent(cmd, args[0], f)
		},
	}
	flags := cmd.Flags()
	flags.StringVarP(&f.section, "section", "s", "", "start at this section: number, anchor or part of the heading")
	flags.StringVar(&f.theme, "theme", render.StyleHighContrastDark, "high-contrast-dark, high-contrast-light, dark, light, ... or a glamour JSON file")
	flags.DurationVar(&f.duration, "duration", 0, "count down to this length, e.g. 45m (colour changes 5 minutes before the end)")
	return cmd
}

func (a *app) runPresent(cmd *cobra.Command, query string, f presentFlags) error {
	if !newOutput(a.streams.Out).terminal {
		return errors.New("present needs a terminal; to print a briefing, use brief show")
	}
	theme, _ := a.themeSetting(f.theme)
	if _, err := render.StyleConfig(theme); err != nil {
		return err
	}
	b, section, err := a.findSection(query, f.section)
	if err != nil {
		return err
	}
	if _, err := os.Stat(b.Path); err == nil && len(a.libraryPaths()) == 0 && !b.Piped() {
		a.positional = []string{b.Path} // a file outside any library
	}
	return a.runTUIWith(cmd, tuiStart{
		present:     &ui.PresentRequest{Path: b.Path, Section: section},
		presentOpts: ui.PresentOptions{Theme: theme, Duration: f.duration},
	})
}

func (a *app) notesCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "notes [BRIEFING]",
		Short: "Follow a presentation's notes from a second terminal",
		Long: `Show the presenter notes (<!-- note: ... --> comments) for the page being
presented by brief in another terminal, the first line of the next page and
the timer. With BRIEFING, wait until that briefing is presented. When the
output is not a terminal, print the current notes once.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts := ui.NotesOptions{}
			if len(args) == 1 {
				b, err := a.findBriefing(args[0])
				if err != nil {
					return err
				}
				opts.Briefing = b.Path
			}
			out := newOutput(a.streams.Out)
			if !out.terminal {
				_, err := fmt.Fprint(a.streams.Out, ui.NotesSnapshot(opts, 80))
				return err
			}
			if err := a.needKeyboard(); err != nil {
				return err
			}
			return withSignals(func(ctx context.Context) error {
				return ui.RunNotes(ctx, opts, a.streams.In, a.streams.Out)
			})
		},
	}
}
