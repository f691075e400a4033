package cli

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// savedLibrary is a small library with its own index and state folders.
func savedLibrary(t *testing.T) (lib string, args []string) {
	t.Helper()
	lib = t.TempDir()
	t.Setenv("BRIEF_STATE_DIR", t.TempDir())
	old := time.Now().Add(-72 * time.Hour)
	for name, text := range map[string]string{
		"europe/kyiv.md":     "---\ntitle: Kyiv\ntags: [nato, ukraine]\ndate: 2024-03-01\n---\n\n## Air defence\n\nThe missile shield held.\n",
		"europe/brussels.md": "---\ntitle: Brussels\ntags: [nato]\ndate: 2023-06-10\n---\n\n## Summit\n\nThe summit on the missile shield.\n",
		"asia/seoul.md":      "---\ntitle: Seoul\ntags: [korea]\ndate: 2022-01-05\n---\n\n## Launch\n\nA missile before dawn.\n",
	} {
		path := filepath.Join(lib, name)
		writeFile(t, path, text)
		if err := os.Chtimes(path, old, old); err != nil {
			t.Fatal(err)
		}
	}
	return lib, []string{"--index-dir", t.TempDir(), "-L", lib}
}

func TestSearchSortAndFilters(t *testing.T) {
	_, args := savedLibrary(t)
	out, errOut, code := run(t, append(args, "search", "--sort", "oldest", "missile tag:nato,korea")...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	seoul, brussels, kyiv := strings.Index(out, "Seoul"), strings.Index(out, "Brussels"), strings.Index(out, "Kyiv")
	if seoul < 0 || !(seoul < brussels && brussels < kyiv) {
		t.Errorf("oldest first:\n%s", out)
	}
	out, _, code = run(t, append(args, "search", "--sort", "newest", "missile folder:europe")...)
	if code != 0 || strings.Contains(out, "Seoul") || strings.Index(out, "Kyiv") > strings.Index(out, "Brussels") {
		t.Errorf("newest in europe (exit %d):\n%s", code, out)
	}
	_, errOut, code = run(t, append(args, "search", "--sort", "sideways", "missile")...)
	if code == 0 || !strings.Contains(errOut, "not one of relevance, newest, oldest, title") {
		t.Errorf("a bad order: exit %d, %q", code, errOut)
	}
	// A tag that no longer exists is named.
	_, errOut, code = run(t, append(args, "search", "missile tag:gone")...)
	if code != 1 || !strings.Contains(errOut, "no section of the library has tag:gone") {
		t.Errorf("a vanished tag: exit %d, %q", code, errOut)
	}
}

func TestSearchFormats(t *testing.T) {
	_, args := savedLibrary(t)
	out, _, code := run(t, append(args, "search", "--format", "csv", "missile")...)
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if code != 0 || err != nil || len(rows) != 4 || rows[0][0] != "briefing" {
		t.Fatalf("csv (exit %d, %v):\n%s", code, err, out)
	}
	out, _, code = run(t, append(args, "search", "--format", "md", "--sort", "newest", "missile")...)
	if code != 0 || !strings.HasPrefix(out, "# Search: missile\n") || !strings.Contains(out, "## Kyiv › Air defence") {
		t.Errorf("markdown (exit %d):\n%s", code, out)
	}
	out, _, code = run(t, append(args, "search", "--format", "json", "missile")...)
	var doc struct{ Hits []any }
	if code != 0 || json.Unmarshal([]byte(out), &doc) != nil || len(doc.Hits) != 3 {
		t.Errorf("json (exit %d):\n%s", code, out)
	}
	_, errOut, code := run(t, append(args, "search", "--format", "pdf", "missile")...)
	if code == 0 || !strings.Contains(errOut, "use md, csv or json") {
		t.Errorf("pdf: exit %d, %q", code, errOut)
	}
}

func TestSavedSearchFromTheCommandLine(t *testing.T) {
	lib, args := savedLibrary(t)
	_, errOut, code := run(t, append(args, "search", "--save", "Missiles in Europe", "--sort", "newest", "missile folder:europe")...)
	if code != 0 || !strings.Contains(errOut, "saved the search “Missiles in Europe”") {
		t.Fatalf("save: exit %d, %q", code, errOut)
	}
	out, _, code := run(t, append(args, "search", "--saved", "missiles in europe")...)
	if code != 0 || strings.Index(out, "Kyiv") > strings.Index(out, "Brussels") || strings.Contains(out, "Seoul") {
		t.Errorf("run by name (exit %d):\n%s", code, out)
	}
	// Nothing is new since it was saved.
	_, errOut, code = run(t, append(args, "search", "--saved", "Missiles in Europe", "--new")...)
	if code != 1 || !strings.Contains(errOut, "no section matches") {
		t.Errorf("--new before a change: exit %d, %q", code, errOut)
	}
	// A new section arrives; --new prints it, --mark-seen makes it seen.
	writeFile(t, filepath.Join(lib, "europe/warsaw.md"), "---\ntitle: Warsaw\ntags: [nato]\n---\n\n## Drills\n\nA missile drill.\n")
	out, _, code = run(t, append(args, "search", "--list-saved")...)
	if code != 0 || out != "Missiles in Europe · 1 new · missile folder:europe\n" {
		t.Errorf("list (exit %d): %q", code, out)
	}
	out, _, code = run(t, append(args, "search", "--saved", "Missiles in Europe", "--new", "--mark-seen")...)
	if code != 0 || !strings.Contains(out, "Warsaw") || strings.Contains(out, "Kyiv") {
		t.Errorf("--new after a change (exit %d):\n%s", code, out)
	}
	_, _, code = run(t, append(args, "search", "--saved", "Missiles in Europe", "--new")...)
	if code != 1 {
		t.Errorf("--new after --mark-seen: exit %d", code)
	}
	out, _, _ = run(t, append(args, "search", "--list-saved", "--json")...)
	var list []savedJSON
	if err := json.Unmarshal([]byte(out), &list); err != nil || len(list) != 1 || list[0].New != 0 || list[0].Sort != "newest" {
		t.Errorf("list json: %v %+v", err, list)
	}
	_, errOut, code = run(t, append(args, "search", "--saved", "nope")...)
	if code == 0 || !strings.Contains(errOut, "there are “Missiles in Europe”") {
		t.Errorf("unknown name: exit %d, %q", code, errOut)
	}
	for _, bad := range [][]string{{"--saved", "x", "query"}, {"--new", "query"}, {"--save", "x"}, {"--list-saved", "q"}} {
		if _, _, code := run(t, append(append(args, "search"), bad...)...); code == 0 {
			t.Errorf("%q accepted", bad)
		}
	}
}

// A saved search whose query no longer parses still runs, as plain words,
// and says so.
func TestSavedSearchThatNoLongerParses(t *testing.T) {
	_, args := savedLibrary(t)
	dir := os.Getenv("BRIEF_STATE_DIR")
	writeFile(t, filepath.Join(dir, "searches.json"), `{"version":1,"searches":{"old":{"v":1,"query":"missile color:red"},"future":{"v":9,"query":["x"]}}}`)
	out, errOut, code := run(t, append(args, "search", "--saved", "old")...)
	if code != 0 || !strings.Contains(errOut, `there is no field "color:"`) || !strings.Contains(out, "missile") {
		t.Errorf("exit %d, %q\n%s", code, errOut, out)
	}
	_, errOut, code = run(t, append(args, "search", "--saved", "future")...)
	if code == 0 || !strings.Contains(errOut, "saved by a newer version of brief") {
		t.Errorf("future: exit %d, %q", code, errOut)
	}
	out, _, _ = run(t, append(args, "search", "--list-saved")...)
	if !strings.Contains(out, "future · kept as it is: it was saved by a newer version") || !strings.Contains(out, "old · 3 new (the query has an error") {
		t.Errorf("list:\n%s", out)
	}
}
