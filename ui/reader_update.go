package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"
)

// update handles a message for the reader; it returns what the user asked
// the app to do, if anything.
func (r *reader) update(msg tea.Msg) (intent, tea.Cmd) {
	if msg, ok := msg.(tea.KeyPressMsg); ok {
		return r.key(msg)
	}
	return nil, r.handle(msg)
}

// handle handles a message other than a key.
func (r *reader) handle(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case renderedMsg:
		return r.rendered(msg)
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelUp:
			r.scroll(-3)
		case tea.MouseWheelDown:
			r.scroll(3)
		}
		return nil
	case tea.PasteMsg:
		if r.hl.editing() {
			return r.hl.noteUpdate(msg)
		}
		if r.finding {
			var cmd tea.Cmd
			r.input, cmd = r.input.Update(msg)
			r.findChanged()
			return cmd
		}
	}
	if r.hl.editing() {
		return r.hl.noteUpdate(msg)
	}
	if r.finding {
		var cmd tea.Cmd
		r.input, cmd = r.input.Update(msg)
		return cmd
	}
	return nil
}

func (r *reader) key(msg tea.KeyPressMsg) (intent, tea.Cmd) {
	r.message = ""
	// A section number and an offered next briefing last one key.
	number, offered := r.number, r.offered
	r.number, r.offered = "", ""
	if cmd, ok := r.hl.key(r, msg); ok {
		return nil, cmd
	}
	switch {
	case r.help != nil:
		if r.help.key(msg) {
			r.help = nil
		}
		return nil, nil
	case r.finding:
		return nil, r.findKey(msg)
	case r.marks != nil:
		return r.bookmarksKey(msg), nil
	case r.links != nil:
		return r.linksKey(msg)
	case r.toc.focused:
		if matches(msg, r.keys.TOC) {
			r.toggleTOC()
			return nil, nil
		}
		if section, ok := r.toc.update(msg, len(r.b.Sections)); ok {
			r.jump(section)
			r.toc.focused = false
		}
		return nil, nil
	}
	_, _, page := r.layout()
	k := r.keys
	if number != "" && msg.String() == "enter" {
		return nil, nil // the number is complete
	}
	switch {
	case matches(msg, k.Down):
		r.scroll(1)
	case matches(msg, k.Up):
		r.scroll(-1)
	case matches(msg, k.PageDown):
		r.scroll(max(page-2, 1))
	case matches(msg, k.PageUp):
		r.scroll(-max(page-2, 1))
	case matches(msg, k.HalfDown):
		r.scroll(max(page/2, 1))
	case matches(msg, k.HalfUp):
		r.scroll(-max(page/2, 1))
	case matches(msg, k.Top):
		r.jump(leadRef)
	case matches(msg, k.Bottom):
		r.scroll(r.doc.total())
	case matches(msg, k.NextSection):
		return r.nextSection(offered), nil
	case matches(msg, k.PrevSection):
		r.prevSection()
	case matches(msg, k.Section):
		r.sectionDigit(number, msg.String())
	case matches(msg, k.TOC):
		r.toggleTOC()
	case matches(msg, k.FocusTOC):
		r.toc.visible, r.toc.focused = true, true
		r.toc.focusOn(r.at())
	case matches(msg, k.Find):
		r.finding = true
		r.input.SetValue("")
		return nil, r.input.Focus()
	case matches(msg, k.NextMatch):
		r.stepMatch(1)
	case matches(msg, k.PrevMatch):
		r.stepMatch(-1)
	case matches(msg, k.Bookmark):
		return r.toggleBookmark(), nil
	case matches(msg, k.Bookmarks):
		r.marks = newBookmarkList(r)
	case matches(msg, k.Links):
		r.links = newLinkList(r)
	case matches(msg, k.Copy):
		text, name := r.sectionMarkdown()
		r.status("Copied “%s” to the clipboard.", name)
		return nil, tea.SetClipboard(text)
	case matches(msg, k.Edit):
		return r.edit(), nil
	case matches(msg, k.Present):
		return presentIntent{briefing: r.b, section: r.current()}, nil
	case matches(msg, k.Search):
		return searchIntent{}, nil
	case msg.String() == "esc" && r.find.match != nil && !r.find.hit:
		// esc clears a find (/) first; the words of a search hit go with
		// the reader, back to the results, in one press.
		r.find = finder{current: -1}
	case matches(msg, k.Back):
		r.savePosition()
		return backIntent{}, nil
	case matches(msg, k.global.Help):
		r.help = &helpScreen{title: "Reading keys", groups: []helpGroup{
			{"Moving", r.keys.FullHelp()[0]},
			{"Sections and finding", r.keys.FullHelp()[1]},
			{"More", r.keys.FullHelp()[2]},
			{"Anywhere", r.keys.FullHelp()[3]},
			{"Highlights", r.keys.FullHelp()[4]},
		}}
	}
	return nil, nil
}

// toggleTOC moves into the table of contents (showing it if it was
// hidden), or, from inside it, hides it.
func (r *reader) toggleTOC() {
	if r.toc.focused {
		r.toc.visible, r.toc.focused = false, false
		return
	}
	r.toc.visible, r.toc.focused = true, true
	r.toc.focusOn(r.at())
}

// findKey edits the find query; every change searches again (incremental).
func (r *reader) findKey(msg tea.KeyPressMsg) tea.Cmd {
	switch msg.String() {
	case "enter":
		r.finding = false
		r.input.Blur()
		if r.find.match != nil && len(r.find.matches) == 0 {
			r.status("“%s” is not in this briefing.", r.find.query)
		}
		return nil
	case "esc":
		r.finding = false
		r.input.Blur()
		r.find = finder{current: -1}
		return nil
	}
	var cmd tea.Cmd
	r.input, cmd = r.input.Update(msg)
	r.findChanged()
	return cmd
}

func (r *reader) findChanged() {
	q := r.input.Value()
	if q == r.find.query {
		return
	}
	r.highlight = nil
	r.find.query = q
	r.find.hit = false
	r.find.match = literalMatcher(q)
	r.find.search(r.doc)
	if m, ok := r.find.nearest(r.top); ok {
		r.ensureVisible(m.line)
	}
}

func (r *reader) stepMatch(dir int) {
	if r.find.match == nil {
		r.status("Press / to find a word first.")
		return
	}
	m, ok := r.find.step(dir)
	if !ok {
		r.status("No matches.")
		return
	}
	r.ensureVisible(m.line)
}

// toggleBookmark bookmarks the current section, or removes its bookmark;
// the app writes the change soon after.
func (r *reader) toggleBookmark() intent {
	if r.store == nil {
		return nil
	}
	s, ok := r.at().index()
	if !ok {
		r.status("Bookmarks are for sections: move into one first.")
		return nil
	}
	heading := r.b.Sections[s].Heading
	if r.store.ToggleBookmark(r.b.Path, r.b.Sections[s].Anchor) {
		r.status("Bookmarked “%s”. ' lists bookmarks.", heading)
	} else {
		r.status("Removed the bookmark on “%s”.", heading)
	}
	return saveIntent{}
}

func (r *reader) edit() intent {
	if r.b.Embedded() {
		r.status("The sample library is built in and cannot be edited.")
		return nil
	}
	if r.b.Piped() {
		r.status("This briefing came on the standard input: there is no file to edit.")
		return nil
	}
	line := 1
	if s, ok := r.at().index(); ok {
		line = r.b.Sections[s].Line
	}
	r.savePosition()
	return editIntent{briefing: r.b, line: line}
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
