package e2e

import (
	"strings"
	"testing"
)

// TestSearchStory is someone searching a pile of briefings: type "north
// korean", see the section among the hits, open it and land on the hit.
func TestSearchStory(t *testing.T) {
	s := newSession(t, 100, 30)
	s.run()
	s.waitFor("3 briefings")
	s.keys("s")
	s.waitFor("search:")
	s.text("north korean")
	screen := s.waitFor("› The North Korean Factor", "sections in")
	if !strings.Contains(lineWith(screen, "▌"), "The North Korean Factor") {
		t.Errorf("the best hit is not The North Korean Factor:\n%s", screen)
	}
	s.keys("Enter")
	screen = s.waitFor("› The North Korean Factor", "## The North Korean Factor")
	if lineWith(screen, "North Korean troops") == "" {
		t.Errorf("the hit is not on screen:\n%s", screen)
	}
	if status := lineWith(screen, "? help"); !strings.Contains(status, "/") {
		t.Errorf("no match counter in the status bar: %q", status)
	}
	// One esc goes back to the results: the highlights go with the
	// reader.
	s.keys("Escape")
	s.waitFor("search: north korean")
	s.keys("Escape")
	s.waitFor("3 briefings")
	s.keys("q")
	s.waitFor("brief exited 0")

	// The command line finds the same section first.
	s.run("search", `"north korean" troops`)
	screen = s.waitFor("brief exited 0")
	if !strings.Contains(screen, "North Korean troops") || !strings.Contains(screen, "#the-north-korean-factor") {
		t.Errorf("brief search:\n%s", screen)
	}
}
