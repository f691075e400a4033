package ui

import (
	"charm.land/bubbles/v2/list"
	"github.com/briefreader/brief/briefings"
)

// The library's order (o cycles date, title, path) and where its cursor
// stays when the list changes under it.

// sortBy orders the list by key, keeping the cursor on the same briefing.
func (l *library) sortBy(key briefings.SortKey) {
	l.order = key
	current, hadCurrent := l.selected()
	items := append([]list.Item(nil), l.list.Items()...)
	sortItems(items, key)
	l.itemsVersion++
	l.list.SetItems(items)
	if hadCurrent && l.list.FilterState() == list.Unfiltered {
		for i, it := range items {
			if it.(libraryItem).e.Path == current.Path {
				l.list.Select(i)
				break
			}
		}
	}
	switch key {
	case briefings.ByTitle:
		l.message = "Ordered by title. o orders by path."
	case briefings.ByPath:
		l.message = "Ordered by path. o orders by date."
	default:
		l.message = "Newest first, then books in reading order. o orders by title."
	}
}

// sortItems orders items as the list is ordered.
func sortItems(items []list.Item, key briefings.SortKey) {
	entries := make([]briefings.Entry, len(items))
	for i, it := range items {
		entries[i] = it.(libraryItem).e
	}
	briefings.SortEntries(entries, key)
	for i, e := range entries {
		items[i] = newLibraryItem(e)
	}
}

// keepCursorOnARow puts the cursor back on a row when the list shrank
// under it (a file deleted): on the row that took the place of the one it
// was on (was), or the last.
func (l *library) keepCursorOnARow(was int) {
	n := len(l.list.VisibleItems())
	if n == 0 || l.list.Index() < n {
		return
	}
	l.list.Select(min(max(was, 0), n-1))
}

// dropEmptyFilter leaves filtering when the filter was kept empty (/ then
// enter): the list is simply the whole list again.
func (l *library) dropEmptyFilter() {
	if l.list.FilterState() == list.FilterApplied && l.list.FilterValue() == "" {
		l.list.ResetFilter()
	}
}
