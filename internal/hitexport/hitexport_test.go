package hitexport

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/briefreader/brief/index"
)

var hits = []index.Hit{
	{Path: "/lib/europe/kyiv.md", RelPath: "europe/kyiv.md", Anchor: "air-defence", Title: "Kyiv *briefing*", Heading: "Air defence",
		HeadingPath: []string{"Air defence"}, Date: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), Tags: []string{"nato", "ukraine"}, Score: 2.5,
		Snippets: []index.Snippet{{Text: "The missile shield held.", Start: 10, After: true}}},
	{Path: "/lib/x\x1b]52;c;aGk=\x07.md", RelPath: "x.md", Title: "=HYPERLINK(\"http://evil\")", Heading: "",
		Snippets: []index.Snippet{{Text: "bell\x07 and\x1b[2J clear\nnext line"}}},
}

var info = Info{Query: "tag:nato missile", Sort: "newest", Total: 7, Exported: time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC)}

func noControls(t *testing.T, what string, data []byte) {
	t.Helper()
	for _, c := range []byte{0x1b, 0x07, 0x9b} {
		if bytes.IndexByte(data, c) >= 0 {
			t.Errorf("%s holds control byte %#x:\n%q", what, c, data)
		}
	}
}

func TestMarkdown(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, Markdown, info, hits); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{"# Search: tag:nato missile", "2 of 7 sections · by newest · exported 2026-12-01 09:30",
		`## Kyiv \*briefing\* › Air defence`, "2024-03-01 · nato, ukraine · /lib/europe/kyiv.md\\#air-defence", "> …The missile shield held.…"} {
		if !strings.Contains(out, want) {
			t.Errorf("markdown lacks %q:\n%s", want, out)
		}
	}
	noControls(t, "markdown", buf.Bytes())
}

func TestCSV(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, CSV, info, hits); err != nil {
		t.Fatal(err)
	}
	noControls(t, "csv", buf.Bytes())
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || strings.Join(rows[0], ",") != "briefing,section,date,path,anchor,tags,snippet,score" {
		t.Fatalf("rows: %q", rows)
	}
	if rows[1][2] != "2024-03-01" || rows[1][5] != "nato, ukraine" || rows[1][7] != "2.500" {
		t.Errorf("row: %q", rows[1])
	}
	// Text that a spreadsheet would take for a formula is quoted.
	if !strings.HasPrefix(rows[2][0], "'=") || rows[2][6] != "bell and clear next line" {
		t.Errorf("row: %q", rows[2])
	}
}

func TestJSON(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, JSON, info, hits); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Query string
		Total uint64
		Hits  []record
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Query != info.Query || doc.Total != 7 || len(doc.Hits) != 2 || doc.Hits[0].Section != "Air defence" || doc.Hits[1].Tags == nil {
		t.Errorf("json: %+v", doc)
	}
	noControls(t, "json", bytes.ReplaceAll(buf.Bytes(), []byte(`\u001b`), nil))
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "hits.csv")
	if err := WriteFile(path, info, hits); err != nil {
		t.Fatal(err)
	}
	if data, err := os.ReadFile(path); err != nil || !bytes.HasPrefix(data, []byte("briefing,section")) {
		t.Errorf("%s: %q %v", path, data, err)
	}
	if err := WriteFile(path, info, hits[:1]); !errors.Is(err, ErrExists) {
		t.Errorf("replaced a file: %v", err)
	}
	for _, bad := range []string{filepath.Join(dir, "hits"), filepath.Join(dir, "hits.pdf")} {
		if err := WriteFile(bad, info, hits); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
	if err := WriteFile(filepath.Join(dir, "no", "such", "dir.md"), info, hits); err == nil {
		t.Error("wrote into a missing folder")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
}

func TestParseFormat(t *testing.T) {
	for name, want := range map[string]Format{"md": Markdown, "Markdown": Markdown, ".csv": CSV, "json": JSON} {
		if got, err := ParseFormat(name); got != want || err != nil {
			t.Errorf("%q: %q %v", name, got, err)
		}
	}
	if _, err := ParseFormat("xml"); err == nil {
		t.Error("xml accepted")
	}
}
