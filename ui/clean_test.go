package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// A message names folders and files (a state folder that cannot be written,
// the index), and a name may hold escape sequences: the status line shows
// them cleaned, as file names are shown everywhere.
func TestStatusMessagesAreCleaned(t *testing.T) {
	hostile := "/tmp/\x1b]0;owned\x07\x1b[2J\u009bstate"
	r := openReader(t, sampleBriefing(t, "ukraine"), nil, 100, 24)
	r.status("cannot save reading positions: %s is read-only", hostile)
	view := r.view()
	for _, bad := range []string{"\x1b]", "\x07", "\x1b[2J", "\u009b"} {
		if strings.Contains(view, bad) {
			t.Errorf("the status line passed %q to the terminal", bad)
		}
	}
	if want := "/tmp/?]0;owned??[2J?state is read-only"; !strings.Contains(ansi.Strip(view), want) {
		t.Errorf("the cleaned message is not shown: want %q in\n%s", want, ansi.Strip(view))
	}
}
