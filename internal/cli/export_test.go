package cli

import (
	"github.com/briefreader/brief/internal/fidelity"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/briefreader/brief/internal/hostile"
)

func TestExportMarkdownToStdout(t *testing.T) {
	t.Setenv("BRIEF_LIBRARY", "")
	out, errOut, code := run(t, "export", "ukraine")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if !strings.HasPrefix(out, "---\ntitle: 'Ukraine, ATACMS") || !strings.Contains(out, "\n## The ATACMS Decision\n") ||
		!strings.Contains(out, "\nsource: Written for the brief sample library") {
		t.Errorf("markdown:\n%s", out[:min(len(out), 500)])
	}
	if strings.Contains(out, "<!--") || strings.Contains(out, "note:") {
		t.Error("presenter notes in the handout")
	}
}

func TestExportToFilePicksFormatFromExtension(t *testing.T) {
	t.Setenv("BRIEF_LIBRARY", "")
	dir := t.TempDir()
	tests := []struct {
		name, want string
		args       []string
	}{
		{"handout.html", "<!DOCTYPE html>", nil},
		{"handout.htm", "<!DOCTYPE html>", nil},
		{"handout.md", "---\ntitle:", nil},
		{"handout.markdown", "---\ntitle:", nil},
		{"handout.txt", "=====", nil},
		{"handout", "---\ntitle:", nil},                                 // no extension: markdown
		{"forced.txt", "<!DOCTYPE html>", []string{"--format", "html"}}, // --format wins
		{"forced.html", "=====", []string{"--format", "TXT"}},
	}
	for _, tt := range tests {
		path := filepath.Join(dir, tt.name)
		out, errOut, code := run(t, append([]string{"export", "ukraine", "-o", path}, tt.args...)...)
		if code != 0 || out != "" {
			t.Fatalf("%s: exit %d, stdout %q, stderr %q", tt.name, code, out, errOut)
		}
		if !regexp.MustCompile(`^wrote .*` + regexp.QuoteMeta(tt.name) + ` \(6 sections, \d+(\.\d)? KiB\)\n$`).MatchString(errOut) {
			t.Errorf("%s: stderr %q", tt.name, errOut)
		}
		data, err := os.ReadFile(path)
		if err != nil || !strings.HasPrefix(string(data), tt.want) {
			t.Errorf("%s starts %q, want %q (%v)", tt.name, string(data)[:min(len(data), 40)], tt.want, err)
		}
		if info, err := os.Stat(path); err != nil || info.Mode().Perm() != 0o644 {
			t.Errorf("%s: mode %v, %v", tt.name, info.Mode(), err)
		}
	}
	// Nothing but the handouts: no temporary files left behind.
	entries, _ := os.ReadDir(dir)
	if len(entries) != len(tests) {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("folder holds %q", names)
	}
}

func TestExportReplacesFileKeepingItsMode(t *testing.T) {
	t.Setenv("BRIEF_LIBRARY", "")
	path := filepath.Join(t.TempDir(), "week.txt")
	writeFile(t, path, "old handout\n")
	if err := os.Chmod(path, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, errOut, code := run(t, "export", "ukraine", "-s", "conclusion", "-o", path); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	data, _ := os.ReadFile(path)
	info, _ := os.Stat(path)
	if strings.Contains(string(data), "old handout") || !strings.Contains(string(data), "Conclusion\n==========") || info.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, file:\n%s", info.Mode(), data)
	}
}

func TestExportSections(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "tree.md")
	writeFile(t, path, "---\ntitle: Tree\n---\nLead.\n\n# Alpha\n\nalpha text\n\n# Beta\n\nbeta text\n\n## Beta one\n\nbeta one text\n\n# Gamma\n\ngamma text\n\n# Delta, with a comma\n\ndelta text\n")
	out, errOut, code := run(t, "export", path, "--section", "gamma", "-s", "2", "-s", "Delta, with a comma", "--format", "txt")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want := "====\nTree\n====\n\nBeta\n====\n\nbeta text\n\nBeta one\n--------\n\nbeta one text\n\nGamma\n=====\n\ngamma text\n\n" +
		"Delta, with a comma\n===================\n\ndelta text\n"
	if out != want {
		t.Errorf("got:\n%s\nwant:\n%s", out, want)
	}
	_, errOut, _ = run(t, "export", path, "-s", "beta", "-o", filepath.Join(dir, "beta.html"))
	if !strings.Contains(errOut, "(2 sections, ") {
		t.Errorf("stderr %q", errOut)
	}
	_, errOut, _ = run(t, "export", path, "-s", "gamma", "-o", filepath.Join(dir, "gamma.html"))
	if !strings.Contains(errOut, "(1 section, ") {
		t.Errorf("stderr %q", errOut)
	}
}

// TestExportPDF: the handout and the slides as PDF files poppler reads,
// the slides a page per slide; a PDF goes to a file or a pipe, never to
// the terminal.
func TestExportPDF(t *testing.T) {
	t.Setenv("BRIEF_LIBRARY", "")
	dir := t.TempDir()
	handout := filepath.Join(dir, "handout.pdf")
	_, errOut, code := run(t, "export", "ukraine", "-o", handout)
	if code != 0 || !strings.Contains(errOut, "wrote "+handout) {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	data, _ := os.ReadFile(handout)
	if !strings.HasPrefix(string(data), "%PDF-") {
		t.Fatalf("not a PDF: %q", data[:min(len(data), 20)])
	}
	pages := fidelity.PDFPages(t, data)
	if text := strings.Join(pages, "\n"); !strings.Contains(text, "The North Korean Factor") || strings.Contains(text, "Ask the class") {
		t.Errorf("handout text:\n%s", text)
	}
	slides := filepath.Join(dir, "slides.pdf")
	if _, errOut, code = run(t, "export", "ukraine", "--slides", "--notes", "-s", "atacms", "-o", slides); code != 0 {
		t.Fatalf("slides: exit %d, stderr %q", code, errOut)
	}
	data, _ = os.ReadFile(slides)
	pages = fidelity.PDFPages(t, data)
	if len(pages) != 1 || !strings.Contains(pages[0], "The ATACMS Decision") || !strings.Contains(pages[0], "Ask the class") {
		t.Errorf("slides with notes: %d pages\n%s", len(pages), strings.Join(pages, "\f"))
	}
	out, _, code := run(t, "export", "ukraine", "--slides")
	if code != 0 || !strings.HasPrefix(out, "%PDF-") {
		t.Errorf("slides to a pipe: exit %d, %q", code, out[:min(len(out), 10)])
	}
}

func TestExportWidth(t *testing.T) {
	t.Setenv("BRIEF_LIBRARY", "")
	out, _, code := run(t, "export", "ukraine", "--format", "txt", "--width", "50")
	if code != 0 {
		t.Fatal(code)
	}
	for _, line := range strings.Split(out, "\n") {
		if len([]rune(line)) > 50 {
			t.Errorf("line wider than 50: %q", line)
		}
	}
}

func TestExportErrors(t *testing.T) {
	t.Setenv("BRIEF_LIBRARY", "")
	dir := t.TempDir()
	notAFolder := filepath.Join(t.TempDir(), "file.txt")
	writeFile(t, notAFolder, "a file, not a folder\n")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"export"}, "export needs BRIEFING"},
		{[]string{"export", "no such briefing"}, `no briefing matches "no such briefing"`},
		{[]string{"export", "ukraine", "--format", "docx"}, `unknown format "docx": use html, md, txt or pdf`},
		{[]string{"export", "ukraine", "-o", filepath.Join(dir, "handout.docx")}, `cannot tell the format from "handout.docx"`},
		{[]string{"export", "ukraine", "--slides", "--format", "html"}, "--slides makes a PDF"},
		{[]string{"export", "ukraine", "--notes", "-o", filepath.Join(dir, "h.pdf")}, "--notes goes with --slides"},
		{[]string{"export", "ukraine", "--slides", "--theme", "nope", "-o", filepath.Join(dir, "s.pdf")}, "nope"},
		{[]string{"export", "ukraine", "--section", "nope"}, `no section matches "nope"`},
		{[]string{"export", "ukraine", "--section", "2", "--section", "99"}, "section 99 does not exist"},
		{[]string{"export", "ukraine", "--section", "the"}, "be more specific"},
		{[]string{"export", "ukraine", "-o", filepath.Join(dir, "missing", "h.html")}, "the folder " + filepath.Join(dir, "missing") + " does not exist"},
		{[]string{"export", "ukraine", "-o", dir}, "it is a folder"},
		{[]string{"export", "ukraine", "-o", filepath.Join(notAFolder, "h.html")}, "cannot write " + filepath.Join(notAFolder, "h.html") + ": not a directory"},
		{[]string{"export", "ukraine", "--format", "txt", "--width", "5"}, "--width 5 is too narrow"},
	}
	for _, tt := range tests {
		out, errOut, code := run(t, tt.args...)
		if code == 0 || !strings.HasPrefix(errOut, "brief: ") || !strings.Contains(errOut, tt.want) {
			t.Errorf("%q: exit %d, stderr %q, want it to contain %q", tt.args, code, errOut, tt.want)
		}
		if out != "" {
			t.Errorf("%q: stdout %q", tt.args, out)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("failed exports left %d files", len(entries))
	}
}

func TestExportUnwritableFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root can write anywhere")
	}
	t.Setenv("BRIEF_LIBRARY", "")
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	_, errOut, code := run(t, "export", "ukraine", "-o", filepath.Join(dir, "h.html"))
	if code == 0 || !strings.Contains(errOut, "cannot write") || !strings.Contains(errOut, "permission denied") || strings.Contains(errOut, ".tmp") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}

func TestExportHostileFiles(t *testing.T) {
	dir := t.TempDir()
	paths, err := hostile.WriteDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range paths {
		for _, format := range []string{"md", "txt", "html"} {
			out, errOut, code := run(t, "export", p, "--format", format)
			if strings.HasSuffix(p, "binary.md") {
				if code == 0 {
					t.Errorf("%s: binary file exported", p)
				}
				continue
			}
			if code != 0 {
				t.Errorf("%s %s: exit %d: %s", filepath.Base(p), format, code, errOut)
			}
			if format != "html" {
				if esc := hostile.ForeignEscape(out); esc != "" {
					t.Errorf("%s %s: escape in output: %s", filepath.Base(p), format, esc)
				}
			} else if strings.Contains(out, "<script") || strings.Contains(out, "\x1b") {
				t.Errorf("%s html: script or escape in output", filepath.Base(p))
			}
			if esc := hostile.ForeignEscape(errOut); esc != "" {
				t.Errorf("%s %s: escape in stderr: %s", filepath.Base(p), format, esc)
			}
		}
	}
}
