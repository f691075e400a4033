// Package userdirs says where brief keeps things for the user: its
// configuration, its caches and its state. It follows the XDG base directory
// rules (through github.com/adrg/xdg, which also knows the macOS and Windows
// places), with one difference: without $HOME, xdg falls back to "/" (a
// cache under /.cache, a state folder under /.local), and a folder relative
// to the working directory is never right. So an absolute XDG variable is
// used first, then the home folder from $HOME or, when HOME is unset, from
// the account database, and failing both an error says what to set.
package userdirs

import (
	"errors"
	"fmt"
	"os"
	"os/user"
	"path/filepath"
	"runtime"

	"github.com/adrg/xdg"
)

// NoHomeError says that a folder cannot be placed: no XDG variable names
// it and the user's home folder is unknown.
type NoHomeError struct {
	// What is "configuration", "cache" or "state".
	What string
	// Env is the XDG variable that would name the folder.
	Env string
}

// Error says what to set.
func (e *NoHomeError) Error() string {
	return fmt.Sprintf("cannot tell where to keep the %s: HOME is not set and the account has no home folder (set HOME or %s)", e.What, e.Env)
}

// Home returns the user's home folder: $HOME when it is an absolute path,
// else the home folder of the account running brief.
func Home() (string, error) {
	if h := os.Getenv("HOME"); filepath.IsAbs(h) {
		return h, nil
	}
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" {
		if h, err := os.UserHomeDir(); err == nil && filepath.IsAbs(h) {
			return h, nil
		}
	}
	u, err := user.Current()
	if err != nil {
		return "", fmt.Errorf("no home folder: %w", err)
	}
	if !filepath.IsAbs(u.HomeDir) {
		return "", errors.New("no home folder")
	}
	return u.HomeDir, nil
}

// ConfigHome is the base folder of configuration files: $XDG_CONFIG_HOME,
// else ~/.config (on every system, as brief has always done).
func ConfigHome() (string, error) {
	if d := os.Getenv("XDG_CONFIG_HOME"); filepath.IsAbs(d) {
		return d, nil
	}
	home, err := Home()
	if err != nil {
		return "", &NoHomeError{What: "configuration", Env: "XDG_CONFIG_HOME"}
	}
	return filepath.Join(home, ".config"), nil
}

// CacheHome is the base folder of caches: $XDG_CACHE_HOME, else the
// system's cache folder under the home folder (~/.cache on Linux).
func CacheHome() (string, error) {
	return base("cache", "XDG_CACHE_HOME", xdg.CacheHome, ".cache")
}

// StateHome is the base folder of state files: $XDG_STATE_HOME, else the
// system's state folder under the home folder (~/.local/state on Linux).
func StateHome() (string, error) {
	return base("state", "XDG_STATE_HOME", xdg.StateHome, ".local", "state")
}

// base returns $env when it is absolute; else, when HOME is set, xdg's
// folder (the system's convention); else the Unix folder under the home
// folder of the account.
func base(what, env, fromXDG string, unix ...string) (string, error) {
	if d := os.Getenv(env); filepath.IsAbs(d) {
		return d, nil
	}
	if (runtime.GOOS == "windows" || runtime.GOOS == "plan9") && filepath.IsAbs(fromXDG) {
		return fromXDG, nil // xdg finds these without HOME
	}
	if filepath.IsAbs(os.Getenv("HOME")) && filepath.IsAbs(fromXDG) && os.Getenv("HOME") == xdg.Home {
		return fromXDG, nil
	}
	home, err := Home()
	if err != nil {
		return "", &NoHomeError{What: what, Env: env}
	}
	return filepath.Join(append([]string{home}, unix...)...), nil
}
