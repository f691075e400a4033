package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// On a short terminal the list leaves out the blank line between
// briefings, so that more than one fits.
func TestLibraryCompactOnShortTerminals(t *testing.T) {
	l := newLibrary(newStyles(true))
	runAll(l.setLibrary(sampleCatalog()))
	for _, size := range []struct {
		height int
		want   []string
	}{
		{10, []string{"Getting started", "Presenting a briefing"}},
		{24, []string{"Getting started", "Presenting a briefing", "Ukraine, ATACMS"}},
	} {
		l.setSize(40, size.height)
		view := ansi.Strip(l.view())
		for _, w := range size.want {
			if !strings.Contains(view, w) {
				t.Errorf("at 40×%d the list does not show %q:\n%s", size.height, w, view)
			}
		}
		if got := strings.Count(view, "\n") + 1; got != size.height {
			t.Errorf("at 40×%d the library is %d lines", size.height, got)
		}
	}
}
