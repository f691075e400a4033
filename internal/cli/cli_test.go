package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/briefreader/brief/internal/hostile"
)

// run executes the command line as the binary would, with buffers for the
// streams (so output is not a terminal), and returns stdout, stderr and the
// exit code.
func run(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = Execute(args, Streams{In: strings.NewReader(""), Out: &out, Err: &errOut}, "test")
	return out.String(), errOut.String(), code
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestListSampleLibrary(t *testing.T) {
	t.Setenv("BRIEF_LIBRARY", "")
	out, errOut, code := run(t, "list")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 4 || !strings.HasPrefix(lines[0], "TITLE") {
		t.Fatalf("list output:\n%s", out)
	}
	// Newest first: the two guides (2026) before the briefing (2024).
	if !strings.HasPrefix(lines[3], "Ukraine, ATACMS") || !strings.Contains(lines[3], "2024-11-21") {
		t.Errorf("last row = %q", lines[3])
	}
	if strings.Contains(out, "\x1b") {
		t.Error("escape codes in output that is not a terminal")
	}
}

func TestListFolderWithBadFile(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "good.md"), "---\ntitle: Good one\n---\n# A\n\nwords here\n")
	writeFile(t, filepath.Join(dir, "bad.md"), string(bytes.Repeat([]byte{0, 1, 2, 3}, 100)))
	out, errOut, code := run(t, "list", "-L", dir)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(out, "Good one") || strings.Contains(out, "bad.md") {
		t.Errorf("stdout:\n%s", out)
	}
	if !strings.Contains(errOut, "bad.md") || !strings.Contains(errOut, "binary") {
		t.Errorf("stderr does not name the bad file: %q", errOut)
	}
}

func TestListNothingLoadedFails(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "bad.md"), string(bytes.Repeat([]byte{0}, 100)))
	_, errOut, code := run(t, "list", "-L", dir)
	if code == 0 || !strings.Contains(errOut, "no briefing could be loaded") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	_, errOut, code = run(t, "list", "-L", filepath.Join(dir, "missing"))
	if code == 0 || !strings.Contains(errOut, "does not exist") {
		t.Errorf("missing library: exit %d, stderr %q", code, errOut)
	}
}

func TestLibraryFromEnvironment(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	writeFile(t, filepath.Join(a, "one.md"), "# One\n")
	writeFile(t, filepath.Join(b, "two.md"), "# Two\n")
	t.Setenv("BRIEF_LIBRARY", a+string(os.PathListSeparator)+b)
	out, _, code := run(t, "list", "--json")
	var entries []listEntry
	if err := json.Unmarshal([]byte(out), &entries); err != nil || code != 0 {
		t.Fatalf("exit %d, %v:\n%s", code, err, out)
	}
	if len(entries) != 2 {
		t.Errorf("entries = %+v", entries)
	}
	// -L wins over the environment.
	out, _, _ = run(t, "list", "-L", a)
	if strings.Contains(out, "Two") {
		t.Error("-L did not replace BRIEF_LIBRARY")
	}
}

func TestListJSON(t *testing.T) {
	t.Setenv("BRIEF_LIBRARY", "")
	out, _, _ := run(t, "list", "--json")
	var entries []listEntry
	if err := json.Unmarshal([]byte(out), &entries); err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, e := range entries {
		if strings.HasPrefix(e.Title, "Ukraine") {
			found = true
			if e.Sections != 6 || e.Date != "2024-11-21" || e.Words < 500 || len(e.Tags) != 5 {
				t.Errorf("entry = %+v", e)
			}
		}
	}
	if !found {
		t.Error("sample briefing missing")
	}
}

func TestShowSection(t *testing.T) {
	t.Setenv("BRIEF_LIBRARY", "")
	out, errOut, code := run(t, "show", "ukraine", "--section", "north korean")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "## The North Korean Factor") || !strings.Contains(out, "massive escalation") {
		t.Errorf("output:\n%s", out)
	}
	if strings.Contains(out, "The ATACMS Decision") || strings.Contains(out, "\x1b") {
		t.Error("output has another section or escape codes")
	}
	for _, line := range strings.Split(out, "\n") {
		if len([]rune(line)) > 80 {
			t.Errorf("line wider than 80 columns: %q", line)
		}
	}
}

func TestShowASCIIStylePiped(t *testing.T) {
	t.Setenv("BRIEF_LIBRARY", "")
	out, errOut, code := run(t, "show", "ukraine", "--style", "ascii")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "- Escalation.") {
		t.Errorf("no ASCII bullets:\n%s", out)
	}
	for _, bad := range []string{"•", "·", "│", "─", "→"} {
		if strings.Contains(out, bad) {
			t.Errorf("--style ascii drew %q", bad)
		}
	}
}

func TestShowTOC(t *testing.T) {
	out, _, code := run(t, "show", "--toc", "ukraine")
	want := "1. The ATACMS Decision\n  2. The North Korean Factor\n  3. Shifting the Balance\n  4. The Transition of Power in the US\n" +
		"  5. Broader Implications for Europe and the Rules-Based International Order\n  6. Conclusion\n"
	if code != 0 || !strings.HasSuffix(out, want) {
		t.Errorf("toc:\n%s", out)
	}
}

func TestShowWholeFileAndWidth(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "note.md")
	writeFile(t, path, "# Note\n\n"+strings.Repeat("word ", 100)+"\n")
	out, _, code := run(t, "show", path, "--width", "40")
	if code != 0 || !strings.Contains(out, "# Note") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	for _, line := range strings.Split(out, "\n") {
		if len(line) > 40 {
			t.Errorf("line wider than 40: %q", line)
		}
	}
}

func TestShowErrors(t *testing.T) {
	t.Setenv("BRIEF_LIBRARY", "")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"show", "no such briefing"}, `no briefing matches "no such briefing"`},
		{[]string{"show", "in"}, "be more specific"},
		{[]string{"show", "ukraine", "--section", "99"}, "section 99 does not exist"},
		{[]string{"show", "ukraine", "--section", "the"}, "matches"},
		{[]string{"show"}, "show needs BRIEFING"},
		{[]string{"show", "ukraine", "--style", "nope"}, `unknown style "nope"`},
		{[]string{"list", "--max-size", "lots"}, "--max-size"},
		{[]string{"frobnicate"}, "neither a command nor a file"},
	}
	for _, tt := range tests {
		out, errOut, code := run(t, tt.args...)
		if code == 0 || !strings.Contains(errOut, tt.want) || !strings.HasPrefix(errOut, "brief: ") {
			t.Errorf("%q: exit %d, stderr %q, want it to contain %q", tt.args, code, errOut, tt.want)
		}
		if strings.Contains(errOut, "goroutine") || out != "" && tt.args[0] == "show" {
			t.Errorf("%q: unexpected output %q / %q", tt.args, out, errOut)
		}
	}
}

func TestShowHostileFilesPrintsNoEscapes(t *testing.T) {
	dir := t.TempDir()
	paths, err := hostile.WriteDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range paths {
		for _, style := range []string{"auto", "dark", "notty"} {
			out, errOut, _ := run(t, "show", p, "--style", style)
			if bad := hostile.ForeignEscape(out + errOut); bad != "" {
				t.Errorf("%s (%s): escape in output: %s", filepath.Base(p), style, bad)
			}
		}
	}
	out, errOut, _ := run(t, "list", "-L", dir)
	if bad := hostile.ForeignEscape(out + errOut); bad != "" {
		t.Errorf("list: escape in output: %s", bad)
	}
}

func TestParseSize(t *testing.T) {
	tests := map[string]int64{"32MiB": 32 << 20, "500kb": 500 << 10, "1g": 1 << 30, "1000": 1000, "1.5k": 1536}
	for in, want := range tests {
		if got, err := parseSize(in); err != nil || got != want {
			t.Errorf("parseSize(%q) = %d, %v", in, got, err)
		}
	}
	for _, bad := range []string{"", "lots", "-1", "12abc"} {
		if _, err := parseSize(bad); err == nil {
			t.Errorf("parseSize(%q) succeeded", bad)
		}
	}
}

func TestPresentNeedsATerminal(t *testing.T) {
	_, errOut, code := run(t, "present", "ukraine")
	if code == 0 || !strings.Contains(errOut, "present needs a terminal") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	_, errOut, code = run(t, "present", "ukraine", "--theme", "nope")
	if code == 0 || !strings.Contains(errOut, "needs a terminal") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}

func TestNotesSnapshotWithoutATerminal(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_RUNTIME_DIR", dir)
	out, _, code := run(t, "notes")
	if code != 0 || !strings.Contains(out, "Waiting for a presentation") {
		t.Errorf("exit %d, out %q", code, out)
	}
	status := `{"version":1,"briefing":"builtin:ukraine-atacms-north-korea.md","title":"T \u001b]52;c;eA==\u0007",` +
		`"section":0,"sections":6,"section_title":"The ATACMS Decision","page":1,"pages":2,` +
		`"notes":["Ask the class \u001b[2J first."],"next":"Second page"}`
	writeFile(t, filepath.Join(dir, "brief", "presenting.json"), status)
	out, _, code = run(t, "notes", "ukraine")
	if code != 0 || !strings.Contains(out, "§1/6 The ATACMS Decision · page 1/2") || !strings.Contains(out, "• Ask the class") {
		t.Errorf("exit %d, out:\n%s", code, out)
	}
	if bad := hostile.ForeignEscape(out); bad != "" {
		t.Errorf("escape sequence from the status file reached the output: %s", bad)
	}
	out, _, _ = run(t, "notes", "getting started")
	if !strings.Contains(out, "Waiting") {
		t.Errorf("notes for another briefing:\n%s", out)
	}
	// brief console is the same command.
	out, _, code = run(t, "console", "ukraine")
	if code != 0 || !strings.Contains(out, "NOTES") || !strings.Contains(out, "• Ask the class") {
		t.Errorf("console: exit %d, out:\n%s", code, out)
	}
	// A presenter that died without saying so is not followed.
	writeFile(t, filepath.Join(dir, "brief", "presenting.json"), strings.Replace(status, `"version":1`, `"version":1,"pid":999999999`, 1))
	out, _, _ = run(t, "console")
	if !strings.Contains(out, "has stopped") || !strings.Contains(out, "Waiting for a presentation") {
		t.Errorf("console of a dead presenter:\n%s", out)
	}
}

func TestEndTime(t *testing.T) {
	now := time.Date(2026, 11, 25, 13, 55, 0, 0, time.Local)
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"14:40", "2026-11-25 14:40", true},
		{"2:40pm", "2026-11-25 14:40", true},
		{" 14:40:30 ", "2026-11-25 14:40", true},
		{"00:30", "2026-11-26 00:30", true}, // passed today, under 12 hours away tomorrow
		{"13:00", "", false},
		{"half past two", "", false},
		{"25:00", "", false},
	}
	for _, tt := range tests {
		got, err := endTime(tt.in, now)
		if (err == nil) != tt.ok || tt.ok && got.Format("2006-01-02 15:04") != tt.want {
			t.Errorf("endTime(%q) = %v, %v", tt.in, got, err)
		}
	}
	late := time.Date(2026, 11, 25, 23, 30, 0, 0, time.Local)
	if got, err := endTime("00:30", late); err != nil || got.Format("2006-01-02 15:04") != "2026-11-26 00:30" {
		t.Errorf("a talk past midnight: %v, %v", got, err)
	}
	if _, err := endTime("13:00", now); err == nil || !strings.Contains(err.Error(), "has passed: it is 13:55 now") {
		t.Errorf("a passed end: %v", err)
	}
}
