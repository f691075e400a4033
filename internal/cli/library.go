package cli

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/internal/catalog"
	"github.com/briefreader/brief/internal/state"
	"github.com/spf13/cobra"
)

// app holds what every command shares: streams, global flags, and the
// library once loaded.
type app struct {
	streams    Streams
	libraries  []string
	positional []string
	tui        tuiFlags
	given      *briefings.Briefing // read from the standard input

	// settings are resolved before any command runs (loadSettings).
	settings settings

	highlights     *state.HighlightStore // the app's, once open; else opened for in:highlights
	highlightsOnce sync.Once
}

func (a *app) addGlobalFlags(root *cobra.Command) {
	flags := root.PersistentFlags()
	flags.StringArrayVarP(&a.libraries, "library", "L", nil,
		"a folder or file of briefings (repeatable; default $BRIEF_LIBRARY, else the sample library)")
	flags.String("max-size", defaultMaxSize, "skip files larger than this (e.g. 500KiB, 64MiB)")
}

// libraryPaths returns the library selection: -L flags and positional
// paths, else the library setting (BRIEF_LIBRARY, else the
// configuration's libraries), else nil for the sample library.
func (a *app) libraryPaths() []string {
	if len(a.positional) > 0 {
		return append(append([]string(nil), a.libraries...), a.positional...)
	}
	return a.settings.library.value
}

func (a *app) loadOptions() (briefings.LoadOptions, error) {
	maxSize := a.settings.maxSize
	size, err := parseSize(maxSize.value)
	if err != nil {
		what := "--max-size"
		if maxSize.source == "configuration" {
			what = "max_size in " + a.settings.configPath
		}
		return briefings.LoadOptions{}, fmt.Errorf("%s: %w", what, err)
	}
	return briefings.LoadOptions{MaxSize: size}, nil
}

// loadLibrary loads the selected library. It fails only when a library was
// named and nothing in it could be found at all.
func (a *app) loadLibrary() (*briefings.Library, error) {
	opts, err := a.loadOptions()
	if err != nil {
		return nil, err
	}
	paths := a.libraryPaths()
	if len(paths) == 0 {
		return briefings.LoadSample(), nil
	}
	lib := briefings.Load(paths, opts)
	if len(lib.Roots) == 0 {
		a.printProblems(lib.Problems)
		return nil, &exitError{code: 1, err: errors.New("no library to open: none of the given paths is a folder or a file brief can read")}
	}
	return lib, nil
}

// loadCatalog lists the library from the catalog cache kept beside the
// search index: only new and changed files are read.
func (a *app) loadCatalog(paths []string, opts briefings.LoadOptions) *catalog.Catalog {
	return catalog.Load(paths, catalog.Options{Dir: a.cacheDir(), LoadOptions: opts})
}

// clearCatalogCache removes a library's cached lists. (A variable for
// tests.)
var clearCatalogCache = catalog.Clear

// clearCatalog forgets the library list kept beside the index, so that the
// next listing reads every file again: brief index --rebuild rebuilds every
// cache of the library, not only the index.
func (a *app) clearCatalog() {
	if err := clearCatalogCache(a.settings.indexDir.value, a.libraryPaths()); err != nil {
		fmt.Fprintf(a.streams.Err, "brief: note: %s\n", cleanMessage(err.Error()))
	}
}

// printProblems lists load problems on stderr, one per line.
func (a *app) printProblems(problems []briefings.Problem) {
	for _, p := range problems {
		kind := "warning"
		if p.Skipped {
			kind = "skipped"
		}
		fmt.Fprintf(a.streams.Err, "%s: %s: %s\n", kind, cleanMessage(p.Path), cleanMessage(fmt.Sprint(explain(p.Err))))
	}
}

// parseSize reads "32MiB", "500KB", "1g" or a plain number of bytes.
func parseSize(s string) (int64, error) {
	s = strings.TrimSpace(strings.ToLower(s))
	units := []struct {
		suffix string
		scale  int64
	}{
		{"gib", 1 << 30}, {"gb", 1 << 30}, {"g", 1 << 30},
		{"mib", 1 << 20}, {"mb", 1 << 20}, {"m", 1 << 20},
		{"kib", 1 << 10}, {"kb", 1 << 10}, {"k", 1 << 10},
		{"b", 1},
	}
	scale := int64(1)
	for _, u := range units {
		if strings.HasSuffix(s, u.suffix) {
			s, scale = strings.TrimSpace(strings.TrimSuffix(s, u.suffix)), u.scale
			break
		}
	}
	n, err := strconv.ParseFloat(s, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("%q is not a size such as 32MiB", s)
	}
	return int64(n * float64(scale)), nil
}
