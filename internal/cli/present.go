package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/briefreader/brief/internal/render"
	"github.com/briefreader/brief/ui"
	"github.com/spf13/cobra"
)

type presentFlags struct {
	section  string
	duration time.Duration
	end      string
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

Steps: <!-- pause --> makes what follows wait for the next press, and
lists appear item by item after <!-- incremental --> (or everywhere with
incremental_lists: true in the front matter); jumps show whole pages.
<!-- end_slide --> ends a page.

Pacing: <!-- time: 5m --> under a heading plans that section; the
duration (--duration, --end, or duration: in the front matter) is spread
over the other sections by their length, and the footer shows how far
ahead or behind the plan you are, e.g. §3 +1:20.

Run "brief console" in a second terminal for the current and next page,
your notes, the clock and the plan; its keys drive the presentation.`,
		Example: `  brief present ukraine --section "north korean"
  brief present lecture.md --theme high-contrast-light --duration 45m
  brief present lecture.md --end 14:40`,
		Args: exactArgs(1, "BRIEFING"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runPresent(cmd, args[0], f)
		},
	}
	flags := cmd.Flags()
	flags.StringVarP(&f.section, "section", "s", "", "start at this section: number, anchor or part of the heading")
	flags.String("theme", defaultTheme, "high-contrast-dark, high-contrast-light, dark, light, ... or a glamour JSON file")
	flags.DurationVar(&f.duration, "duration", 0, "count down to this length, e.g. 45m (colour changes 5 minutes before the end)")
	flags.StringVar(&f.end, "end", "", "end by the clock at this time, e.g. 14:40: count down to it and plan up to it")
	return cmd
}

func (a *app) runPresent(cmd *cobra.Command, query string, f presentFlags) error {
	if !newOutput(a.streams.Out).terminal {
		return errors.New("present needs a terminal; to print a briefing, use brief show")
	}
	var end time.Time
	if f.end != "" {
		if f.duration != 0 {
			return errors.New("give --duration or --end, not both")
		}
		var err error
		if end, err = endTime(f.end, time.Now()); err != nil {
			return err
		}
	}
	theme := a.settings.theme.value
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
		presentOpts: ui.PresentOptions{Theme: theme, Duration: f.duration, End: end},
	})
}

// endTime reads --end: a clock time today ("14:40", "2:40pm", "14:40:30"),
// or tomorrow when that is less than 12 hours away and today's has passed
// (a talk that ends after midnight).
func endTime(s string, now time.Time) (time.Time, error) {
	text := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), " ", ""))
	for _, layout := range []string{"15:04", "15:04:05", "3:04pm", "3pm", "15.04", "1504"} {
		t, err := time.ParseInLocation(layout, text, now.Location())
		if err != nil {
			continue
		}
		end := time.Date(now.Year(), now.Month(), now.Day(), t.Hour(), t.Minute(), t.Second(), 0, now.Location())
		if !end.After(now) {
			if tomorrow := end.AddDate(0, 0, 1); tomorrow.Sub(now) < 12*time.Hour {
				return tomorrow, nil
			}
			return time.Time{}, fmt.Errorf("--end %s has passed: it is %s now", cleanMessage(s), now.Format("15:04"))
		}
		return end, nil
	}
	return time.Time{}, fmt.Errorf("--end %q is not a time of day such as 14:40", cleanMessage(s))
}

func (a *app) consoleCommand() *cobra.Command {
	return &cobra.Command{
		Use:     "console [BRIEFING]",
		Aliases: []string{"notes"},
		Short:   "The presenter console: this page and the next, notes, clocks, plan",
		Long: `Follow a presentation given by brief in another terminal (the projector's),
on the laptop's screen: the page as the audience sees it, the first screen
of the next page, the presenter notes of the page (<!-- note: ... -->
comments), the clock, the time elapsed and left, and the time plan with
how far ahead or behind it you are.

Its keys drive the presentation: space/→ next, ← back, ] and [ sections,
digits then enter to go to a section, g and G first and last page, b or .
black screen, w white, t timer, q quit. Either side can be restarted.

With BRIEFING, wait until that briefing is presented. When the output is
not a terminal, print the console once. "brief notes" is the same command.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts := ui.ConsoleOptions{}
			if len(args) == 1 {
				b, err := a.findBriefing(args[0])
				if err != nil {
					return err
				}
				opts.Briefing = b.Path
			}
			out := newOutput(a.streams.Out)
			if !out.terminal {
				_, err := fmt.Fprint(a.streams.Out, ui.ConsoleSnapshot(opts, 80, 0))
				return err
			}
			if err := a.needKeyboard(); err != nil {
				return err
			}
			return withSignals(func(ctx context.Context) error {
				return ui.RunConsole(ctx, opts, a.streams.In, a.streams.Out)
			})
		},
	}
}
