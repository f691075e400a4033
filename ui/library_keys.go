package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/internal/state"
)

// key handles a key the list does not; ok is false for the list's own.
func (l *library) key(msg tea.KeyPressMsg) (in intent, cmd tea.Cmd, ok bool) {
	if l.help != nil {
		if l.help.key(msg) {
			l.help = nil
		}
		return nil, nil, true
	}
	if l.showing != nil {
		return nil, l.problemsKey(msg), true
	}
	if l.quotes != nil {
		in, cmd := l.quotesKey(msg)
		return in, cmd, true
	}
	if l.list.SettingFilter() {
		if msg.String() == "enter" && l.list.FilterValue() == "" {
			l.list.ResetFilter() // nothing typed: no filter
			return nil, nil, true
		}
		return nil, nil, false // the filter input has the keys
	}
	if in, ok := l.savedKey(msg); ok {
		return in, nil, true
	}
	switch {
	case matches(msg, l.keys.Open):
		if e, ok := l.selected(); ok {
			return openIntent{e.Path}, nil, true
		}
		return nil, nil, true
	case matches(msg, l.keys.Search):
		return searchIntent{}, nil, true
	case matches(msg, l.keys.Problems):
		l.showing = &problemList{}
		return nil, nil, true
	case matches(msg, l.keys.Highlights) && !l.list.SettingFilter():
		return highlightsIntent{}, nil, true
	case matches(msg, l.keys.Order):
		l.sortBy(l.order.Next())
		return nil, nil, true
	case matches(msg, l.keys.global.Help):
		l.help = &helpScreen{title: "Library keys", groups: []helpGroup{
			{"Library", []key.Binding{l.list.KeyMap.CursorUp, l.list.KeyMap.CursorDown, l.list.KeyMap.GoToStart,
				l.list.KeyMap.GoToEnd, l.list.KeyMap.NextPage, l.list.KeyMap.PrevPage}},
			{"Actions", []key.Binding{l.keys.Open, l.keys.Filter, l.list.KeyMap.ClearFilter, l.keys.Order, l.keys.Search, l.keys.Saved, l.keys.Problems, l.keys.Highlights}},
			{"Anywhere", []key.Binding{l.keys.global.Help, l.keys.global.Mouse, l.keys.global.Suspend, l.keys.Quit, l.keys.global.Quit}},
		}}
		return nil, nil, true
	case matches(msg, l.keys.Quit):
		return quitIntent{}, nil, true
	}
	return nil, nil, false
}

// quotesReloaded shows the highlights again, if they are shown, once
// other windows' highlights were read.
func (l *library) quotesReloaded(all func() []state.Highlight) {
	if l.quotes != nil {
		l.quotes.replace(all())
	}
}

// entries are the briefings of the list, in its order.
func (l *library) entries() []briefings.Entry {
	items := l.list.Items()
	out := make([]briefings.Entry, len(items))
	for i, it := range items {
		out[i] = it.(libraryItem).e
	}
	return out
}
