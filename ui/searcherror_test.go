package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// A query error longer than the screen wraps rather than being cut off.
func TestSearchErrorWraps(t *testing.T) {
	s := newTestSearcher(t, newFakeSearch())
	s.setSize(40, 24)
	s.input.SetValue("troops date:>someday ")
	searchNow(s)
	if len(s.err) < 40 {
		t.Fatalf("error %q is not longer than the screen", s.err)
	}
	view := ansi.Strip(s.view())
	joined := strings.Join(strings.Fields(view), " ")
	if !strings.Contains(joined, strings.Join(strings.Fields(s.err), " ")) {
		t.Errorf("the error %q is not all on screen:\n%s", s.err, view)
	}
	for _, l := range strings.Split(view, "\n") {
		if ansi.StringWidth(l) > 40 {
			t.Errorf("line wider than the screen: %q", l)
		}
	}
}
