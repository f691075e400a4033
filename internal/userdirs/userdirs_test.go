//go:build unix

package userdirs

import (
	"os/user"
	"path/filepath"
	"strings"
	"testing"
)

func TestWithHome(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", "")
	t.Setenv("XDG_CACHE_HOME", "")
	t.Setenv("XDG_STATE_HOME", "relative/is/ignored")
	for name, f := range map[string]func() (string, error){"config": ConfigHome, "cache": CacheHome, "state": StateHome} {
		dir, err := f()
		if err != nil || !strings.HasPrefix(dir, home+string(filepath.Separator)) {
			t.Errorf("%s: %q, %v; want a folder under %s", name, dir, err, home)
		}
	}
	t.Setenv("XDG_STATE_HOME", "/xdg/state")
	if dir, err := StateHome(); err != nil || dir != "/xdg/state" {
		t.Errorf("with XDG_STATE_HOME: %q, %v", dir, err)
	}
}

// Without HOME, xdg would put everything under "/" (and os.UserHomeDir
// fails): the account's home folder is used instead, and nothing is ever
// relative to the working directory.
func TestWithoutHome(t *testing.T) {
	u, err := user.Current()
	if err != nil || !filepath.IsAbs(u.HomeDir) || u.HomeDir == "/" {
		t.Skipf("the account has no usable home folder here (%v)", err)
	}
	for _, unset := range []string{"", "relative"} {
		t.Setenv("HOME", unset)
		t.Setenv("XDG_CONFIG_HOME", "")
		t.Setenv("XDG_CACHE_HOME", "")
		t.Setenv("XDG_STATE_HOME", "")
		want := map[string]string{
			"config": filepath.Join(u.HomeDir, ".config"),
			"cache":  filepath.Join(u.HomeDir, ".cache"),
			"state":  filepath.Join(u.HomeDir, ".local", "state"),
		}
		for name, f := range map[string]func() (string, error){"config": ConfigHome, "cache": CacheHome, "state": StateHome} {
			if dir, err := f(); err != nil || dir != want[name] {
				t.Errorf("HOME=%q: %s: %q, %v; want %s", unset, name, dir, err, want[name])
			}
		}
		if h, err := Home(); err != nil || h != u.HomeDir {
			t.Errorf("HOME=%q: Home() = %q, %v", unset, h, err)
		}
	}
	t.Setenv("XDG_CACHE_HOME", "/var/cache/someone")
	if dir, err := CacheHome(); err != nil || dir != "/var/cache/someone" {
		t.Errorf("without HOME, with XDG_CACHE_HOME: %q, %v", dir, err)
	}
}

func TestNoHomeError(t *testing.T) {
	err := &NoHomeError{What: "state", Env: "XDG_STATE_HOME"}
	if got := err.Error(); !strings.Contains(got, "HOME is not set") || !strings.Contains(got, "XDG_STATE_HOME") {
		t.Errorf("message: %q", got)
	}
}
