package ui

import (
	"charm.land/bubbles/v2/list"
	tea "charm.land/bubbletea/v2"
)

// The bubbles list filters in a command, one per keystroke, and takes
// whatever FilterMatchesMsg arrives last. Commands run concurrently, so the
// matches for "a" can land after those for "alpha" and stay on screen under
// the wrong filter. Every command the list returns is therefore wrapped:
// its matches come back tagged with the filter text and the item set they
// were computed for, and the library drops any that are out of date.

// filterResultMsg is a list.FilterMatchesMsg tagged with what produced it.
type filterResultMsg struct {
	term    string
	items   int // library.itemsVersion when the filter ran
	matches list.FilterMatchesMsg
}

// tagFilterResults wraps cmd so that any filter matches it produces are
// tagged with term and version; other messages pass through unchanged.
func tagFilterResults(cmd tea.Cmd, term string, version int) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() tea.Msg {
		switch msg := cmd().(type) {
		case list.FilterMatchesMsg:
			return filterResultMsg{term: term, items: version, matches: msg}
		case tea.BatchMsg:
			tagged := make(tea.BatchMsg, len(msg))
			for i, c := range msg {
				tagged[i] = tagFilterResults(c, term, version)
			}
			return tagged
		default:
			return msg
		}
	}
}

// listCmd tags the commands of the library's list.
func (l *library) listCmd(cmd tea.Cmd) tea.Cmd {
	return tagFilterResults(cmd, l.list.FilterValue(), l.itemsVersion)
}

// takeFilterResult hands matches to the list only if they are for the
// filter and the items the list has now.
func (l *library) takeFilterResult(msg filterResultMsg) tea.Cmd {
	if msg.term != l.list.FilterValue() || msg.items != l.itemsVersion {
		return nil
	}
	var cmd tea.Cmd
	l.list, cmd = l.list.Update(msg.matches)
	return l.listCmd(cmd)
}
