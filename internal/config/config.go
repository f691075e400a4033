// Package config reads brief's configuration file,
// $XDG_CONFIG_HOME/brief/config.yaml. Every setting in it is a default that
// an environment variable or a command-line flag overrides.
package config

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/briefreader/brief/internal/regular"
	"github.com/briefreader/brief/internal/userdirs"
)

// maxFile is the largest configuration file read.
const maxFile = 1 << 20

// Config is what the file may set.
type Config struct {
	// Libraries are the folders and files opened when none is given.
	Libraries []string `yaml:"libraries"`
	// Style is the reader's style: auto, dark, light, notty, ... or a
	// glamour JSON file.
	Style string `yaml:"style"`
	// Width is the widest the reader's text may be, in columns.
	Width int `yaml:"width"`
	// PresenterTheme is the presenter's theme.
	PresenterTheme string `yaml:"presenter_theme"`
	// IndexDir is where the search index is kept.
	IndexDir string `yaml:"index_dir"`
	// MaxSize is the largest file loaded, such as "32MiB".
	MaxSize string `yaml:"max_size"`
}

// Path is the configuration file: $BRIEF_CONFIG if set, else
// $XDG_CONFIG_HOME/brief/config.yaml (~/.config/brief/config.yaml). It is
// never relative to the working directory: without HOME it is under the
// account's home folder, and it fails when there is none.
func Path() (string, error) {
	if p := os.Getenv("BRIEF_CONFIG"); p != "" {
		return p, nil
	}
	dir, err := userdirs.ConfigHome()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "brief", "config.yaml"), nil
}

// Load reads the file at path. A missing file is an empty configuration.
// Paths in it may start with ~/ and may be relative to the file's folder.
func Load(path string) (Config, error) {
	var c Config
	data, err := regular.ReadFile(path, maxFile)
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return c, fmt.Errorf("read the configuration %s: %w", path, err)
	}
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil && !errors.Is(err, io.EOF) {
		return Config{}, fmt.Errorf("the configuration %s is not valid: %s", path, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	if c.Width < 0 {
		return Config{}, fmt.Errorf("the configuration %s is not valid: width must be a positive number of columns", path)
	}
	base := filepath.Dir(path)
	for i, l := range c.Libraries {
		c.Libraries[i] = expand(l, base)
	}
	if c.IndexDir != "" {
		c.IndexDir = expand(c.IndexDir, base)
	}
	if c.Style != "" && strings.ContainsAny(c.Style, `/\`) {
		c.Style = expand(c.Style, base)
	}
	return c, nil
}

// expand resolves ~ and makes a relative path relative to base.
func expand(p, base string) string {
	p = strings.TrimSpace(p)
	if p == "~" || strings.HasPrefix(p, "~/") {
		if home, err := userdirs.Home(); err == nil {
			p = filepath.Join(home, strings.TrimPrefix(p, "~"))
		}
	}
	p = os.ExpandEnv(p)
	if !filepath.IsAbs(p) {
		p = filepath.Join(base, p)
	}
	return filepath.Clean(p)
}

// Example is a commented configuration file, written by brief config --init.
const Example = `# brief configuration. Every setting is optional; a flag or an environment
# variable overrides it (flags > environment > this file > defaults).

# Folders and files to open when none is given (-L, BRIEF_LIBRARY).
# libraries:
#   - ~/briefings
#   - ~/archive/2024

# Reader style (--style, GLAMOUR_STYLE): auto, dark, light, notty, ascii,
# dracula, tokyo-night, pink, high-contrast-dark, high-contrast-light, or a
# glamour JSON style file.
# style: auto

# The widest the reader's text may be, in columns (--width).
# width: 100

# Presenter theme (brief present --theme).
# presenter_theme: high-contrast-dark

# Where the search index is kept (--index-dir, BRIEF_INDEX_DIR).
# index_dir: ~/.cache/brief

# Files larger than this are skipped (--max-size).
# max_size: 32MiB
`
