package ui

import (
	"fmt"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// problemList shows the files that did not load (or loaded with a warning),
// each with the reason.
type problemList struct {
	offset int
}

func (p *problemList) update(msg tea.KeyPressMsg, l *library) tea.Cmd {
	switch msg.String() {
	case "j", "down":
		p.offset++
	case "k", "up":
		p.offset--
	case "esc", "q", "!", "enter":
		l.showing = nil
	}
	return nil
}

func (p *problemList) view(l *library, width, height int) []string {
	lines := []string{" " + l.st.title.Render("Files with problems"), " " + l.st.subtle.Render("esc: back · j/k: scroll"), ""}
	if len(l.problems) == 0 {
		lines = append(lines, " Every file loaded.")
	}
	var rows []string
	for _, pr := range l.problems {
		kind := l.st.subtle.Render("warning")
		if pr.Skipped {
			kind = l.st.warning.Render("skipped")
		}
		rows = append(rows, ansi.Truncate(fmt.Sprintf(" %s %s", kind, pr.Path), width, "…"),
			ansi.Truncate("     "+pr.Err.Error(), width, "…"))
	}
	visible := max(height-len(lines), 1)
	p.offset = min(max(p.offset, 0), max(len(rows)-visible, 0))
	lines = append(lines, rows[p.offset:min(len(rows), p.offset+visible)]...)
	return padLines(lines, height)
}
