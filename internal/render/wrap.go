package render

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// WrapLines wraps s (which may be styled) at limit columns as ansi.Wrap
// does, at spaces and after hyphens and breakpoints, breaking words longer
// than a line, and returns the lines. None is wider than limit: ansi.Wrap
// lets a word made only of hyphens ("where --", "extension-") run past the
// limit, and such a line is broken again, hard.
func WrapLines(s string, limit int, breakpoints string) []string {
	lines := strings.Split(ansi.Wrap(s, limit, breakpoints), "\n")
	if limit < 1 {
		return lines
	}
	out := make([]string, 0, len(lines))
	for _, line := range lines {
		if ansi.StringWidth(line) <= limit {
			out = append(out, line)
			continue
		}
		out = append(out, strings.Split(ansi.Hardwrap(line, limit, true), "\n")...)
	}
	return out
}
