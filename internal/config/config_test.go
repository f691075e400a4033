package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "config.yaml")
	home, _ := os.UserHomeDir()
	write := func(s string) {
		if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("libraries: [~/briefings, notes, /abs/lib]\nstyle: light\nwidth: 80\npresenter_theme: high-contrast-light\nindex_dir: cache\nmax_size: 64MiB\n")
	c, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(home, "briefings"), filepath.Join(dir, "notes"), "/abs/lib"}
	if strings.Join(c.Libraries, "|") != strings.Join(want, "|") {
		t.Errorf("libraries = %q", c.Libraries)
	}
	if c.Style != "light" || c.Width != 80 || c.PresenterTheme != "high-contrast-light" ||
		c.IndexDir != filepath.Join(dir, "cache") || c.MaxSize != "64MiB" {
		t.Errorf("config = %+v", c)
	}

	for _, bad := range []string{"widht: 80\n", "width: [1]\n", "width: -3\n", "libraries: : :\n"} {
		write(bad)
		if _, err := Load(path); err == nil || !strings.Contains(err.Error(), "is not valid") {
			t.Errorf("%q: err = %v", bad, err)
		}
	}
	write("")
	if c, err := Load(path); err != nil || c.Width != 0 {
		t.Errorf("empty file: %+v, %v", c, err)
	}
	write(Example)
	if c, err := Load(path); err != nil || len(c.Libraries) != 0 {
		t.Errorf("the example (all commented) should load empty: %+v, %v", c, err)
	}
	if c, err := Load(filepath.Join(dir, "missing.yaml")); err != nil || c.Style != "" {
		t.Errorf("missing file: %+v, %v", c, err)
	}
}

func TestPath(t *testing.T) {
	t.Setenv("BRIEF_CONFIG", "")
	t.Setenv("XDG_CONFIG_HOME", "/x/config")
	if got, err := Path(); err != nil || got != "/x/config/brief/config.yaml" {
		t.Errorf("Path() = %s, %v", got, err)
	}
	t.Setenv("BRIEF_CONFIG", "/y/brief.yaml")
	if got, err := Path(); err != nil || got != "/y/brief.yaml" {
		t.Errorf("Path() with BRIEF_CONFIG = %s, %v", got, err)
	}
	// Without HOME, never a path relative to the working directory (it
	// was ./.config/brief/config.yaml).
	t.Setenv("BRIEF_CONFIG", "")
	t.Setenv("XDG_CONFIG_HOME", "")
	t.Setenv("HOME", "")
	if got, err := Path(); err == nil && !filepath.IsAbs(got) {
		t.Errorf("Path() without HOME = %s", got)
	}
}
