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
	"github.com/briefreader/brief/internal/state"
	"github.com/spf13/cobra"
)

// librarySetting describes where the library comes from.
func (a *app) librarySetting() (string, string) {
	paths := a.libraryPaths()
	switch {
	case len(a.positional) > 0:
		return strings.Join(paths, ", "), "flag -L or arguments"
	case len(paths) == 0:
		return "the built-in sample library", "default"
	}
	return strings.Join(paths, ", "), a.settings.library.source
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
	set := a.settings
	status := "found"
	switch {
	case set.configPath == "":
		status = set.configErr.Error()
	case set.configErr != nil:
		status = "ignored: " + set.configErr.Error()
	default:
		if _, err := os.Stat(set.configPath); errors.Is(err, fs.ErrNotExist) {
			status = "not found; brief config --init writes an example"
		}
	}
	library, librarySource := a.librarySetting()
	stateDir, err := state.DefaultDir()
	stateSource := "BRIEF_STATE_DIR, else $XDG_STATE_HOME/brief"
	if err != nil {
		stateSource = "none: " + err.Error()
	}
	rows := [][3]string{
		{"configuration", set.configPath, status},
		{"library", library, librarySource},
		{"style", set.style.value, set.style.source},
		{"width", strconv.Itoa(set.width.value), set.width.source},
		{"presenter theme", set.theme.value, set.theme.source},
		{"max size", set.maxSize.value, set.maxSize.source},
		{"index", set.indexDir.value, set.indexDir.source},
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
	path := a.settings.configPath
	if path == "" {
		return fmt.Errorf("cannot write an example configuration: %w", a.settings.configErr)
	}
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("%s already exists; edit it, or remove it first", path)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("cannot create %s: %w", filepath.Dir(path), err)
	}
	if err := os.WriteFile(path, []byte(config.Example), 0o644); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	fmt.Fprintf(a.streams.Err, "wrote %s\n", cleanMessage(path))
	return nil
}
