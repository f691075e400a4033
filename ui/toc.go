package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/briefreader/brief/briefings"
	"github.com/charmbracelet/x/ansi"
)

// toc is the table-of-contents pane: the briefing's sections as a tree,
// with the section being read highlighted and, when the pane has the
// focus, a cursor to jump with.
type toc struct {
	keys    tocKeys
	visible bool
	focused bool
	cursor  int // section index under the cursor
	offset  int // first entry shown

	levelsOf *briefings.Briefing // the briefing topLevel was computed for
	topLevel int                 // the outermost heading level in it
}

// focusOn puts the cursor on a section (the first for the lead).
func (t *toc) focusOn(s sectionRef) {
	t.cursor, _ = s.index()
	t.cursor = max(t.cursor, 0)
}

// update moves the cursor; on enter it returns the section to jump to.
func (t *toc) update(msg tea.KeyPressMsg, sections int) (jump sectionRef, ok bool) {
	switch {
	case key.Matches(msg, t.keys.Down):
		t.cursor = min(t.cursor+1, sections-1)
	case key.Matches(msg, t.keys.Up):
		t.cursor = max(t.cursor-1, 0)
	case key.Matches(msg, t.keys.Top):
		t.cursor = 0
	case key.Matches(msg, t.keys.Bottom):
		t.cursor = sections - 1
	case key.Matches(msg, t.keys.Jump):
		return sectionOf(t.cursor), sections > 0
	case key.Matches(msg, t.keys.Leave):
		t.focused = false
	}
	return leadRef, false
}

// view draws the pane, width columns by height lines. at is the section
// being read; bookmarked marks sections with a bookmark.
func (t *toc) view(b *briefings.Briefing, at sectionRef, bookmarked map[string]bool, width, height int, st *styles) []string {
	lines := make([]string, 0, height)
	header := st.title.Render(ansi.Truncate("Contents", width, "…"))
	lines = append(lines, header, "")
	rows := height - 2
	if rows <= 0 || len(b.Sections) == 0 {
		if len(b.Sections) == 0 && rows > 0 {
			lines = append(lines, st.subtle.Render("(no headings)"))
		}
		return padLines(lines, height)
	}
	current, ok := at.index()
	if !ok {
		current = -1 // the lead: no entry
	}
	focus := current
	if t.focused {
		focus = t.cursor
	}
	// Keep the focused entry in view, a little away from the edges.
	if focus >= 0 {
		if focus < t.offset+1 {
			t.offset = max(focus-1, 0)
		}
		if focus >= t.offset+rows-1 {
			t.offset = focus - rows + 2
		}
	}
	t.offset = min(max(t.offset, 0), max(len(b.Sections)-rows, 0))
	if t.levelsOf != b {
		t.levelsOf, t.topLevel = b, 6
		for _, s := range b.Sections {
			t.topLevel = min(t.topLevel, s.Level)
		}
	}
	top := t.topLevel
	for i := t.offset; i < len(b.Sections) && len(lines) < height; i++ {
		s := b.Sections[i]
		mark := "  "
		if bookmarked[s.Anchor] {
			mark = "★ "
		}
		indent := strings.Repeat("  ", min(s.Level-top, 4))
		text := ansi.Truncate(fmt.Sprintf("%s%s%s", mark, indent, s.Heading), width, "…")
		switch {
		case t.focused && i == t.cursor:
			text = st.tocCursor.Render(text + strings.Repeat(" ", max(width-ansi.StringWidth(text), 0)))
		case i == current:
			text = st.tocCurrent.Render(text)
		}
		lines = append(lines, text)
	}
	return padLines(lines, height)
}

// padLines pads a column of lines to height with empty lines.
func padLines(lines []string, height int) []string {
	for len(lines) < height {
		lines = append(lines, "")
	}
	return lines[:height]
}
