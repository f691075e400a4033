package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/internal/catalog"
	"github.com/briefreader/brief/internal/render"
	"github.com/briefreader/brief/internal/state"
	"github.com/briefreader/brief/ui"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"
)

// tuiFlags are the root command's own flags, for the reader.
type tuiFlags struct {
	query string
}

// addTUIFlags adds the reader's flags; --style and --width are settings
// (see settings).
func (a *app) addTUIFlags(root *cobra.Command) {
	root.Flags().String("style", defaultStyle, "auto, dark, light, notty, ascii, high-contrast-dark, ... or a glamour JSON file")
	root.Flags().Int("width", defaultWidth, "the widest the text may be, in columns")
	root.Flags().StringVarP(&a.tui.query, "query", "q", "", "start on the search screen with this query")
}

// tuiStart says where the app starts: presenting a briefing, or searching.
type tuiStart struct {
	present     *ui.PresentRequest
	presentOpts ui.PresentOptions
	query       string
	search      bool // start on the search screen, empty
}

// runTUIWith starts the app and returns when the user quits. The exit
// signals (see withSignals) end it with the terminal restored and the
// usual 128+signal exit status.
func (a *app) runTUIWith(cmd *cobra.Command, start tuiStart) error {
	keys, closeKeys, err := a.keyboard()
	if err != nil {
		return err
	}
	defer closeKeys()
	opts, err := a.loadOptions()
	if err != nil {
		return err
	}
	style, width := a.settings.style.value, a.settings.width.value
	if style != render.StyleAuto {
		if _, err := render.StyleConfig(style); err != nil {
			return err
		}
	}
	paths := a.libraryPaths()
	store, notices, err := state.Open("")
	if err != nil {
		notices = append(notices, err.Error())
		store = nil
	}
	highlights, warnings, err := state.OpenHighlights("")
	notices = append(notices, warnings...)
	if err != nil {
		notices = append(notices, err.Error())
		highlights = nil
	}
	a.highlights = highlights
	open := ""
	if len(paths) == 1 && start.present == nil {
		if info, err := os.Stat(paths[0]); err == nil && !info.IsDir() {
			open, _ = filepath.Abs(paths[0])
		}
	}
	if a.given != nil && start.present == nil {
		open = a.given.Path
	}
	live := &liveWatch{}
	uiOpts := ui.Options{
		Open:           open,
		Present:        start.present,
		PresentOptions: start.presentOpts,
		Query:          start.query,
		Search:         start.search,
		OpenSearch: func() (ui.SearchService, error) {
			svc, err := a.openSearch(context.Background(), cmd, true)
			if err != nil {
				return nil, explain(err) // the app says it as the command line does
			}
			live.service(svc)
			return svc, nil
		},
		Cached: func() *catalog.Catalog {
			if c, ok := catalog.Cached(paths, catalog.Options{Dir: a.cacheDir()}); ok {
				return explainCatalog(c)
			}
			return nil
		},
		Load: func(progress func(done, total int)) *catalog.Catalog {
			o := opts
			o.Progress = progress
			return explainCatalog(a.loadCatalog(paths, o))
		},
		LoadOptions: opts,
		Style:       style,
		NoColor:     a.settings.noColor,
		MaxWidth:    width,
		Store:       store,
		Highlights:  highlights,
		Notices:     notices,
		Watch:       live.watch,
	}
	if b := a.given; b != nil {
		// A briefing from the standard input is the whole library: no
		// files to list, watch or search.
		uiOpts.Given = b
		one := &catalog.Catalog{Entries: []briefings.Entry{b.Entry()}}
		uiOpts.Cached, uiOpts.OpenSearch, uiOpts.Watch = nil, nil, nil
		uiOpts.Load = func(func(int, int)) *catalog.Catalog { return one }
	}

	err = withSignals(func(ctx context.Context) error {
		return ui.Run(ctx, uiOpts, keys, a.streams.Out)
	})
	var saveErr error
	if store != nil {
		var notice *state.Notice
		if saveErr = store.Save(); errors.As(saveErr, &notice) {
			saveErr = nil // a notice: in store.Notices below
		}
	}
	if saveErr != nil {
		fmt.Fprintf(a.streams.Err, "brief: %s\n", cleanMessage(saveErr.Error()))
	} else {
		// The status line may have cut them short: once the terminal is
		// back, say in full what happened to the state files.
		if store != nil {
			notices = append(notices, store.Notices()...)
		}
		for _, n := range notices {
			fmt.Fprintf(a.streams.Err, "brief: note: %s\n", cleanMessage(n))
		}
	}
	return err
}

// needKeyboard checks that the app can read keys: bubbletea reads them from
// the standard input, and from /dev/null or a file it fails with words of
// its own ("could not create cancelable reader").
func (a *app) needKeyboard() error {
	if f, ok := a.streams.In.(term.File); ok && !term.IsTerminal(f.Fd()) {
		return errors.New("the reader takes its keys from the terminal, but the standard input is redirected " +
			"(not a terminal); run brief without < or a pipe, or print with brief list, brief show or brief search")
	}
	return nil
}
