package state

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// searches.json keeps the saved searches, by name. Each entry has a
// version of its own: an entry written by a newer brief is kept exactly as
// it was, shown as such, and written back untouched; so is an entry that
// cannot be read. A deleted search leaves a tombstone for a while, so that
// another window's older copy does not bring it back.

const (
	savedFile         = "searches.json"
	whatSaved         = "saved searches"
	savedEntryVersion = 1
	// maxSaved bounds the saved searches one can add (not those read).
	maxSaved = 10000
	// maxNameLen is the longest name kept, in bytes.
	maxNameLen = 200
	// tombstoneDays is how long a deleted search is remembered.
	tombstoneDays = 90
)

// savedDoc is searches.json.
type savedDoc struct {
	Version  int                   `json:"version"`
	Searches map[string]savedEntry `json:"searches"`
}

// savedEntry is one saved search.
type savedEntry struct {
	V       int       `json:"v"`
	Query   string    `json:"query"`
	Sort    string    `json:"sort,omitempty"`
	Created time.Time `json:"created"`
	// Updated is when the search was saved, replaced or deleted; the
	// newer wins a merge. Seen merges on its own: the later wins.
	Updated time.Time `json:"updated"`
	Seen    time.Time `json:"seen"`
	Deleted bool      `json:"deleted,omitempty"`

	// raw is an entry of a newer version, or one that cannot be read:
	// kept as it was. problem says which.
	raw     json.RawMessage
	problem string
}

// entryFields is savedEntry without its methods, for decoding.
type entryFields savedEntry

// UnmarshalJSON reads an entry, keeping it whole when it is of a newer
// version or of a shape this brief does not know.
func (e *savedEntry) UnmarshalJSON(data []byte) error {
	var head struct {
		V int `json:"v"`
	}
	keep := func(problem string) error {
		*e = savedEntry{raw: bytes.Clone(data), problem: problem}
		return nil
	}
	// data is one whole JSON value: the decoder checked its syntax.
	if json.Unmarshal(data, &head) != nil {
		return keep("it cannot be read")
	}
	if head.V > savedEntryVersion {
		return keep("it was saved by a newer version of brief")
	}
	var f entryFields
	if err := json.Unmarshal(data, &f); err != nil {
		return keep("it cannot be read")
	}
	*e = savedEntry(f)
	return nil
}

// MarshalJSON writes an entry, or what was read of one kept whole.
func (e savedEntry) MarshalJSON() ([]byte, error) {
	if e.raw != nil {
		return e.raw, nil
	}
	e.V = savedEntryVersion
	return json.Marshal(entryFields(e))
}

func (d *savedDoc) version() int     { return d.Version }
func (d *savedDoc) setVersion(v int) { d.Version = v }

// clean makes a decoded file safe to use: names and queries without
// control characters, times that can be written back, old tombstones
// dropped.
func (d *savedDoc) clean() {
	out := make(map[string]savedEntry, len(d.Searches))
	horizon := time.Now().AddDate(0, 0, -tombstoneDays)
	for name, e := range d.Searches {
		if e.raw == nil {
			name = cleanName(name)
			e.Query = cleanQuery(e.Query)
			e.Sort = cleanSort(e.Sort)
			e.Created, e.Updated, e.Seen = cleanTime(e.Created), cleanTime(e.Updated), cleanTime(e.Seen)
			if e.Deleted && e.Updated.Before(horizon) {
				continue
			}
		}
		if name == "" {
			continue
		}
		if prev, ok := out[name]; ok {
			e = mergeEntry(e, prev)
		}
		out[name] = e
	}
	d.Searches = out
}

func (d *savedDoc) merge(disk *savedDoc) {
	d.Searches = mergeSaved(d.Searches, disk.Searches)
}

// mergeSaved returns the union of mine and theirs, entry by entry.
func mergeSaved(mine, theirs map[string]savedEntry) map[string]savedEntry {
	out := make(map[string]savedEntry, max(len(mine), len(theirs)))
	for k, v := range theirs {
		out[k] = v
	}
	for k, m := range mine {
		if t, ok := out[k]; ok {
			m = mergeEntry(m, t)
		}
		out[k] = m
	}
	return out
}

// mergeEntry merges two copies of one saved search: the newer definition,
// the later time seen. An entry kept whole wins, theirs first: this brief
// cannot tell what is in it.
func mergeEntry(mine, theirs savedEntry) savedEntry {
	switch {
	case theirs.raw != nil:
		return theirs
	case mine.raw != nil:
		return mine
	}
	out := mine
	if theirs.Updated.After(mine.Updated) {
		out = theirs
	}
	if mine.Seen.After(out.Seen) {
		out.Seen = mine.Seen
	}
	if theirs.Seen.After(out.Seen) {
		out.Seen = theirs.Seen
	}
	return out
}

func (d *savedDoc) salvageMember(key string, dec *json.Decoder) bool {
	if key != "searches" {
		return skipValue(dec)
	}
	if d.Searches == nil {
		d.Searches = map[string]savedEntry{}
	}
	return salvageEach(dec, func(name string, dec *json.Decoder) error {
		var e savedEntry
		if err := dec.Decode(&e); err != nil {
			return err
		}
		d.Searches[name] = e
		return nil
	})
}

func (d *savedDoc) recovered() string {
	n := 0
	for _, e := range d.Searches {
		if !e.Deleted {
			n++
		}
	}
	switch n {
	case 0:
		return ""
	case 1:
		return "1 saved search"
	default:
		return fmt.Sprintf("%d saved searches", n)
	}
}

// cleanName trims a search's name, drops control characters and caps its
// length.
func cleanName(name string) string {
	name = cleanQuery(name)
	if len(name) > maxNameLen {
		cut := maxNameLen
		for cut > 0 && !isRuneStart(name[cut]) {
			cut--
		}
		name = strings.TrimSpace(name[:cut])
	}
	return name
}

// Orders a saved search may have.
const (
	SortRelevance = ""
	SortNewest    = "newest"
	SortOldest    = "oldest"
)

func cleanSort(s string) string {
	switch s {
	case SortNewest, SortOldest:
		return s
	}
	return SortRelevance
}
