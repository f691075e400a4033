package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefreader/brief/internal/hostile"
)

// File names are text from outside: a name with escape sequences, C1
// controls or invalid UTF-8 never reaches the output as it is, in tables,
// JSON, problems or errors.
func TestHostileFileNamesInOutput(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	names := []string{"osc-\x1b]52;c;aGk=\x07.md", "c1-\u009b2J.md", "bad-\xff.md", "del-\x7f.md"}
	for _, n := range names {
		writeFile(t, filepath.Join(lib, n), "# Named\n\nThe zebrafish text.\n")
	}
	writeFile(t, filepath.Join(lib, "binary-\x1b[2J.md"), strings.Repeat("\x00\x01\x02", 200))

	check := func(what, out string) {
		t.Helper()
		if bad := hostile.ForeignEscape(out); bad != "" {
			t.Errorf("%s: %s", what, bad)
		}
	}
	for _, args := range [][]string{{"list"}, {"list", "--json"}, {"search", "zebrafish"}, {"search", "--json", "zebrafish"}} {
		out, errOut, code := run(t, append([]string{"--index-dir", cache, "-L", lib}, args...)...)
		if code != 0 {
			t.Errorf("%v: exit %d: %s", args, code, errOut)
		}
		check(strings.Join(args, " ")+" stdout", out)
		check(strings.Join(args, " ")+" stderr", errOut)
		if !strings.Contains(errOut, "binary-?[2J.md") && args[0] == "list" {
			t.Errorf("%v: the file that did not load is not named: %q", args, errOut)
		}
	}
	// JSON keeps the exact path, escaped.
	out, _, _ := run(t, "--index-dir", cache, "-L", lib, "list", "--json")
	var entries []struct {
		Path string `json:"path"`
	}
	if err := json.Unmarshal([]byte(out), &entries); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range entries {
		if filepath.Base(e.Path) == "c1-\u009b2J.md" {
			found = true
			if _, err := os.Stat(e.Path); err != nil {
				t.Errorf("the JSON path does not name the file: %v", err)
			}
		}
	}
	if !found || !strings.Contains(out, `c1-\u009b2J.md`) {
		t.Errorf("the C1 name is not escaped in JSON:\n%s", out)
	}
	// An error naming the file.
	_, errOut, code := run(t, "--index-dir", cache, "-L", lib, "show", filepath.Join(lib, "binary-\x1b[2J.md"))
	if code == 0 {
		t.Error("show of a binary file succeeded")
	}
	check("show error", errOut)
}

func TestJSONSafe(t *testing.T) {
	in := "{\"a\": \"x\u009by\u007fz é \u00a0\"}"
	want := `{"a": "x\u009by\u007fz é ` + "\u00a0" + `"}`
	if got := string(jsonSafe([]byte(in))); got != want {
		t.Errorf("jsonSafe = %q, want %q", got, want)
	}
}
