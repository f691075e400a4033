package reliability

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefreader/brief/internal/hostile"
	"github.com/briefreader/brief/internal/render"
)

// hostileNames are file names made to break brief: a file name is text from
// outside too, and it is printed in lists, search hits and messages.
var hostileNames = []string{
	"name-osc52-\x1b]52;c;aGFja2Vk\x07.md",
	"name-title-\x1b]0;pwned\x07.md",
	"name-clear-\x1b[2J\x1b[H.md",
	"name-c1-\u009b31m.md",
	"name-bad-utf8-\xff\xfe.md",
	"name-newline-\nsecond line.md",
	"name-dcs-\x1bPq#0\x1b\\.md",
}

// hostileLibrary writes every hostile fixture, and small briefings under
// hostile names, into a new folder.
func hostileLibrary(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if _, err := hostile.WriteDir(dir); err != nil {
		t.Fatal(err)
	}
	for i, name := range hostileNames {
		text := fmt.Sprintf("# Named %d\n\n## Part\n\nThe hostilename%d briefing body.\n", i, i)
		must(t, os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644))
	}
	return dir
}

// terminalQueries are what brief itself may ask a terminal (the background
// colour, for --style auto), not content: they are removed before a scan.
var terminalQueries = []string{"\x1b]11;?\x07", "\x1b]11;?\x1b\\", "\x1b[c", "\x1b[6n"}

func scanTerminal(t *testing.T, what, out string) {
	t.Helper()
	for _, q := range terminalQueries {
		out = strings.ReplaceAll(out, q, "")
	}
	if bad := hostile.ForeignEscape(out); bad != "" {
		t.Errorf("%s: an escape sequence that is not styling reached the terminal: %s", what, bad)
	}
}

// TestHostileFilesOnATerminal runs every printing command of the real
// binary on a pseudo-terminal, where output is styled, over every hostile
// fixture and hostile file name, and scans the bytes the terminal gets:
// brief list, brief show (every style, --toc, --section), brief search
// (styled and --json), brief export (md, txt, html to the terminal).
func TestHostileFilesOnATerminal(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	lib := hostileLibrary(t)
	e := newEnv(t)
	e.mustBrief(t, "-L", lib, "index")
	run := func(what string, args ...string) string {
		t.Helper()
		p := newPTY(t, 100, 40, true)
		out, errOut, code := p.run(t, e, append([]string{"-L", lib}, args...)...)
		if code > 1 {
			t.Errorf("%s: exit %d: %s", what, code, errOut)
		}
		scanTerminal(t, what+" (stdout)", out)
		scanTerminal(t, what+" (stderr)", errOut)
		count("hostile files on a terminal: brief "+args[0], !t.Failed())
		return out
	}
	if out := run("list", "list"); !strings.Contains(out, "\x1b[") {
		t.Errorf("brief list on a terminal is not styled at all; the test checks too little:\n%q", out)
	}
	run("list --json", "list", "--json")

	entries, err := os.ReadDir(lib)
	must(t, err)
	styles := render.Styles()
	if !long {
		// The styles differ in colours, not in what they let through:
		// a few by default, all in the long run.
		styles = []string{render.StyleAuto, render.StyleHighContrastLight}
	}
	for _, en := range entries {
		path := filepath.Join(lib, en.Name())
		if en.Name() == "binary.md" {
			continue // does not load: an error, covered by the stderr scan of list
		}
		for _, style := range styles {
			run(fmt.Sprintf("show %q --style %s", en.Name(), style), "show", path, "--style", style)
		}
		run(fmt.Sprintf("show %q --toc", en.Name()), "show", path, "--toc")
		run(fmt.Sprintf("show %q --section 1", en.Name()), "show", path, "--section", "1")
		for _, format := range []string{"md", "txt", "html"} {
			run(fmt.Sprintf("export %q --format %s", en.Name(), format), "export", path, "--format", format)
		}
	}
	queries := []string{"text", "body", "heading", "title", "refs", "quote", "click", "deep", "nul",
		"code", "table", "innocent", "pwned", "named", "hostilename*", "part"}
	styledHits := 0
	for _, q := range queries {
		out := run("search "+q, "search", "--limit", "50", q)
		if strings.Contains(out, "\x1b[") {
			styledHits++
		}
		run("search --json "+q, "search", "--json", "--limit", "50", q)
	}
	if styledHits < len(queries)/2 {
		t.Errorf("only %d of %d searches printed styled hits; the test checks too little", styledHits, len(queries))
	}
}
