// Package cli is brief's command line: the cobra command tree, library
// selection from flags and environment, and the plain-output printers used
// when the standard output is not a terminal.
package cli

import (
	"errors"
	"fmt"
	"io"
	"log"
	"os"

	"github.com/briefreader/brief/briefings"
	"github.com/spf13/cobra"
)

// Streams are the standard streams a command uses; tests substitute buffers.
type Streams struct {
	In       io.Reader
	Out, Err io.Writer
}

// StdStreams returns the process's standard streams.
func StdStreams() Streams {
	return Streams{In: os.Stdin, Out: os.Stdout, Err: os.Stderr}
}

// exitError carries an exit code for errors that were already reported.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// Execute runs the command line with args and returns the process exit
// code. Errors are printed to s.Err as one "brief: ..." message, never as a
// stack trace.
//
// The standard logger never reaches the terminal: it would land in the
// middle of the app's screen or repeat a message already printed. (The
// index sends it to its log file while it is open; bleve's scorch writes
// there.)
func Execute(args []string, s Streams, version string) int {
	log.SetOutput(io.Discard)
	root := NewRootCommand(s, version)
	root.SetArgs(queryArgs(args))
	err := root.Execute()
	if err == nil {
		return 0
	}
	var exit *exitError
	if errors.As(err, &exit) {
		if exit.err != nil {
			fmt.Fprintf(s.Err, "brief: %s\n", cleanMessage(explain(exit.err).Error()))
		}
		return exit.code
	}
	fmt.Fprintf(s.Err, "brief: %s\n", cleanMessage(explain(err).Error()))
	return 1
}

// NewRootCommand builds the command tree.
func NewRootCommand(s Streams, version string) *cobra.Command {
	app := &app{streams: s}
	root := &cobra.Command{
		Use:   "brief [PATH...]",
		Short: "Read, search and present markdown briefings in the terminal",
		Long: `brief is a terminal reader for markdown briefings.

With no command it opens the reader on the library: the folders and files
given as arguments or with -L, else $BRIEF_LIBRARY, else the built-in sample
library. When the standard output is not a terminal it prints the list of
briefings instead.`,
		Version:       version,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			return app.loadSettings(cmd)
		},
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return app.runDefault(cmd, args)
		},
	}
	root.SetIn(s.In)
	root.SetOut(s.Out)
	root.SetErr(s.Err)
	app.addGlobalFlags(root)
	addIndexFlags(root)
	app.addTUIFlags(root)
	root.AddCommand(
		app.listCommand(),
		app.showCommand(),
		app.presentCommand(),
		app.consoleCommand(),
		app.configCommand(),
		app.searchCommand(), app.indexCommand(),
		app.exportCommand(),
		app.quotesCommand(),
	)
	return root
}

// runDefault opens the reader; without a terminal it lists the library.
func (a *app) runDefault(cmd *cobra.Command, args []string) error {
	if len(args) == 1 && args[0] == "-" || len(args) == 0 && len(a.libraries) == 0 && a.tui.query == "" && a.pipedInput() {
		b, err := a.readStdin()
		switch {
		case errors.Is(err, errEmptyStdin) && len(args) == 0:
			// Nothing was sent: as without the pipe (which needs keys).
		case err != nil:
			return err
		case !newOutput(a.streams.Out).terminal:
			return a.printBriefing(b, -1, showFlags{})
		default:
			return a.runTUIWith(cmd, tuiStart{})
		}
	}
	for _, arg := range args {
		if _, err := os.Stat(arg); err != nil {
			return fmt.Errorf("%q is neither a command nor a file or folder (see `brief --help`)", arg)
		}
	}
	a.positional = args
	if out := newOutput(a.streams.Out); !out.terminal {
		if a.tui.query != "" {
			return a.runSearch(cmd, a.tui.query, searchFlags{limit: 10})
		}
		return a.runList(false, briefings.ByDate)
	}
	return a.runTUIWith(cmd, tuiStart{query: a.tui.query})
}
