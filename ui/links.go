package ui

import (
	tea "charm.land/bubbletea/v2"
	"github.com/briefreader/brief/briefings"
	"github.com/charmbracelet/x/ansi"
)

// linkList is the reader's overlay with the links of the current section:
// links to other briefings open them, links within the briefing jump, and
// web links are copied to the clipboard.
type linkList struct {
	links  []briefings.Link
	cursor int
}

func newLinkList(r *reader) *linkList {
	return &linkList{links: r.b.SectionLinks(r.current())}
}

func (l *linkList) update(msg tea.KeyPressMsg, r *reader) (intent, tea.Cmd) {
	switch msg.String() {
	case "j", "down":
		l.cursor = min(l.cursor+1, max(len(l.links)-1, 0))
	case "k", "up":
		l.cursor = max(l.cursor-1, 0)
	case "enter":
		r.links = nil
		if len(l.links) == 0 {
			return nil, nil
		}
		link := l.links[l.cursor]
		target, anchor, ok := link.Resolve(r.b)
		switch {
		case !ok:
			r.status("Copied the link to the clipboard: %s", link.Target)
			return nil, tea.SetClipboard(link.Target)
		case target == "" || target == r.b.Path:
			if i := r.b.SectionIndex(anchor); i >= 0 || anchor == "" {
				r.jump(i)
			} else {
				r.status("There is no section “%s” here.", anchor)
			}
		default:
			return followIntent{path: target, anchor: anchor}, nil
		}
	default:
		r.links = nil
	}
	return nil, nil
}

func (l *linkList) view(r *reader, width, height int) []string {
	lines := []string{" " + r.st.title.Render("Links in this section"),
		" " + r.st.subtle.Render("enter: follow (web links are copied) · esc: close"), ""}
	if len(l.links) == 0 {
		lines = append(lines, " This section has no links.")
	}
	for i, link := range l.links {
		text := ansi.Truncate(" "+link.Text+"  "+r.st.subtle.Render("→ "+link.Target), width-1, "…")
		if i == l.cursor {
			text = r.st.tocCursor.Render(ansi.Truncate(" "+link.Text+"  → "+link.Target, width-1, "…"))
		}
		lines = append(lines, text)
	}
	return padLines(lines, height)
}
