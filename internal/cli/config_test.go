package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// withConfig points brief at a configuration file with the given text.
func withConfig(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.yaml")
	writeFile(t, path, text)
	t.Setenv("BRIEF_CONFIG", path)
	return path
}

func TestConfigPrecedence(t *testing.T) {
	fromConfig, fromEnv, fromFlag := t.TempDir(), t.TempDir(), t.TempDir()
	writeFile(t, filepath.Join(fromConfig, "c.md"), "# From config\n")
	writeFile(t, filepath.Join(fromEnv, "e.md"), "# From env\n")
	writeFile(t, filepath.Join(fromFlag, "f.md"), "# From flag\n")
	withConfig(t, "libraries: ["+fromConfig+"]\nwidth: 72\nstyle: light\n")
	t.Setenv("BRIEF_LIBRARY", "")
	t.Setenv("GLAMOUR_STYLE", "")

	out, _, _ := run(t, "list")
	if !strings.Contains(out, "From config") {
		t.Errorf("configuration library not used:\n%s", out)
	}
	t.Setenv("BRIEF_LIBRARY", fromEnv)
	out, _, _ = run(t, "list")
	if !strings.Contains(out, "From env") || strings.Contains(out, "From config") {
		t.Errorf("environment does not override the configuration:\n%s", out)
	}
	out, _, _ = run(t, "list", "-L", fromFlag)
	if !strings.Contains(out, "From flag") || strings.Contains(out, "From env") {
		t.Errorf("flag does not override the environment:\n%s", out)
	}

	out, _, code := run(t, "config")
	if code != 0 {
		t.Fatalf("brief config exit %d", code)
	}
	for _, want := range []string{"library:", "From env", "environment BRIEF_LIBRARY",
		"style:           light  (configuration)", "width:           72  (configuration)"} {
		if want == "From env" {
			want = fromEnv
		}
		if !strings.Contains(out, want) {
			t.Errorf("brief config lacks %q:\n%s", want, out)
		}
	}
	t.Setenv("GLAMOUR_STYLE", "dracula")
	out, _, _ = run(t, "config")
	if !strings.Contains(out, "GLAMOUR_STYLE=dracula") {
		t.Errorf("GLAMOUR_STYLE does not override the configuration:\n%s", out)
	}
}

func TestBrokenConfigIsReportedAndIgnored(t *testing.T) {
	withConfig(t, "libraries: [unclosed\n")
	t.Setenv("BRIEF_LIBRARY", "")
	out, errOut, code := run(t, "list")
	if code != 0 || !strings.Contains(errOut, "is not valid") || !strings.Contains(out, "Getting started") {
		t.Errorf("exit %d, stderr %q:\n%s", code, errOut, out)
	}
}

func TestConfigInit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "config.yaml")
	t.Setenv("BRIEF_CONFIG", path)
	out, _, _ := run(t, "config")
	if !strings.Contains(out, "not found") {
		t.Errorf("missing file not said:\n%s", out)
	}
	if _, errOut, code := run(t, "config", "--init"); code != 0 || !strings.Contains(errOut, "wrote") {
		t.Fatalf("--init: exit %d %q", code, errOut)
	}
	if data, err := os.ReadFile(path); err != nil || !strings.Contains(string(data), "presenter_theme") {
		t.Errorf("example not written: %v", err)
	}
	if _, errOut, code := run(t, "config", "--init"); code == 0 || !strings.Contains(errOut, "already exists") {
		t.Errorf("second --init: exit %d %q", code, errOut)
	}
}
