package render

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/internal/hostile"
	"github.com/charmbracelet/x/ansi"
)

// dependencyDocs returns the markdown files (over 1 KB) that come with the
// modules brief is built from: READMEs, changelogs and guides written by
// others, on every machine that can build brief, CI included.
func dependencyDocs(t *testing.T) []string {
	t.Helper()
	out, err := exec.Command("go", "list", "-deps", "-f", "{{with .Module}}{{if not .Main}}{{.Dir}}{{end}}{{end}}", "github.com/briefreader/brief/...").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	dirs := map[string]bool{}
	for _, d := range strings.Fields(string(out)) {
		dirs[d] = true
	}
	var files []string
	for d := range dirs {
		_ = filepath.WalkDir(d, func(path string, e fs.DirEntry, err error) error {
			if err == nil && !e.IsDir() && strings.EqualFold(filepath.Ext(path), ".md") {
				if info, err := e.Info(); err == nil && info.Size() > 1024 {
					files = append(files, path)
				}
			}
			return nil
		})
	}
	if len(files) == 0 {
		t.Skip("no markdown in the dependencies' module folders")
	}
	return files
}

// TestDependencyDocs renders the markdown that comes with brief's
// dependencies, as the reader (dark, 60 columns) and `brief show` (plain,
// 100) do: no escape sequence other than SGR comes out, no line is wider
// than the width, and every line of code that fits is a line of its own.
func TestDependencyDocs(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	files := dependencyDocs(t)
	for _, cfg := range []struct {
		style string
		width int
	}{{StyleDark, 60}, {StyleNoTTY, 100}} {
		r, err := New(cfg.style, cfg.width)
		if err != nil {
			t.Fatal(err)
		}
		lines := 0
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			b, err := briefings.Parse(filepath.Base(f), data)
			if err != nil {
				continue // not text
			}
			for _, line := range r.Document(b) {
				if bad := hostile.ForeignEscape(line); bad != "" {
					t.Errorf("%s: escape sequence that is not styling: %q", f, bad)
				}
				if w := ansi.StringWidth(line); w > cfg.width {
					t.Errorf("%s (%s): line of %d columns at width %d: %q", f, cfg.style, w, cfg.width, ansi.Strip(line))
				}
			}
			// A reference to a control character ("&#0;") is shown
			// neutralized, in code too: such files are left out here.
			if !bytes.Contains(data, []byte("&#")) {
				lines += checkCodeLines(t, r, f, data)
			}
		}
		t.Logf("%s %d: %d files, %d code lines", cfg.style, cfg.width, len(files), lines)
	}
}
