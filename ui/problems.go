package ui

import (
	"fmt"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// problemList shows the files that did not load (or loaded with a warning),
// each with the reason: a list to read, which j/k scroll line by line.
type problemList struct {
	list *listOverlay
}

// overlay returns the list, made on first use (the zero problemList is
// ready to show).
func (p *problemList) overlay() *listOverlay {
	if p.list == nil {
		p.list = newListOverlay("Files with problems", "esc: back · j/k: scroll", "", 0, 0)
		p.list.read = true
		p.list.empty = "Every file loaded."
	}
	return p.list
}

// problemsKey hands a key to the list of problems; any key it does not
// use (esc, q, !, enter …) closes it.
func (l *library) problemsKey(msg tea.KeyPressMsg) tea.Cmd {
	if l.showing.overlay().update(msg).outcome == overlayClosed {
		l.showing = nil
	}
	return nil
}

func (p *problemList) view(l *library, width, height int) []string {
	var rows []string
	for _, pr := range l.problems {
		kind := l.st.subtle.Render("warning")
		if pr.Skipped {
			kind = l.st.warning.Render("skipped")
		}
		rows = append(rows, ansi.Truncate(fmt.Sprintf(" %s %s", kind, pr.Path), width, "…"),
			ansi.Truncate("     "+pr.Err.Error(), width, "…"))
	}
	o := p.overlay()
	o.setCount(len(rows))
	return o.view(l.st, width, height, func(i int, _ bool) []string { return rows[i : i+1] })
}
