package reliability

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// target is the briefing changed under the app; its sections have words
// of their own.
func targetBriefing(word string, sections int) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "---\ntitle: Target %s\n---\n\nLead of the %s briefing.\n\n", word, word)
	for i := 1; i <= sections; i++ {
		fmt.Fprintf(&sb, "## Part %d of %s\n\n", i, word)
		for range 6 {
			fmt.Fprintf(&sb, "Paragraph of %s section %d, long enough to wrap on a narrow screen and fill a page.\n\n", word, i)
		}
	}
	return sb.String()
}

// fileChange changes target.md in one way. shows is what the screen must
// say afterwards (in the reader or the presenter).
type fileChange struct {
	name   string
	change func(t *testing.T, path string)
	shows  string
}

var fileChanges = []fileChange{
	{"deleted", func(t *testing.T, path string) { must(t, os.Remove(path)) }, "target.md: does not exist; showing the last version."},
	{"truncated to 0 bytes", func(t *testing.T, path string) { must(t, os.Truncate(path, 0)) }, "target.md changed on disk and is now empty."},
	{"truncated to half", func(t *testing.T, path string) { must(t, halve(path)) }, "target.md changed on disk; reloaded."},
	{"replaced by rename", func(t *testing.T, path string) {
		tmp := filepath.Join(filepath.Dir(path), ".new.tmp")
		must(t, os.WriteFile(tmp, []byte(targetBriefing("omega", 3)), 0o644))
		must(t, os.Rename(tmp, path))
	}, "target.md changed on disk; reloaded."},
	{"replaced by binary data", func(t *testing.T, path string) {
		tmp := filepath.Join(filepath.Dir(path), ".new.tmp")
		data := make([]byte, 4096)
		for i := range data {
			data[i] = byte(i * 7)
		}
		must(t, os.WriteFile(tmp, data, 0o644))
		must(t, os.Rename(tmp, path))
	}, "; showing the last version."},
}

// TestFilesChangingUnderTheApp changes the briefing open in the reader, and
// the one being presented, in every way: brief does not crash, the screen
// says what happened, and the rest keeps working (the library, another
// briefing, search).
func TestFilesChangingUnderTheApp(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	for _, where := range []string{"reader", "presenter"} {
		for _, c := range fileChanges {
			t.Run(where+"/"+c.name, func(t *testing.T) {
				t.Parallel()
				for range rounds(3) {
					countRun(t, "briefing "+c.name+" while open in the "+where, func() {
						lib := t.TempDir()
						target := filepath.Join(lib, "target.md")
						must(t, os.WriteFile(target, []byte(targetBriefing("alpha", 4)), 0o644))
						must(t, os.WriteFile(filepath.Join(lib, "other.md"), []byte(targetBriefing("beta", 2)), 0o644))
						e := newEnv(t)
						s := newSession(t, e, 100, 30)
						s.run("main.0", nil, "-L", lib, "--style", "dark")
						s.WaitFor("main.0", "2 briefings")
						s.Text("main.0", "/alpha")
						s.Keys("main.0", "Enter")
						s.WaitFor("main.0", "1 of 2 match")
						s.Keys("main.0", "Enter")
						s.WaitFor("main.0", "Lead of the alpha briefing", "? help")
						s.Keys("main.0", "]", "]") // Part 2
						s.WaitFor("main.0", "Part 2 of alpha")
						if where == "presenter" {
							s.Keys("main.0", "p")
							s.WaitFor("main.0", "§")
						}
						c.change(t, target)
						s.WaitFor("main.0", c.shows)
						// The rest keeps working.
						if where == "presenter" {
							s.Keys("main.0", "Escape")
							s.WaitFor("main.0", "? help")
						}
						s.Keys("main.0", "q")
						if strings.Contains(s.WaitFor("main.0", "enter read ·"), "match “alpha”") {
							s.Keys("main.0", "Escape") // clear the filter
						}
						s.WaitFor("main.0", "other.md")
						s.Text("main.0", "/beta")
						s.Keys("main.0", "Enter")
						s.WaitFor("main.0", "1 of ")
						s.Keys("main.0", "Enter")
						s.WaitFor("main.0", "Lead of the beta briefing")
						s.Keys("main.0", "s")
						s.Text("main.0", "beta")
						s.WaitFor("main.0", "Target beta", "sections in")
						if code := s.Quit("main.0"); code != "0" {
							t.Errorf("exit status %s:\n%s", code, s.Screen("main.0"))
						}
					})
				}
			})
		}
	}
}
