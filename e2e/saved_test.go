package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSavedSearchStory is someone who follows a topic: they filter a
// search by tag from the facets, save it, and the library says what is new
// in it once a briefing about it arrives; opening it shows just that.
func TestSavedSearchStory(t *testing.T) {
	s := newSession(t, 130, 36)
	lib := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(lib, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("kyiv.md", "---\ntitle: Kyiv\ntags: [nato, ukraine]\ndate: 2024-03-01\n---\n\n## Air defence\n\nThe missile shield held.\n\n## Grain\n\nA missile escort for the grain ships.\n")
	write("seoul.md", "---\ntitle: Seoul\ntags: [korea]\ndate: 2022-01-05\n---\n\n## Launch\n\nA missile before dawn.\n")
	s.run(lib)
	s.waitFor("2 briefings")
	s.keys("s")
	s.text("missile")
	screen := s.waitFor("Kyiv › Air defence", "+1 more section in this briefing", "│") // grouped, with a preview
	if !strings.Contains(lineWith(screen, "│"), "│") {
		t.Errorf("no preview at 130 columns:\n%s", screen)
	}
	s.keys("Tab")
	s.waitFor("Tags", "[ ] nato")
	s.keys("Enter")
	s.waitFor("search: missile tag:nato")
	s.keys("Escape")
	s.waitForScreen(func(screen string) bool { return !strings.Contains(screen, "enter adds or removes") }, "the filters close")
	s.keys("C-s")
	s.waitFor("save as:")
	s.keys("C-u")
	s.text("nato watch")
	s.keys("Enter")
	s.waitFor("Saved “nato watch”")
	s.keys("Escape")
	s.waitFor("Saved: nato watch · 0 new")
	s.waitFor("nato watch · 0 new") // the count, once the index is up

	// A briefing on the topic arrives while brief runs.
	write("riga.md", "---\ntitle: Riga\ntags: [nato]\ndate: 2024-05-02\n---\n\n## Drills\n\nA missile drill on the coast.\n")
	s.waitFor("Saved: nato watch · 1 new")
	s.keys("Tab")
	s.waitFor("Saved searches (1)")
	s.keys("Enter")
	screen = s.waitFor("only what is new", "Riga › Drills")
	if strings.Contains(screen, "Kyiv") {
		t.Errorf("what is new shows more than the new briefing:\n%s", screen)
	}
	s.keys("Escape")
	s.waitFor("Saved searches (1)", "nato watch · 0 new")
	s.keys("Escape")
	s.waitForScreen(func(screen string) bool { return !strings.Contains(screen, "Saved searches (1)") }, "the list of saved searches closes")
	s.keys("q")
	s.waitFor("brief exited 0")

	// From the command line: listed, and nothing new since it was opened.
	s.run("-L", lib, "search", "--list-saved")
	screen = s.waitFor("brief exited 0")
	if !strings.Contains(screen, "nato watch · 0 new · missile tag:nato") {
		t.Errorf("brief search --list-saved:\n%s", screen)
	}
}
