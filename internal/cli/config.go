package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/briefreader/brief/internal/config"
	"github.com/briefreader/brief/internal/render"
	"github.com/briefreader/brief/internal/state"
	"github.com/briefreader/brief/internal/userdirs"
	"github.com/spf13/cobra"
)

// loadConfig reads the configuration file before any command runs. A
// broken file is reported once and ignored, so brief stays usable.
// Without a place for it (HOME unset, no home folder), there is no file to
// read: cfgPath stays "" and cfgErr says why, for brief config.
func (a *app) loadConfig(cmd *cobra.Command) {
	a.cmd = cmd
	path, err := config.Path()
	if err != nil {
		a.cfgErr = err
		return
	}
	a.cfgPath = path
	cfg, err := config.Load(a.cfgPath)
	if err != nil {
		fmt.Fprintf(a.streams.Err, "brief: %s (ignoring it)\n", cleanMessage(err.Error()))
		a.cfgErr = err
		return
	}
	a.cfg = cfg
}

// changed reports whether the user set a flag on the command line.
func (a *app) changed(name string) bool {
	if a.cmd == nil {
		return false
	}
	f := a.cmd.Flags().Lookup(name)
	return f != nil && f.Changed
}

// styleSetting resolves a style flag: the flag, else GLAMOUR_STYLE (through
// "auto"), else the configuration, else auto.
func (a *app) styleSetting(flag, value string) (string, string) {
	switch {
	case a.changed(flag):
		return value, "flag --" + flag
	case strings.TrimSpace(os.Getenv("GLAMOUR_STYLE")) != "":
		return render.StyleAuto, "environment GLAMOUR_STYLE=" + os.Getenv("GLAMOUR_STYLE")
	case a.cfg.Style != "":
		return a.cfg.Style, "configuration"
	}
	return render.StyleAuto, "default"
}

// widthSetting resolves the reader's width.
func (a *app) widthSetting() (int, string) {
	switch {
	case a.changed("width"):
		return a.tui.width, "flag --width"
	case a.cfg.Width > 0:
		return a.cfg.Width, "configuration"
	}
	return a.tui.width, "default"
}

// themeSetting resolves the presenter theme.
func (a *app) themeSetting(value string) (string, string) {
	switch {
	case a.changed("theme"):
		return value, "flag --theme"
	case a.cfg.PresenterTheme != "":
		return a.cfg.PresenterTheme, "configuration"
	}
	return value, "default"
}

// maxSizeSetting resolves --max-size.
func (a *app) maxSizeSetting() (string, string) {
	switch {
	case a.changed("max-size"):
		return a.maxSize, "flag --max-size"
	case a.cfg.MaxSize != "":
		return a.cfg.MaxSize, "configuration"
	}
	return a.maxSize, "default"
}

// librarySetting describes where the library comes from.
func (a *app) librarySetting() (string, string) {
	paths := a.libraryPaths()
	switch {
	case len(a.libraries)+len(a.positional) > 0:
		return strings.Join(paths, ", "), "flag -L or arguments"
	case os.Getenv("BRIEF_LIBRARY") != "":
		return strings.Join(paths, ", "), "environment BRIEF_LIBRARY"
	case len(a.cfg.Libraries) > 0:
		return strings.Join(paths, ", "), "configuration"
	}
	return "the built-in sample library", "default"
}

// indexDirSetting resolves where the index lives: --index-dir, else
// BRIEF_INDEX_DIR, else the configuration, else the user cache folder.
func (a *app) indexDirSetting() (string, string) {
	switch {
	case a.changed("index-dir"):
		return indexDir(a.cmd), "flag --index-dir"
	case os.Getenv("BRIEF_INDEX_DIR") != "":
		return os.Getenv("BRIEF_INDEX_DIR"), "environment BRIEF_INDEX_DIR"
	case a.cfg.IndexDir != "":
		return a.cfg.IndexDir, "configuration"
	}
	cache, err := userdirs.CacheHome()
	if err != nil {
		return "", "none: " + err.Error()
	}
	return filepath.Join(cache, "brief"), "default"
}

func (a *app) configCommand() *cobra.Command {
	var initFile bool
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Show the configuration file and the settings in effect",
		Long: `Print where the configuration file is and every setting in effect, with
where it came from. Settings come from flags, then environment variables,
then the configuration file, then defaults. --init writes a commented
example configuration file if there is none.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if initFile {
				return a.initConfig()
			}
			return a.printConfig(a.streams.Out)
		},
	}
	cmd.Flags().BoolVar(&initFile, "init", false, "write an example configuration file if there is none")
	return cmd
}

func (a *app) printConfig(w io.Writer) error {
	status := "found"
	switch {
	case a.cfgPath == "":
		status = a.cfgErr.Error()
	case a.cfgErr != nil:
		status = "ignored: " + a.cfgErr.Error()
	default:
		if _, err := os.Stat(a.cfgPath); errors.Is(err, fs.ErrNotExist) {
			status = "not found; brief config --init writes an example"
		}
	}
	library, librarySource := a.librarySetting()
	style, styleSource := a.styleSetting("style", a.tui.style)
	width, widthSource := a.widthSetting()
	theme, themeSource := a.themeSetting(render.StyleHighContrastDark)
	maxSize, maxSizeSource := a.maxSizeSetting()
	indexDirValue, indexSource := a.indexDirSetting()
	stateDir, err := state.DefaultDir()
	stateSource := "BRIEF_STATE_DIR, else $XDG_STATE_HOME/brief"
	if err != nil {
		stateSource = "none: " + err.Error()
	}
	rows := [][3]string{
		{"configuration", a.cfgPath, status},
		{"library", library, librarySource},
		{"style", style, styleSource},
		{"width", strconv.Itoa(width), widthSource},
		{"presenter theme", theme, themeSource},
		{"max size", maxSize, maxSizeSource},
		{"index", indexDirValue, indexSource},
		{"state", stateDir, stateSource},
		{"presenter status", state.PresentingPath(), "$XDG_RUNTIME_DIR/brief, else the state folder"},
	}
	var sb strings.Builder
	for _, r := range rows {
		if r[1] == "" {
			r[1] = "(none)"
		}
		// Paths are names from outside: cleaned like file names.
		fmt.Fprintf(&sb, "%-16s %s  (%s)\n", r[0]+":", cleanMessage(r[1]), cleanMessage(r[2]))
	}
	_, err = io.WriteString(w, sb.String())
	return err
}

func (a *app) initConfig() error {
	if a.cfgPath == "" {
		return fmt.Errorf("cannot write an example configuration: %w", a.cfgErr)
	}
	if _, err := os.Stat(a.cfgPath); err == nil {
		return fmt.Errorf("%s already exists; edit it, or remove it first", a.cfgPath)
	}
	if err := os.MkdirAll(filepath.Dir(a.cfgPath), 0o755); err != nil {
		return fmt.Errorf("cannot create %s: %w", filepath.Dir(a.cfgPath), err)
	}
	if err := os.WriteFile(a.cfgPath, []byte(config.Example), 0o644); err != nil {
		return fmt.Errorf("cannot write %s: %w", a.cfgPath, err)
	}
	fmt.Fprintf(a.streams.Err, "wrote %s\n", cleanMessage(a.cfgPath))
	return nil
}
