package state

import (
	"cmp"
	"slices"
	"time"
)

// The files' contents. Values reachable from a Store's maps (Position,
// bookmarkList, their slices) are never modified in place once stored, so a
// shallow copy of a map is a safe snapshot.

const (
	stateFile   = "state.json"   // reading positions and bookmarks
	historyFile = "history.json" // search queries

	whatState   = "reading positions and bookmarks"
	whatHistory = "search history"
	whatBoth    = "reading positions, bookmarks and search history"
)

// stateDoc is state.json.
type stateDoc struct {
	Version   int                    `json:"version"`
	Briefings map[string]briefingDoc `json:"briefings"`
}

// briefingDoc is what is remembered of one briefing, keyed by its path.
type briefingDoc struct {
	Position  *Position     `json:"position,omitempty"`
	Bookmarks *bookmarkList `json:"bookmarks,omitempty"`
}

// bookmarkList is a briefing's bookmarks. Changes records when each
// anchor was last bookmarked or removed, so that two windows that each
// add or remove bookmarks of one briefing are merged anchor by anchor
// rather than list against list. (A file from before Changes has only
// Anchors and Updated: its anchors count as added at Updated.)
type bookmarkList struct {
	Anchors []string                  `json:"anchors"`
	Updated time.Time                 `json:"updated"`
	Changes map[string]bookmarkChange `json:"changes,omitempty"`
}

// bookmarkChange is the last change to one bookmark.
type bookmarkChange struct {
	At      time.Time `json:"at"`
	Removed bool      `json:"removed,omitempty"`
}

// historyDoc is history.json.
type historyDoc struct {
	Version int          `json:"version"`
	Queries []queryEntry `json:"queries"`
}

// queryEntry is one search query and when it was last run.
type queryEntry struct {
	Query string    `json:"query"`
	At    time.Time `json:"at"`
}

func (d *stateDoc) version() int     { return d.Version }
func (d *stateDoc) setVersion(v int) { d.Version = v }

// clean makes a decoded file safe to use: no empty entries, fractions in
// range, times that can be written back, duplicate bookmarks dropped.
func (d *stateDoc) clean() {
	out := make(map[string]briefingDoc, len(d.Briefings))
	for path, b := range d.Briefings {
		if b.Position != nil {
			p := *b.Position
			p.Fraction = clampFraction(p.Fraction)
			p.Updated = cleanTime(p.Updated)
			b.Position = &p
		}
		if b.Bookmarks != nil {
			var anchors []string
			for _, a := range b.Bookmarks.Anchors {
				if !slices.Contains(anchors, a) {
					anchors = append(anchors, a)
				}
			}
			changes := make(map[string]bookmarkChange, len(b.Bookmarks.Changes))
			for a, c := range b.Bookmarks.Changes {
				changes[a] = bookmarkChange{At: cleanTime(c.At), Removed: c.Removed}
			}
			b.Bookmarks = &bookmarkList{Anchors: anchors, Updated: cleanTime(b.Bookmarks.Updated), Changes: changes}
		}
		if b.Position != nil || b.Bookmarks != nil {
			out[path] = b
		}
	}
	d.Briefings = capBriefings(out)
}

// merge folds the entries of disk into d; for each entry the newer one wins,
// and d's on a tie.
func (d *stateDoc) merge(disk *stateDoc) {
	d.Briefings = mergeBriefings(d.Briefings, disk.Briefings)
}

func (d *historyDoc) version() int     { return d.Version }
func (d *historyDoc) setVersion(v int) { d.Version = v }

func (d *historyDoc) clean() {
	var qs []queryEntry
	for _, q := range d.Queries {
		q.Query = cleanQuery(q.Query)
		q.At = cleanTime(q.At)
		if q.Query != "" {
			qs = append(qs, q)
		}
	}
	d.Queries = mergeHistory(qs, nil)
}

func (d *historyDoc) merge(disk *historyDoc) {
	d.Queries = mergeHistory(d.Queries, disk.Queries)
}

// mergeBriefings returns the union of mine and theirs; per briefing, the newer
// position wins, mine on a tie, and bookmarks are merged anchor by anchor.
func mergeBriefings(mine, theirs map[string]briefingDoc) map[string]briefingDoc {
	out := make(map[string]briefingDoc, max(len(mine), len(theirs)))
	for k, v := range theirs {
		out[k] = v
	}
	for k, m := range mine {
		t, ok := out[k]
		if !ok {
			out[k] = m
			continue
		}
		if m.Position != nil && (t.Position == nil || !t.Position.Updated.After(m.Position.Updated)) {
			t.Position = m.Position
		}
		t.Bookmarks = mergeBookmarks(m.Bookmarks, t.Bookmarks)
		out[k] = t
	}
	return capBriefings(out)
}

// capBriefings forgets the least recently used briefings beyond maxBriefings.
func capBriefings(m map[string]briefingDoc) map[string]briefingDoc {
	if len(m) <= maxBriefings {
		return m
	}
	type used struct {
		path string
		at   time.Time
	}
	all := make([]used, 0, len(m))
	for k, b := range m {
		all = append(all, used{k, b.lastUsed()})
	}
	slices.SortFunc(all, func(a, b used) int {
		if c := b.at.Compare(a.at); c != 0 {
			return c
		}
		return cmp.Compare(a.path, b.path)
	})
	for _, u := range all[maxBriefings:] {
		delete(m, u.path)
	}
	return m
}

func (b briefingDoc) lastUsed() time.Time {
	var t time.Time
	if b.Position != nil {
		t = b.Position.Updated
	}
	if b.Bookmarks != nil && b.Bookmarks.Updated.After(t) {
		t = b.Bookmarks.Updated
	}
	return t
}

// mergeHistory returns the union of mine and theirs without duplicates (the
// latest time of a query wins), newest first, at most maxHistory.
func mergeHistory(mine, theirs []queryEntry) []queryEntry {
	latest := make(map[string]time.Time, len(mine)+len(theirs))
	var order []string
	for _, q := range slices.Concat(mine, theirs) {
		at, seen := latest[q.Query]
		if !seen {
			order = append(order, q.Query)
		}
		if !seen || q.At.After(at) {
			latest[q.Query] = q.At
		}
	}
	out := make([]queryEntry, len(order))
	for i, q := range order {
		out[i] = queryEntry{Query: q, At: latest[q]}
	}
	slices.SortStableFunc(out, func(a, b queryEntry) int { return b.At.Compare(a.At) })
	if len(out) > maxHistory {
		out = out[:maxHistory]
	}
	return out
}

// cleanTime returns t in UTC, or the zero time if JSON cannot carry it.
func cleanTime(t time.Time) time.Time {
	t = t.Round(0).UTC()
	if !validTime(t) {
		return time.Time{}
	}
	return t
}
