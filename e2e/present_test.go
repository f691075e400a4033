package e2e

import (
	"strings"
	"testing"
)

// TestPresenterStory is a lecturer's class: present "The ATACMS Decision",
// page forward and back, blank the screen and bring it back, jump to
// section 4, with brief notes (the console) following in a second pane,
// whose keys drive the slides too.
func TestPresenterStory(t *testing.T) {
	s := newSession(t, 80, 50)
	s.Split()
	s.Tmux("resize-pane", "-t", "main.0", "-y", "24")
	s.runIn("main.1", "notes")
	s.waitForIn("main.1", "Waiting for a presentation")

	s.run("present", "ukraine", "--section", "atacms", "--duration", "45m")
	screen := s.waitFor("§1/6 · 1/2", "45:00 left")
	if !strings.Contains(screen, "▀█▀ █ █ █▀▀") {
		t.Errorf("no block-letter title on the first page:\n%s", screen)
	}
	notes := s.waitForIn("main.1", "The ATACMS Decision", "Ask the class")
	if !strings.Contains(notes, "page 1/2") {
		t.Errorf("notes do not follow the page:\n%s", notes)
	}

	s.keys("Space")
	s.waitFor("§1/6 · 2/2", "The ATACMS Decision (cont.)")
	s.waitForIn("main.1", "page 2/2", "No notes for this page.")
	s.keys("Left")
	s.waitFor("§1/6 · 1/2")

	s.keys("b")
	s.waitForScreen(func(screen string) bool { return strings.TrimSpace(screen) == "" }, "a blank screen")
	s.keys("x")
	s.waitFor("§1/6 · 1/2")

	s.keys("4", "Enter")
	s.waitFor("§4/6 · 1/")
	s.waitForIn("main.1", "The Transition of Power in the US")

	// The console drives the slides: the lecturer at the laptop.
	s.Keys("main.1", "2", "Enter")
	s.waitFor("§2/6 · 1/")
	s.Keys("main.1", "b")
	s.waitForScreen(func(screen string) bool { return strings.TrimSpace(screen) == "" }, "a blank screen from the console")
	s.waitForIn("main.1", "screen black")
	s.Keys("main.1", "b")
	s.waitFor("§2/6 · 1/")
	s.keys("4", "Enter")
	s.waitFor("§4/6 · 1/")

	s.keys("Escape")
	s.waitFor("› The Transition of Power in the US")
	s.waitForIn("main.1", "has ended")
	s.keys("q", "q")
	s.waitFor("brief exited 0")
}
