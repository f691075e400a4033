package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/internal/render"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"
)

// maxReadableWidth caps the wrap width on wide terminals.
const maxReadableWidth = 100

type showFlags struct {
	section string
	width   int
	toc     bool
}

func (a *app) showCommand() *cobra.Command {
	var f showFlags
	cmd := &cobra.Command{
		Use:   "show BRIEFING",
		Short: "Print a briefing, or one section of it",
		Long: `Print a briefing rendered for the terminal.

BRIEFING is a file path, or a title, file name or path suffix matched in the
library ("ukraine" finds the sample briefing), or - for the standard input. --section takes a number, an
anchor, or part of a heading ("north korean"). When the output is not a
terminal, or NO_COLOR is set, the text has no escape codes at all.`,
		Example: `  brief show ukraine --section "north korean"
  brief show --toc ukraine
  brief show notes/today.md --width 72 --style light
  pbpaste | brief show --toc -`,
		Args: exactArgs(1, "BRIEFING"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runShow(args[0], f)
		},
	}
	flags := cmd.Flags()
	flags.StringVarP(&f.section, "section", "s", "", "show only this section: number, anchor or part of the heading")
	flags.IntVarP(&f.width, "width", "w", 0, "wrap at this many columns (default: terminal width, at most 100)")
	flags.String("style", defaultStyle, "auto, dark, light, notty, ascii, high-contrast-dark, ... or a glamour JSON file")
	flags.BoolVar(&f.toc, "toc", false, "print the table of contents instead")
	return cmd
}

func (a *app) runShow(query string, f showFlags) error {
	b, section, err := a.findSection(query, f.section)
	if err != nil {
		return err
	}
	return a.printBriefing(b, section, f)
}

// printBriefing prints a briefing, or one section (-1: all of it).
func (a *app) printBriefing(b *briefings.Briefing, section int, f showFlags) error {
	out := newOutput(a.streams.Out)
	if f.toc {
		return writeTOC(out, b)
	}
	style := a.settings.style.value
	if style != render.StyleAuto {
		if _, err := render.StyleConfig(style); err != nil {
			return err
		}
	}
	r, err := render.New(a.styleFor(out, style), a.widthFor(out, f.width))
	if err != nil {
		return err
	}
	var lines []string
	if section >= 0 {
		lines = r.Subtree(b, section)
	} else {
		lines = r.Document(b)
	}
	text := strings.Join(lines, "\n") + "\n"
	if !out.styled() {
		text = render.Plain(text)
	}
	_, err = io.WriteString(out.writer(), text)
	return err
}

// findSection opens BRIEFING and finds the section named by --section: its
// index, or -1 when name is empty.
func (a *app) findSection(query, name string) (*briefings.Briefing, int, error) {
	b, err := a.findBriefing(query)
	if err != nil || name == "" {
		return b, -1, err
	}
	section, err := b.FindSection(name)
	return b, section, err
}

// findBriefing opens BRIEFING: a name in the file system (other than a
// folder) is read directly, anything else is looked up in the library. Only
// a regular file is read: a named pipe, socket or device, or a symbolic
// link loop, gets a one-line message and never blocks.
func (a *app) findBriefing(query string) (*briefings.Briefing, error) {
	if query == "-" {
		return a.readStdin()
	}
	if _, err := os.Lstat(query); err == nil {
		if info, err := os.Stat(query); err != nil || !info.IsDir() {
			return a.readBriefingFile(query)
		}
	}
	lib, err := a.loadLibrary()
	if err != nil {
		return nil, err
	}
	b, err := lib.Find(query)
	var notFound *briefings.NotFoundError
	if errors.As(err, &notFound) {
		return nil, fmt.Errorf("%w (try `brief list` to see the briefings)", err)
	}
	return b, err
}

// readBriefingFile reads the briefing file named on the command line.
func (a *app) readBriefingFile(name string) (*briefings.Briefing, error) {
	opts, err := a.loadOptions()
	if err != nil {
		return nil, err
	}
	file, err := briefings.StatFile(name)
	if err == nil {
		var b *briefings.Briefing
		if b, err = briefings.ReadFile(file, opts); err == nil {
			return b, nil
		}
	}
	return nil, fmt.Errorf("%s: %w", name, err)
}

// styleFor resolves --style for this output: plain output uses the notty
// style, or the ascii style when that is asked for (it has no colour
// either).
func (a *app) styleFor(out output, requested string) string {
	if !out.styled() {
		if requested == render.StyleASCII {
			return render.StyleASCII
		}
		return render.StyleNoTTY
	}
	if requested == "" || requested == render.StyleAuto {
		dark := true
		if f, ok := a.streams.In.(term.File); ok {
			if o, ok := out.w.(term.File); ok && term.IsTerminal(f.Fd()) {
				dark = lipgloss.HasDarkBackground(f, o)
			}
		}
		return render.ResolveStyle(requested, true, dark)
	}
	return requested
}

// widthFor picks the wrap width: the flag, else the terminal's width capped
// at a readable measure, else 80.
func (a *app) widthFor(out output, requested int) int {
	if requested > 0 {
		return requested
	}
	if f, ok := out.w.(term.File); ok && out.terminal {
		if w, _, err := term.GetSize(f.Fd()); err == nil && w > 0 {
			return min(w, maxReadableWidth)
		}
	}
	return 80
}

// writeTOC prints the section tree, numbered as --section and the reader's
// digit keys count.
func writeTOC(out output, b *briefings.Briefing) error {
	var sb strings.Builder
	sb.WriteString(b.Title)
	sb.WriteByte('\n')
	if byline := b.Byline(); len(byline) > 0 {
		sb.WriteString(strings.Join(byline, " · "))
		sb.WriteByte('\n')
	}
	if len(b.Detected) > 0 {
		// A plain-text article's metadata was guessed from its lines:
		// say which, so that a wrong guess is seen.
		sb.WriteString("Read from the text:\n")
		for _, d := range b.Detected {
			fmt.Fprintf(&sb, "  %s\n", d)
		}
		sb.WriteByte('\n')
	}
	top := 6
	for _, s := range b.Sections {
		top = min(top, s.Level)
	}
	for _, s := range b.Sections {
		indent := strings.Repeat("  ", s.Level-top+1)
		fmt.Fprintf(&sb, "%s%d. %s\n", indent, s.Ordinal, s.Heading)
	}
	_, err := io.WriteString(out.writer(), sb.String())
	return err
}

// exactArgs is cobra.ExactArgs with a message naming the missing argument.
func exactArgs(n int, name string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return fmt.Errorf("%s needs %s (see `%s --help`)", cmd.Name(), name, cmd.CommandPath())
		}
		return nil
	}
}
