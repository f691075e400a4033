package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestMain keeps the tests away from the user's own configuration, index,
// catalog and state: they all go to a temporary folder.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "brief-cli-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for k, v := range map[string]string{
		"BRIEF_CONFIG":    filepath.Join(dir, "config.yaml"),
		"BRIEF_INDEX_DIR": filepath.Join(dir, "cache"),
		"BRIEF_STATE_DIR": filepath.Join(dir, "state"),
		"XDG_STATE_HOME":  filepath.Join(dir, "state"),
		"XDG_RUNTIME_DIR": filepath.Join(dir, "run"),
		"XDG_CACHE_HOME":  filepath.Join(dir, "xdg-cache"),
	} {
		os.Setenv(k, v)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
