package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/internal/quotes"
	"github.com/briefreader/brief/internal/state"
)

// highlightFile writes a briefing and highlights a passage of its first
// section in a fresh state folder.
func highlightFile(t *testing.T, dir, name, text, quote, note string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	writeFile(t, path, text)
	b, err := quotes.ReadBriefing(path, defaultLoad())
	if err != nil {
		t.Fatal(err)
	}
	section := 0
	body := quotes.SectionText(b, section)
	i := strings.Index(body, quote)
	if i < 0 {
		t.Fatalf("%q not in %q", quote, body)
	}
	store, _, err := state.OpenHighlights("")
	if err != nil {
		t.Fatal(err)
	}
	store.Add(quotes.New(b, section, body, i, i+len(quote), note))
	if err := store.Save(); err != nil {
		t.Fatal(err)
	}
	return path
}

func withStateDir(t *testing.T) string {
	dir := t.TempDir()
	t.Setenv("BRIEF_STATE_DIR", filepath.Join(dir, "state"))
	return dir
}

const grain = "---\ntitle: Grain corridor\nauthor: Desk\ndate: 2026-11-02\ntags: [food, shipping]\nsource: https://example.org/grain\n---\n## Background\n\nShips left Odesa in August. The corridor carried 33 million tonnes.\n"

func TestQuotesSheet(t *testing.T) {
	dir := withStateDir(t)
	highlightFile(t, dir, "grain.md", grain, "The corridor carried 33 million tonnes.", "check \x1b[31mtonnage")
	out, errOut, code := run(t, "quotes", "--format", "txt")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want := "“The corridor carried 33 million tonnes.”\n— Grain corridor, Background. Desk, 2 November 2026. https://example.org/grain.\nNote: check [31mtonnage\n"
	if !strings.Contains(out, want) {
		t.Errorf("txt sheet:\n%s\nwant it to hold:\n%s", out, want)
	}
	if strings.Contains(out, "\x1b") {
		t.Error("an escape sequence reached the output")
	}

	// The file changes: the quote is found at its new place.
	writeFile(t, filepath.Join(dir, "grain.md"), strings.Replace(grain, "## Background\n", "## Background\n\nA new paragraph.\n", 1))
	out, _, _ = run(t, "quotes", "--format", "json")
	var doc map[string]any
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("json: %v\n%s", err, out)
	}
	a := doc["first"].(map[string]any)["items"].([]any)[0].(map[string]any)
	sel := a["target"].(map[string]any)["selector"].([]any)
	if len(sel) != 2 || sel[1].(map[string]any)["refinedBy"].(map[string]any)["start"] != float64(46) {
		t.Errorf("selectors after the edit: %v", sel)
	}

	// Filters.
	if out, _, _ := run(t, "quotes", "--tag", "nato"); strings.Contains(out, "corridor carried") {
		t.Error("--tag nato kept a briefing tagged food")
	}
	if out, _, _ := run(t, "quotes", "--tag", "FOOD"); !strings.Contains(out, "corridor carried") {
		t.Error("--tag FOOD dropped a briefing tagged food")
	}
	if out, _, _ := run(t, "quotes", "--since", "2999-01-01"); strings.Contains(out, "corridor carried") {
		t.Error("--since in the future kept a highlight")
	}
	if _, errOut, code := run(t, "quotes", "--since", "yesterday"); code == 0 || !strings.Contains(errOut, "YYYY-MM-DD") {
		t.Errorf("bad --since: exit %d, %q", code, errOut)
	}
	if _, errOut, code := run(t, "quotes", "--format", "pdf"); code == 0 || !strings.Contains(errOut, "use md, txt, html or json") {
		t.Errorf("bad --format: exit %d, %q", code, errOut)
	}
}

func TestQuotesOfFilesGoneOrBroken(t *testing.T) {
	dir := withStateDir(t)
	gone := highlightFile(t, dir, "gone.md", grain, "Ships left Odesa in August.", "")
	binary := highlightFile(t, dir, "binary.md", strings.Replace(grain, "Grain", "Binary", 1), "The corridor carried", "")
	if err := os.Remove(gone); err != nil {
		t.Fatal(err)
	}
	writeFile(t, binary, string([]byte{0, 1, 2, 3, 0, 0, 0, 0xff}))
	out, errOut, code := run(t, "quotes", "--format", "md", "-o", filepath.Join(dir, "sheet.md"))
	if code != 0 || out != "" || !strings.Contains(errOut, "wrote ") || !strings.Contains(errOut, "(2 quotes") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	data, _ := os.ReadFile(filepath.Join(dir, "sheet.md"))
	sheet := string(data)
	for _, want := range []string{"> Ships left Odesa in August.", "> The corridor carried", "the briefing's file is gone or cannot be read; quoted as it was", "Binary corridor"} {
		if !strings.Contains(sheet, want) {
			t.Errorf("sheet lacks %q:\n%s", want, sheet)
		}
	}
	if strings.Count(sheet, "file is gone") != 2 {
		t.Errorf("both lost files should be marked:\n%s", sheet)
	}
}

func defaultLoad() briefings.LoadOptions { return briefings.LoadOptions{} }

func TestSearchInHighlights(t *testing.T) {
	dir := withStateDir(t)
	path := highlightFile(t, dir, "grain.md", grain, "The corridor carried 33 million tonnes.", "tonnage from the ministry")
	out, errOut, code := run(t, "search", "-L", path, "--json", "in:highlights ministry")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, `"anchor": "background"`) || !strings.Contains(out, "note: tonnage from the ministry") {
		t.Errorf("in:highlights search:\n%s", out)
	}
	// The words of the section outside the passage are not searched.
	out, _, _ = run(t, "search", "-L", path, "--json", "in:highlights odesa")
	if strings.Contains(out, "background") {
		t.Errorf("a word outside the highlighted passage was found:\n%s", out)
	}
}
