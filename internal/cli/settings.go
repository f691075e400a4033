package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/briefreader/brief/index"
	"github.com/briefreader/brief/internal/config"
	"github.com/briefreader/brief/internal/render"
	"github.com/spf13/cobra"
)

// The defaults of the settings, also shown by the flags' help.
const (
	defaultStyle   = render.StyleAuto
	defaultWidth   = 100
	defaultTheme   = render.StyleHighContrastDark
	defaultMaxSize = "32MiB"
)

// settings are brief's settings, resolved once before any command runs
// (loadSettings, from the root's PersistentPreRunE): each from its flag,
// else its environment variable, else the configuration file, else the
// default. Commands read them here; nothing else reads those flags, the
// variables or the file. (The positional paths of brief PATH... are added
// to the library by the root command itself: see app.libraryPaths.)
type settings struct {
	configPath string        // "" when there is no place for the file
	configErr  error         // why there is no file, or why it was ignored
	config     config.Config // the file as read

	library  setting[[]string] // nil: the sample library
	style    setting[string]   // a style name or file, or "auto"
	width    setting[int]
	theme    setting[string]
	maxSize  setting[string]
	indexDir setting[string] // "" when there is nowhere to keep it
	noColor  bool            // NO_COLOR is set
}

// setting is one resolved value and where it came from, in the words
// brief config shows.
type setting[T any] struct {
	value  T
	source string
}

// settingsInput is what the settings are resolved from.
type settingsInput struct {
	// flags are the values of the flags given on the command line, by
	// name ("style", "width", "theme", "max-size", "index-dir"); a flag
	// not given is absent.
	flags map[string]string
	// libraries are the -L flags.
	libraries []string
	// getenv reads the environment.
	getenv func(string) string
	// config is the configuration file.
	config config.Config
	// defaultIndexDir is the index folder when none is chosen
	// (index.DefaultDir).
	defaultIndexDir func() (string, error)
}

// resolveSettings resolves every setting: flag > environment >
// configuration > default.
func resolveSettings(in settingsInput) (settings, error) {
	s := settings{config: in.config, noColor: in.getenv("NO_COLOR") != ""}
	flag := func(name string) (string, bool) {
		v, ok := in.flags[name]
		return v, ok
	}

	s.library = setting[[]string]{nil, "default"}
	var fromEnv []string
	for _, p := range filepath.SplitList(in.getenv("BRIEF_LIBRARY")) {
		if strings.TrimSpace(p) != "" {
			fromEnv = append(fromEnv, p)
		}
	}
	switch {
	case len(in.libraries) > 0:
		s.library = setting[[]string]{in.libraries, "flag -L or arguments"}
	case len(fromEnv) > 0:
		s.library = setting[[]string]{fromEnv, "environment BRIEF_LIBRARY"}
	case len(in.config.Libraries) > 0:
		s.library = setting[[]string]{in.config.Libraries, "configuration"}
	}

	s.style = setting[string]{defaultStyle, "default"}
	env := in.getenv("GLAMOUR_STYLE")
	if v, ok := flag("style"); ok {
		s.style = setting[string]{v, "flag --style"}
	} else if strings.TrimSpace(env) != "" {
		s.style = setting[string]{strings.TrimSpace(env), "environment GLAMOUR_STYLE=" + env}
	} else if in.config.Style != "" {
		s.style = setting[string]{in.config.Style, "configuration"}
	}

	s.width = setting[int]{defaultWidth, "default"}
	if v, ok := flag("width"); ok {
		n, err := strconv.Atoi(v)
		if err != nil {
			return s, fmt.Errorf("--width %q is not a number of columns", v)
		}
		s.width = setting[int]{n, "flag --width"}
	} else if in.config.Width > 0 {
		s.width = setting[int]{in.config.Width, "configuration"}
	}

	s.theme = setting[string]{defaultTheme, "default"}
	if v, ok := flag("theme"); ok {
		s.theme = setting[string]{v, "flag --theme"}
	} else if in.config.PresenterTheme != "" {
		s.theme = setting[string]{in.config.PresenterTheme, "configuration"}
	}

	s.maxSize = setting[string]{defaultMaxSize, "default"}
	if v, ok := flag("max-size"); ok {
		s.maxSize = setting[string]{v, "flag --max-size"}
	} else if in.config.MaxSize != "" {
		s.maxSize = setting[string]{in.config.MaxSize, "configuration"}
	}

	if v, ok := flag("index-dir"); ok && v != "" {
		s.indexDir = setting[string]{v, "flag --index-dir"}
	} else if v := in.getenv("BRIEF_INDEX_DIR"); v != "" {
		s.indexDir = setting[string]{v, "environment BRIEF_INDEX_DIR"}
	} else if in.config.IndexDir != "" {
		s.indexDir = setting[string]{in.config.IndexDir, "configuration"}
	} else if dir, err := in.defaultIndexDir(); err != nil {
		s.indexDir = setting[string]{"", "none: " + err.Error()}
	} else {
		s.indexDir = setting[string]{dir, "default"}
	}
	return s, nil
}

// settingFlags are the flags that settings come from. A command that has
// one of its own by that name (brief show --style) sets it as well.
var settingFlags = []string{"style", "width", "theme", "max-size", "index-dir"}

// loadSettings reads the configuration file and resolves the settings for
// the command about to run. A broken file is reported once and ignored,
// so brief stays usable.
func (a *app) loadSettings(cmd *cobra.Command) error {
	in := settingsInput{
		flags:           map[string]string{},
		libraries:       a.libraries,
		getenv:          os.Getenv,
		defaultIndexDir: index.DefaultDir,
	}
	for _, name := range settingFlags {
		if f := cmd.Flags().Lookup(name); f != nil && f.Changed {
			in.flags[name] = f.Value.String()
		}
	}
	path, pathErr := config.Path()
	var cfgErr error
	if pathErr == nil {
		if in.config, cfgErr = config.Load(path); cfgErr != nil {
			fmt.Fprintf(a.streams.Err, "brief: %s (ignoring it)\n", cleanMessage(cfgErr.Error()))
		}
	}
	s, err := resolveSettings(in)
	s.configPath, s.configErr = path, cfgErr
	if pathErr != nil {
		s.configErr = pathErr
	}
	a.settings = s
	return err
}
