package ui

import (
	"fmt"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// bookmarkList is the reader's overlay listing the bookmarked sections of
// the open briefing.
type bookmarkList struct {
	sections []int
	cursor   int
}

func newBookmarkList(r *reader) *bookmarkList {
	l := &bookmarkList{}
	if r.store == nil {
		return l
	}
	for _, anchor := range r.store.Bookmarks(r.b.Path) {
		if i := r.b.SectionIndex(anchor); i >= 0 {
			l.sections = append(l.sections, i)
		}
	}
	return l
}

func (l *bookmarkList) update(msg tea.KeyPressMsg, r *reader) intent {
	switch msg.String() {
	case "j", "down":
		l.cursor = min(l.cursor+1, max(len(l.sections)-1, 0))
	case "k", "up":
		l.cursor = max(l.cursor-1, 0)
	case "enter":
		if len(l.sections) > 0 {
			r.jump(l.sections[l.cursor])
		}
		r.marks = nil
	case "d", "m":
		if len(l.sections) > 0 && r.store != nil {
			r.store.ToggleBookmark(r.b.Path, r.b.Sections[l.sections[l.cursor]].Anchor)
			l.sections = append(l.sections[:l.cursor], l.sections[l.cursor+1:]...)
			l.cursor = min(l.cursor, max(len(l.sections)-1, 0))
			return saveIntent{} // the app writes it soon
		}
	default:
		r.marks = nil
	}
	return nil
}

func (l *bookmarkList) view(r *reader, width, height int) []string {
	lines := []string{" " + r.st.title.Render("Bookmarks in this briefing"),
		" " + r.st.subtle.Render("enter: go there · d: remove · esc: close"), ""}
	if len(l.sections) == 0 {
		lines = append(lines, " No bookmarks yet: press m in a section to add one.")
	}
	for i, s := range l.sections {
		text := fmt.Sprintf(" %d. %s", s+1, r.b.Sections[s].Heading)
		text = ansi.Truncate(text, width-1, "…")
		if i == l.cursor {
			text = r.st.tocCursor.Render(text)
		}
		lines = append(lines, text)
	}
	return padLines(lines, height)
}
