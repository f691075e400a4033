package e2e

import (
	"strings"
	"testing"
)

// TestReaderStory is a journalist's session: open the sample library, open
// the Ukraine briefing, go to "The North Korean Factor" through the table
// of contents, find a word, quit, start again and land on the same section.
func TestReaderStory(t *testing.T) {
	s := newSession(t, 120, 40)
	s.run()
	s.waitFor("3 briefings", "Ukraine, ATACMS")

	s.text("/ukr")
	s.keys("Enter")
	s.waitFor("1 of 3 match")
	s.keys("Enter")
	screen := s.waitFor("Contents", "The ATACMS Decision", "? help")
	if !strings.Contains(lineWith(screen, "? help"), "Ukraine, ATACMS") {
		t.Errorf("status bar does not name the briefing:\n%s", screen)
	}

	s.keys("t", "j", "Enter")
	screen = s.waitFor("› The North Korean Factor")
	if !strings.Contains(strings.Split(screen, "\n")[0], "## The North Korean Factor") {
		t.Errorf("the section heading is not at the top:\n%s", screen)
	}

	s.text("/massive")
	s.waitFor("1 found")
	s.keys("Enter")
	screen = s.waitFor("1/1")
	if lineWith(screen, "massive") == "" {
		t.Errorf("the match is not on screen:\n%s", screen)
	}

	s.keys("q")
	s.waitFor("1 of 3 match “ukr”") // the filter is kept
	s.keys("q")
	s.waitFor("brief exited 0")

	// Tomorrow: the same briefing opens where it was left.
	s.run()
	s.waitFor("3 briefings")
	s.keys("G", "Enter")
	s.waitFor("› The North Korean Factor", "massive")
	s.keys("C-c")
	screen = s.waitFor("brief exited 130")
	if strings.Contains(screen, "? help") {
		t.Errorf("the terminal was not restored after ctrl+c:\n%s", screen)
	}
}

// TestReaderSmallWindow checks that a 40×10 terminal still shows a usable
// reader and that resizing is followed.
func TestReaderSmallWindow(t *testing.T) {
	s := newSession(t, 40, 10)
	s.run("show", "--help") // plain output works in the same pane
	s.waitFor("brief exited 0")
	s.run()
	s.waitFor("3 briefings")
	s.keys("G", "Enter")
	screen := s.waitFor("Ukraine")
	for _, line := range strings.Split(screen, "\n") {
		if len([]rune(line)) > 40 {
			t.Errorf("line wider than the window: %q", line)
		}
	}
	s.Tmux("resize-window", "-t", "main", "-x", "100", "-y", "30")
	s.waitFor("Contents")
	s.keys("q", "q")
	s.waitFor("brief exited 0")
}
