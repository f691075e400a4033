package briefings

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefreader/brief/internal/hostile"
)

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func relPaths(lib *Library) []string {
	var paths []string
	for _, b := range lib.Briefings {
		paths = append(paths, b.RelPath)
	}
	return paths
}

func TestLoadFolder(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	writeFile(t, filepath.Join(root, "b.md"), "# B\n")
	writeFile(t, filepath.Join(root, "a.markdown"), "# A\n")
	writeFile(t, filepath.Join(root, "sub", "c.txt"), "C\n")
	writeFile(t, filepath.Join(root, "sub", "image.png"), "not a briefing")
	writeFile(t, filepath.Join(root, ".hidden", "h.md"), "# hidden\n")
	writeFile(t, filepath.Join(root, "node_modules", "pkg", "README.md"), "# dep\n")
	writeFile(t, filepath.Join(root, "big.md"), strings.Repeat("x", 2000))
	writeFile(t, filepath.Join(outside, "secret.md"), "# secret\n")
	if err := os.Symlink(filepath.Join(outside, "secret.md"), filepath.Join(root, "escape.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(root, "b.md"), filepath.Join(root, "alias.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(root, "linkdir")); err != nil {
		t.Fatal(err)
	}

	lib := Load([]string{root}, LoadOptions{MaxSize: 1000})
	want := []string{"a.markdown", "alias.md", "b.md", "sub/c.txt"}
	if got := relPaths(lib); !equal(got, want) {
		t.Errorf("loaded %q, want %q", got, want)
	}
	problems := map[string]string{}
	for _, p := range lib.Problems {
		problems[filepath.Base(p.Path)] = p.Err.Error()
	}
	if msg := problems["big.md"]; !strings.Contains(msg, "larger than the 1000 bytes limit") {
		t.Errorf("big.md problem = %q", msg)
	}
	if msg := problems["escape.md"]; !strings.Contains(msg, "outside the library") {
		t.Errorf("escape.md problem = %q", msg)
	}
	if len(problems) != 2 {
		t.Errorf("problems = %v", problems)
	}
}

func TestLoadMixOfFilesAndFoldersIsDeterministic(t *testing.T) {
	dir := t.TempDir()
	for i := range 50 {
		writeFile(t, filepath.Join(dir, "lib", string(rune('a'+i%26))+strings.Repeat("x", i/26)+".md"), "# T\n")
	}
	single := filepath.Join(dir, "single.md")
	writeFile(t, single, "# Single\n")
	first := Load([]string{single, filepath.Join(dir, "lib"), filepath.Join(dir, "missing")}, LoadOptions{Workers: 8})
	second := Load([]string{single, filepath.Join(dir, "lib"), filepath.Join(dir, "missing")}, LoadOptions{Workers: 3})
	if !equal(relPaths(first), relPaths(second)) || len(first.Briefings) != 51 {
		t.Fatalf("two loads differ or are incomplete: %d briefings", len(first.Briefings))
	}
	if first.Briefings[0].RelPath != "single.md" {
		t.Errorf("first briefing %q, want the single file given first", first.Briefings[0].RelPath)
	}
	if len(first.Problems) != 1 || !strings.Contains(first.Problems[0].Err.Error(), "does not exist") {
		t.Errorf("problems = %v", first.Problems)
	}
}

func TestUnreadableFileIsAProblem(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root can read any file")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "locked.md")
	writeFile(t, path, "# locked\n")
	if err := os.Chmod(path, 0); err != nil {
		t.Fatal(err)
	}
	lib := Load([]string{dir}, LoadOptions{})
	if len(lib.Problems) != 1 || !strings.Contains(lib.Problems[0].Err.Error(), "permission denied") {
		t.Errorf("problems = %v", lib.Problems)
	}
}

func TestHostileFilesLoadOrFailCleanly(t *testing.T) {
	dir := t.TempDir()
	if _, err := hostile.WriteDir(dir); err != nil {
		t.Fatal(err)
	}
	lib := Load([]string{dir}, LoadOptions{})
	loaded := map[string]*Briefing{}
	for _, b := range lib.Briefings {
		loaded[b.RelPath] = b
	}
	for _, f := range hostile.Fixtures() {
		b, ok := loaded[f.Name]
		if ok != f.Loads {
			t.Errorf("%s: loaded = %v, want %v", f.Name, ok, f.Loads)
			continue
		}
		if !ok {
			continue
		}
		for _, text := range append([]string{b.Text, b.Title, b.Author, b.Summary}, b.Tags...) {
			if bad := hostile.ForeignEscape(text); bad != "" {
				t.Errorf("%s: control sequence survived loading: %s", f.Name, bad)
			}
		}
		for _, s := range b.Sections {
			if bad := hostile.ForeignEscape(s.Heading); bad != "" {
				t.Errorf("%s: control sequence in heading: %s", f.Name, bad)
			}
		}
	}
	var binary *Problem
	for i, p := range lib.Problems {
		if filepath.Base(p.Path) == "binary.md" {
			binary = &lib.Problems[i]
		}
	}
	if binary == nil || !errors.Is(binary.Err, ErrBinary) || !binary.Skipped {
		t.Errorf("binary file problem = %v", binary)
	}
	if b := loaded["bad-front-matter.md"]; b == nil || len(b.Problems) == 0 || b.Sections[0].Heading != "Still here" {
		t.Errorf("bad front matter: the body should load with a problem")
	}
	if b := loaded["many-headings.md"]; b == nil || len(b.Sections) != 10000 {
		t.Errorf("many headings: want 10000 sections")
	}
	if b := loaded["deep-quote.md"]; b == nil || b.Sections[0].Depth < 1000 {
		t.Errorf("deep quote: depth not measured")
	}
}

func TestFind(t *testing.T) {
	lib := LoadSample()
	tests := []struct{ query, want string }{
		{"ukraine", "ukraine-atacms-north-korea.md"},
		{"ukraine-atacms-north-korea", "ukraine-atacms-north-korea.md"},
		{"builtin:getting-started.md", "getting-started.md"},
		{"Presenting a briefing in class", "presenting-in-class.md"},
		{"GETTING STARTED", "getting-started.md"},
	}
	for _, tt := range tests {
		b, err := lib.Find(tt.query)
		if err != nil || b.RelPath != tt.want {
			t.Errorf("Find(%q) = %v, %v; want %s", tt.query, b, err, tt.want)
		}
	}
	var amb *AmbiguousError
	if _, err := lib.Find("in"); !errors.As(err, &amb) || len(amb.Candidates) < 2 {
		t.Errorf("Find(in) = %v, want ambiguity", err)
	}
	var nf *NotFoundError
	if _, err := lib.Find("no such thing"); !errors.As(err, &nf) {
		t.Errorf("Find(no such thing) = %v", err)
	}
}

func TestFindSection(t *testing.T) {
	lib := LoadSample()
	b, err := lib.Find("ukraine")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		query string
		want  string
	}{
		{"2", "The North Korean Factor"},
		{"north korean", "The North Korean Factor"},
		{"the-atacms-decision", "The ATACMS Decision"},
		{"conclusion", "Conclusion"},
		{"CONCLUSION", "Conclusion"},
	}
	for _, tt := range tests {
		i, err := b.FindSection(tt.query)
		if err != nil || b.Sections[i].Heading != tt.want {
			t.Errorf("FindSection(%q) = %d, %v; want %q", tt.query, i, err, tt.want)
		}
	}
	for _, bad := range []string{"0", "7", "nothing like it"} {
		if _, err := b.FindSection(bad); err == nil {
			t.Errorf("FindSection(%q) succeeded", bad)
		}
	}
	var amb *AmbiguousError
	if _, err := b.FindSection("the"); !errors.As(err, &amb) {
		t.Errorf("FindSection(the) = %v, want ambiguity", err)
	}
}

func TestSampleLibrary(t *testing.T) {
	lib := LoadSample()
	if len(lib.Problems) != 0 || len(lib.Briefings) != 3 {
		t.Fatalf("sample library: %d briefings, problems %v", len(lib.Briefings), lib.Problems)
	}
	b, _ := lib.Find("ukraine")
	want := []string{
		"The ATACMS Decision",
		"The North Korean Factor",
		"Shifting the Balance",
		"The Transition of Power in the US",
		"Broader Implications for Europe and the Rules-Based International Order",
		"Conclusion",
	}
	if got := headings(b); !equal(got, want) {
		t.Errorf("sample briefing headings = %q", got)
	}
	if got := b.Date.Format("2006-01-02"); got != "2024-11-21" {
		t.Errorf("date = %s", got)
	}
	if !equal(b.Tags, []string{"ukraine", "russia", "united-states", "north-korea", "nato"}) {
		t.Errorf("tags = %q", b.Tags)
	}
}

// File names are text from outside too: RelPath, shown everywhere, has no
// control characters and is valid UTF-8; Path still opens the file.
func TestHostileFileNames(t *testing.T) {
	dir := t.TempDir()
	names := map[string]string{
		"osc-\x1b]52;c;aGk=\x07.md": "osc-?]52;c;aGk=?.md",
		"c1-\u009b2J.md":            "c1-?2J.md",
		"bad-\xff.md":               "bad-\ufffd.md",
		"line\nbreak.md":            "line?break.md",
		"plain-é.md":                "plain-é.md",
	}
	for name := range names {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("text\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	lib := Load([]string{dir}, LoadOptions{})
	if len(lib.Briefings) != len(names) || len(lib.Problems) != 0 {
		t.Fatalf("%d briefings, problems %v", len(lib.Briefings), lib.Problems)
	}
	for _, b := range lib.Briefings {
		want, ok := names[filepath.Base(b.Path)]
		if !ok || b.RelPath != want {
			t.Errorf("RelPath of %q = %q, want %q", b.Path, b.RelPath, want)
		}
		if _, err := os.Stat(b.Path); err != nil {
			t.Errorf("Path does not open the file: %v", err)
		}
		if strings.ContainsAny(b.Title, "\x1b\x07\n\u009b") {
			t.Errorf("title from the name %q", b.Title)
		}
	}
	files, _ := Scan([]Root{{Path: dir, Dir: true}})
	for _, f := range files {
		if f.RelPath != names[filepath.Base(f.Path)] {
			t.Errorf("Scan: RelPath of %q = %q", f.Path, f.RelPath)
		}
	}
}
