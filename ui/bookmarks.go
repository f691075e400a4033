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
	list     *listOverlay
}

// bookmarkRemove is the bookmark list's own action: d (or m) removes the
// bookmark under the cursor.
const bookmarkRemove = 0

func newBookmarkList(r *reader) *bookmarkList {
	l := &bookmarkList{}
	if r.store != nil {
		for _, anchor := range r.store.Bookmarks(r.b.Path) {
			if i := r.b.SectionIndex(anchor); i >= 0 {
				l.sections = append(l.sections, i)
			}
		}
	}
	l.list = newListOverlay("Bookmarks in this briefing", "enter: go there · d: remove · esc: close", "go there",
		len(l.sections), 0, bind("d/m", "remove the bookmark", "d", "m"))
	l.list.empty = "No bookmarks yet: press m in a section to add one."
	return l
}

// bookmarksKey hands a key to the bookmark list and acts on what it says:
// removing a bookmark asks the app to write the state (soon, coalesced).
func (r *reader) bookmarksKey(msg tea.KeyPressMsg) intent {
	l := r.marks
	res := l.list.update(msg)
	switch {
	case res.outcome == overlayChosen:
		r.marks = nil
		r.jump(sectionOf(l.sections[res.item]))
	case res.outcome == overlayClosed:
		r.marks = nil
	case res.outcome == overlayAction && res.action == bookmarkRemove:
		if r.store == nil {
			return nil
		}
		r.store.ToggleBookmark(r.b.Path, r.b.Sections[l.sections[res.item]].Anchor)
		l.sections = append(l.sections[:res.item], l.sections[res.item+1:]...)
		l.list.setCount(len(l.sections))
		return saveIntent{}
	}
	return nil
}

func (l *bookmarkList) view(r *reader, width, height int) []string {
	return l.list.view(r.st, width, height, func(i int, selected bool) []string {
		s := l.sections[i]
		text := fmt.Sprintf(" %d. %s", sectionOf(s).number(), r.b.Sections[s].Heading)
		text = ansi.Truncate(text, width-1, "…")
		if selected {
			text = r.st.tocCursor.Render(text)
		}
		return []string{text}
	})
}
