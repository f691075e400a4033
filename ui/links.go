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
	links []briefings.Link
	list  *listOverlay
}

func newLinkList(r *reader) *linkList {
	l := &linkList{links: r.b.SectionLinks(r.current())}
	l.list = newListOverlay("Links in this section", "enter: follow (web links are copied) · esc: close",
		"follow (web links are copied)", len(l.links), 0)
	l.list.empty = "This section has no links."
	return l
}

// linksKey hands a key to the link list and follows the link chosen.
func (r *reader) linksKey(msg tea.KeyPressMsg) (intent, tea.Cmd) {
	res := r.links.list.update(msg)
	switch res.outcome {
	case overlayClosed:
		r.links = nil
	case overlayChosen:
		link := r.links.links[res.item]
		r.links = nil
		return r.followLink(link)
	}
	return nil, nil
}

// followLink jumps to a section of this briefing, asks the app to open
// another, or copies a web link.
func (r *reader) followLink(link briefings.Link) (intent, tea.Cmd) {
	target, anchor, ok := link.Resolve(r.b)
	switch {
	case !ok:
		r.status("Copied the link to the clipboard: %s", link.Target)
		return nil, tea.SetClipboard(link.Target)
	case target == "" || target == r.b.Path:
		if s, ok := anchorRef(r.b, anchor); ok {
			r.jump(s)
		} else {
			r.status("There is no section “%s” here.", anchor)
		}
	default:
		return followIntent{path: target, anchor: anchor}, nil
	}
	return nil, nil
}

func (l *linkList) view(r *reader, width, height int) []string {
	return l.list.view(r.st, width, height, func(i int, selected bool) []string {
		link := l.links[i]
		if selected {
			return []string{r.st.tocCursor.Render(ansi.Truncate(" "+link.Text+"  → "+link.Target, width-1, "…"))}
		}
		return []string{ansi.Truncate(" "+link.Text+"  "+r.st.subtle.Render("→ "+link.Target), width-1, "…")}
	})
}
