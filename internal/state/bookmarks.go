package state

import (
	"maps"
	"slices"
	"time"
)

// maxRemovedBookmarks bounds the removals remembered per briefing (they
// keep a removed bookmark from coming back from another window's file).
const maxRemovedBookmarks = 100

// changesOf returns every anchor's last change in a list: its own record,
// or, for an anchor of a file from before records were kept, the list's
// time.
func (l *bookmarkList) changesOf() map[string]bookmarkChange {
	out := make(map[string]bookmarkChange, len(l.Changes)+len(l.Anchors))
	maps.Copy(out, l.Changes)
	for _, a := range l.Anchors {
		if _, ok := out[a]; !ok {
			out[a] = bookmarkChange{At: l.Updated}
		}
	}
	return out
}

// mergeBookmarks merges two bookmark lists of one briefing anchor by
// anchor: for each anchor the later change (added or removed) wins, mine
// on a tie. Bookmarks come in the order they were added.
func mergeBookmarks(mine, theirs *bookmarkList) *bookmarkList {
	switch {
	case mine == nil:
		return theirs
	case theirs == nil:
		return mine
	}
	changes := theirs.changesOf()
	for a, c := range mine.changesOf() {
		if t, ok := changes[a]; !ok || !t.At.After(c.At) {
			changes[a] = c
		}
	}
	return listFrom(changes, latest(mine.Updated, theirs.Updated), slices.Concat(mine.Anchors, theirs.Anchors))
}

// listFrom builds the list of the anchors whose last change added them,
// oldest first (in the order of hint among equal times), keeping the
// newest removals.
func listFrom(changes map[string]bookmarkChange, updated time.Time, hint []string) *bookmarkList {
	order := make([]string, 0, len(changes))
	seen := make(map[string]bool, len(changes))
	for _, a := range hint {
		if _, ok := changes[a]; ok && !seen[a] {
			seen[a] = true
			order = append(order, a)
		}
	}
	rest := make([]string, 0, len(changes)-len(order))
	for a := range changes {
		if !seen[a] {
			rest = append(rest, a)
		}
	}
	slices.Sort(rest)
	var anchors, removed []string
	for _, a := range append(order, rest...) {
		if changes[a].Removed {
			removed = append(removed, a)
		} else {
			anchors = append(anchors, a)
		}
	}
	byTime := func(a, b string) int { return changes[a].At.Compare(changes[b].At) }
	slices.SortStableFunc(anchors, byTime)
	slices.SortStableFunc(removed, byTime)
	for _, a := range removed[:max(len(removed)-maxRemovedBookmarks, 0)] {
		delete(changes, a)
	}
	return &bookmarkList{Anchors: anchors, Updated: updated, Changes: changes}
}

func latest(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
