package cli

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/briefreader/brief/index"
	"github.com/briefreader/brief/internal/config"
)

// TestSettingsPrecedence: every setting comes from its flag, else its
// environment variable, else the configuration file, else its default.
func TestSettingsPrecedence(t *testing.T) {
	file := config.Config{
		Libraries: []string{"/cfg/lib"}, Style: "light", Width: 72,
		PresenterTheme: "dark", MaxSize: "1MiB", IndexDir: "/cfg/index",
	}
	env := map[string]string{
		"BRIEF_LIBRARY": "/env/a" + string(filepath.ListSeparator) + " " + string(filepath.ListSeparator) + "/env/b",
		"GLAMOUR_STYLE": " dracula ", "BRIEF_INDEX_DIR": "/env/index",
	}
	flags := map[string]string{
		"style": "pink", "width": "60", "theme": "high-contrast-light",
		"max-size": "2MiB", "index-dir": "/flag/index",
	}
	type got struct {
		library                         []string
		style, theme, maxSize, indexDir string
		width                           int
		sources                         string
	}
	for _, c := range []struct {
		name      string
		flags     map[string]string
		libraries []string
		env       map[string]string
		config    config.Config
		want      got
	}{
		{"defaults", nil, nil, nil, config.Config{}, got{nil, "auto", "high-contrast-dark", "32MiB", "/default/brief", 100,
			"default|default|default default default|default"}},
		{"configuration over defaults", nil, nil, nil, file, got{[]string{"/cfg/lib"}, "light", "dark", "1MiB", "/cfg/index", 72,
			"configuration|configuration|configuration configuration configuration|configuration"}},
		{"environment over configuration", nil, nil, env, file, got{[]string{"/env/a", "/env/b"}, "dracula", "dark", "1MiB", "/env/index", 72,
			"environment BRIEF_LIBRARY|environment GLAMOUR_STYLE= dracula |configuration configuration configuration|environment BRIEF_INDEX_DIR"}},
		{"flags over environment", flags, []string{"/flag/lib"}, env, file, got{[]string{"/flag/lib"}, "pink", "high-contrast-light", "2MiB", "/flag/index", 60,
			"flag -L or arguments|flag --style|flag --width flag --theme flag --max-size|flag --index-dir"}},
		{"an empty --index-dir is no choice", map[string]string{"index-dir": ""}, nil, env, file,
			got{[]string{"/env/a", "/env/b"}, "dracula", "dark", "1MiB", "/env/index", 72,
				"environment BRIEF_LIBRARY|environment GLAMOUR_STYLE= dracula |configuration configuration configuration|environment BRIEF_INDEX_DIR"}},
		{"GLAMOUR_STYLE=auto still overrides the configuration", nil, nil, map[string]string{"GLAMOUR_STYLE": "auto"}, file,
			got{[]string{"/cfg/lib"}, "auto", "dark", "1MiB", "/cfg/index", 72,
				"configuration|environment GLAMOUR_STYLE=auto|configuration configuration configuration|configuration"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, err := resolveSettings(settingsInput{
				flags: c.flags, libraries: c.libraries, config: c.config,
				getenv:          func(k string) string { return c.env[k] },
				defaultIndexDir: func() (string, error) { return "/default/brief", nil },
			})
			if err != nil {
				t.Fatal(err)
			}
			g := got{s.library.value, s.style.value, s.theme.value, s.maxSize.value, s.indexDir.value, s.width.value,
				strings.Join([]string{s.library.source, s.style.source,
					s.width.source + " " + s.theme.source + " " + s.maxSize.source, s.indexDir.source}, "|")}
			if !reflect.DeepEqual(g, c.want) {
				t.Errorf("\n got %+v\nwant %+v", g, c.want)
			}
		})
	}
}

// TestIndexDirDefaultIsTheIndexPackages: the index folder brief config
// shows, the one the commands pass to the index, and the one the index
// uses when given none are the same folder.
func TestIndexDirDefaultIsTheIndexPackages(t *testing.T) {
	cache := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cache)
	t.Setenv("BRIEF_INDEX_DIR", "")
	withConfig(t, "")
	want, err := index.DefaultDir()
	if err != nil || want != filepath.Join(cache, "brief") {
		t.Fatalf("index.DefaultDir() = %q, %v", want, err)
	}
	a := &app{streams: Streams{Out: &strings.Builder{}, Err: &strings.Builder{}}}
	root := NewRootCommand(a.streams, "test")
	if err := a.loadSettings(root); err != nil {
		t.Fatal(err)
	}
	if a.settings.indexDir.value != want || a.settings.indexDir.source != "default" {
		t.Errorf("the index setting is %q (%s), the index's default %q", a.settings.indexDir.value, a.settings.indexDir.source, want)
	}
	out, _, _ := run(t, "config")
	if !strings.Contains(out, "index:           "+want+"  (default)") {
		t.Errorf("brief config shows another index folder than %s:\n%s", want, out)
	}
	lib := t.TempDir()
	writeFile(t, filepath.Join(lib, "a.md"), "# A\n\nwords\n")
	if _, errOut, code := run(t, "index", "-L", lib); code != 0 {
		t.Fatalf("brief index: exit %d, %s", code, errOut)
	}
	if entries, err := filepath.Glob(filepath.Join(want, "v*")); err != nil || len(entries) == 0 {
		t.Errorf("brief index kept no index in %s", want)
	}
}

func TestBrokenMaxSizeInConfigurationSaysWhere(t *testing.T) {
	path := withConfig(t, "max_size: lots\n")
	_, errOut, code := run(t, "list")
	if code == 0 || !strings.Contains(errOut, "max_size in "+path+`: "lots" is not a size`) {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	_, errOut, _ = run(t, "list", "--max-size", "heaps")
	if !strings.Contains(errOut, `--max-size: "heaps" is not a size`) {
		t.Errorf("stderr %q", errOut)
	}
}
