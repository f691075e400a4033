package state

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// SavedSearch is a search saved with a name, to run again: the library
// screen shows how many sections are new or changed since it was last
// opened.
type SavedSearch struct {
	Name  string
	Query string
	// Sort is SortRelevance, SortNewest or SortOldest.
	Sort    string
	Created time.Time
	// Seen is when it was last opened: sections that changed since are
	// new to it.
	Seen time.Time
	// Problem, when not "", says why brief cannot use it ("it was saved
	// by a newer version of brief"). It is kept as it is.
	Problem string
}

// ErrTooManySaved is returned by SaveSearch when maxSaved searches are
// saved already.
var ErrTooManySaved = fmt.Errorf("%d searches are saved already; delete some first", maxSaved)

// SavedSearches returns the saved searches, by name (ignoring case).
func (s *Store) SavedSearches() []SavedSearch {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]SavedSearch, 0, len(s.saved))
	for name, e := range s.saved {
		if !e.Deleted {
			out = append(out, e.public(name))
		}
	}
	slices.SortFunc(out, func(a, b SavedSearch) int {
		if c := strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)); c != 0 {
			return c
		}
		return strings.Compare(a.Name, b.Name)
	})
	return out
}

// SavedSearch returns the saved search of a name: the one spelled so, else
// the only one spelled so ignoring case.
func (s *Store) SavedSearch(name string) (SavedSearch, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	key, ok := s.savedKey(name)
	if !ok {
		return SavedSearch{}, false
	}
	return s.saved[key].public(key), true
}

// savedKey finds the key of a live saved search by name.
func (s *Store) savedKey(name string) (string, bool) {
	name = cleanName(name)
	if e, ok := s.saved[name]; ok && !e.Deleted {
		return name, true
	}
	found, n := "", 0
	for k, e := range s.saved {
		if !e.Deleted && strings.EqualFold(k, name) {
			found, n = k, n+1
		}
	}
	return found, n == 1
}

func (e savedEntry) public(name string) SavedSearch {
	return SavedSearch{Name: name, Query: e.Query, Sort: e.Sort, Created: e.Created, Seen: e.Seen, Problem: e.problem}
}

// SaveSearch saves a query with a name, replacing a search of that name
// (replaced says so). Sections are new to it from now on. Control
// characters are removed from the name and the query; an empty name or
// query, a name that a newer brief saved, and more than maxSaved searches
// are refused with an error a person understands.
func (s *Store) SaveSearch(name, query, sort string) (replaced bool, err error) {
	name, query = cleanName(name), cleanQuery(query)
	switch {
	case name == "":
		return false, errors.New("a saved search needs a name")
	case query == "":
		return false, errors.New("there is no query to save")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	old, exists := s.saved[name]
	if exists && old.raw != nil {
		return false, fmt.Errorf("a search named %q is kept as it is (%s); choose another name", name, old.problem)
	}
	replaced = exists && !old.Deleted
	if !replaced && s.liveSaved() >= maxSaved {
		return false, ErrTooManySaved
	}
	now := stamp(old.Updated)
	e := savedEntry{Query: query, Sort: cleanSort(sort), Created: now, Updated: now, Seen: now}
	if replaced {
		e.Created = old.Created
	}
	s.saved[name] = e
	s.savedGen++
	return replaced, nil
}

func (s *Store) liveSaved() int {
	n := 0
	for _, e := range s.saved {
		if !e.Deleted {
			n++
		}
	}
	return n
}

// DeleteSearch deletes a saved search and reports whether there was one.
// A search kept as a newer brief saved it is not deleted.
func (s *Store) DeleteSearch(name string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	key, ok := s.savedKey(name)
	if !ok || s.saved[key].raw != nil {
		return false
	}
	old := s.saved[key]
	s.saved[key] = savedEntry{Query: old.Query, Created: old.Created, Updated: stamp(old.Updated), Seen: old.Seen, Deleted: true}
	s.savedGen++
	return true
}

// MarkSeen records that a saved search was opened at a time: the sections
// that changed before then are no longer new to it. A time before the one
// recorded changes nothing.
func (s *Store) MarkSeen(name string, at time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	key, ok := s.savedKey(name)
	if !ok || s.saved[key].raw != nil {
		return
	}
	e := s.saved[key]
	at = at.Round(0).UTC()
	if !validTime(at) || !at.After(e.Seen) {
		return
	}
	e.Seen = at
	s.saved[key] = e
	s.savedGen++
}

// RefreshSaved reads the saved searches again from their file and merges
// them with those in memory, so that a search saved or deleted in another
// window shows here. It returns a one-line warning, or "".
func (s *Store) RefreshSaved() string {
	target := locate(s.dir, savedFile).target
	doc, _, _, st, err := readDoc[savedDoc](target)
	switch {
	case err != nil:
		return unreadable(target, err)
	case st == fileCorrupt || doc == nil:
		return "" // the next save keeps it aside and says so
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.saved = mergeSaved(s.saved, doc.Searches)
	return ""
}

// loadSaved reads the saved searches for Open, and returns a warning or "".
func (s *Store) loadSaved() string {
	doc, warn, unsaved := loadForOpen[savedDoc](s.dir, savedFile, whatSaved)
	if doc != nil && doc.Searches != nil {
		s.saved = doc.Searches
	}
	if unsaved {
		s.savedGen++ // what was recovered from a damaged file is saved next
	}
	return warn
}

// saveSaved merges the saved searches with their file and writes it, for
// Save: saved is the snapshot of generation gen.
func (s *Store) saveSaved(saved map[string]savedEntry, gen uint64) (notice string, err error) {
	merged, notice, err := saveFile(s.dir, savedFile, whatSaved, &savedDoc{Searches: saved}, s.hook)
	if err != nil {
		return notice, err
	}
	s.mu.Lock()
	s.saved = mergeSaved(s.saved, merged.Searches)
	s.savedSaved = gen
	s.mu.Unlock()
	return notice, nil
}
