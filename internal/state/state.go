// Package state keeps the user's state between runs of brief: the reading
// position and bookmarks of each briefing, the search history and the
// saved searches.
//
// The state lives in small JSON files in one folder (by default
// $XDG_STATE_HOME/brief). Files are replaced atomically, so a crash never
// leaves a half-written file; a file that is a symbolic link is replaced
// through it, in its target's folder. Two brief processes may share the
// folder, since every save re-reads the files and merges them entry by
// entry, the most recently updated entry winning. A missing, empty, damaged or newer-format
// file never stops the program: Open reports a one-line warning and carries
// on, and Save reports a one-line error that the caller may show once. A
// damaged file is never lost: it is kept whole under a name of its own and
// what can still be read from it is carried over.
package state

import (
	"fmt"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/briefreader/brief/internal/userdirs"
)

const (
	formatVersion = 1    // version written into every file
	maxBriefings  = 5000 // briefings remembered; the least recently used go first
	maxHistory    = 100  // search queries remembered
	maxQueryLen   = 1000 // longest query kept, in bytes
)

// Position is where the reader left a briefing.
type Position struct {
	// Anchor is the anchor of the section being read ("" for the lead).
	Anchor string `json:"anchor"`
	// Fraction is how far into that section the reader was, from 0 to 1.
	Fraction float64 `json:"fraction"`
	// Updated is when the position was recorded; the newest wins a merge.
	Updated time.Time `json:"updated"`
}

// Store holds the user's state in memory and saves it to its folder. It is
// safe for concurrent use.
type Store struct {
	dir  string
	hook func(stage string) error // tests: called at each step of a file write

	saveMu sync.Mutex // serialises Save

	mu                   sync.Mutex
	briefings            map[string]briefingDoc
	history              []queryEntry
	stateGen, stateSaved uint64 // stateGen != stateSaved: briefings changed since the last save
	histGen, histSaved   uint64
	saved                map[string]savedEntry // Save snapshots it with maps.Clone
	savedGen, savedSaved uint64
	notices              []string // of saves, for Notices
}

// DefaultDir returns the folder brief keeps its state in: $BRIEF_STATE_DIR
// when set, else $XDG_STATE_HOME/brief (~/.local/state/brief on Linux). It
// fails only when HOME is unset and the account has no home folder either.
func DefaultDir() (string, error) {
	if d := os.Getenv("BRIEF_STATE_DIR"); d != "" {
		return d, nil
	}
	base, err := userdirs.StateHome()
	if err != nil {
		return "", err
	}
	return filepath.Join(base, "brief"), nil
}

// folder is the absolute path of the state folder dir ("" means
// DefaultDir()); what names what will not be kept without one.
func folder(dir, what string) (string, error) {
	if dir == "" {
		d, err := DefaultDir()
		if err != nil {
			return "", fmt.Errorf("%s will not be kept: %w", what, err)
		}
		dir = d
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("open state folder %s: %w", dir, err)
	}
	return abs, nil
}

// Open loads the state kept in dir ("" means DefaultDir()). The folder need
// not exist; it is created by the first Save. Problems with the files (damaged,
// unreadable, written by a newer brief) do not fail Open: they come back as
// one-line warnings and the store starts without that part of the state. A
// damaged file is never lost: it is moved aside whole under a name of its
// own (state.json.corrupt-20261201-103000), and what can still be read from
// it is written back in its place.
func Open(dir string) (*Store, []string, error) {
	abs, err := folder(dir, "reading positions, bookmarks and search history")
	if err != nil {
		return nil, nil, err
	}
	s := &Store{dir: abs, briefings: map[string]briefingDoc{}, saved: map[string]savedEntry{}}
	var warnings []string
	st, warn, unsaved := loadForOpen[stateDoc](abs, stateFile, whatState)
	if warn != "" {
		warnings = append(warnings, warn)
	}
	if st != nil {
		s.briefings = st.Briefings
	}
	if unsaved {
		s.stateGen++ // what was recovered from a damaged file is saved next
	}
	h, warn, unsaved := loadForOpen[historyDoc](abs, historyFile, whatHistory)
	if warn != "" {
		warnings = append(warnings, warn)
	}
	if h != nil {
		s.history = h.Queries
	}
	if unsaved {
		s.histGen++
	}
	if warn := s.loadSaved(); warn != "" {
		warnings = append(warnings, warn)
	}
	return s, warnings, nil
}

// Dir returns the absolute path of the folder the state is saved in.
func (s *Store) Dir() string { return s.dir }

// Position returns the reading position remembered for a briefing, and
// whether there is one.
func (s *Store) Position(briefingPath string) (Position, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, ok := s.briefings[briefingPath]
	if !ok || b.Position == nil {
		return Position{}, false
	}
	return *b.Position, true
}

// SetPosition records the reading position of a briefing. Fraction is
// clamped to 0..1; a zero Updated means now. Setting the position it already
// has changes nothing (and so causes no write).
func (s *Store) SetPosition(briefingPath string, p Position) {
	p.Fraction = clampFraction(p.Fraction)
	s.mu.Lock()
	defer s.mu.Unlock()
	b := s.briefings[briefingPath]
	if old := b.Position; old != nil && old.Anchor == p.Anchor && old.Fraction == p.Fraction {
		return
	}
	if p.Updated.IsZero() || !validTime(p.Updated) {
		var prev time.Time
		if b.Position != nil {
			prev = b.Position.Updated
		}
		p.Updated = stamp(prev)
	}
	p.Updated = p.Updated.Round(0).UTC()
	b.Position = &p
	s.briefings[briefingPath] = b
	s.stateGen++
}

// Bookmarks returns the anchors bookmarked in a briefing, in the order they
// were added.
func (s *Store) Bookmarks(briefingPath string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	b := s.briefings[briefingPath]
	if b.Bookmarks == nil || len(b.Bookmarks.Anchors) == 0 {
		return nil
	}
	return slices.Clone(b.Bookmarks.Anchors)
}

// ToggleBookmark bookmarks a section of a briefing, or removes the bookmark
// if it is there already, and reports whether it was added.
func (s *Store) ToggleBookmark(briefingPath, anchor string) (added bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	b := s.briefings[briefingPath]
	var old *bookmarkList
	if b.Bookmarks != nil {
		old = b.Bookmarks
	} else {
		old = &bookmarkList{}
	}
	// The lists in the map are never modified in place: snapshots share them.
	changes := old.changesOf()
	added = !slices.Contains(old.Anchors, anchor)
	// The change is stamped after every change the list knows, so that it
	// wins a merge with them.
	prev := old.Updated
	for _, c := range changes {
		prev = latest(prev, c.At)
	}
	now := stamp(prev)
	// A removal is kept: it records the removal, so that an older list in
	// another process's file does not bring the bookmark back.
	changes[anchor] = bookmarkChange{At: now, Removed: !added}
	b.Bookmarks = listFrom(changes, now, append(slices.Clone(old.Anchors), anchor))
	s.briefings[briefingPath] = b
	s.stateGen++
	return added
}

// History returns the search queries, newest first, without duplicates, at
// most 100.
func (s *Store) History() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, len(s.history))
	for i, q := range s.history {
		out[i] = q.Query
	}
	return out
}

// AddHistory records a search query as the newest. Surrounding space and
// control characters are removed; an empty query is ignored; a query already
// in the history moves to the front.
func (s *Store) AddHistory(query string) {
	q := cleanQuery(query)
	if q == "" {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var prev time.Time
	if len(s.history) > 0 {
		prev = s.history[0].At
	}
	h := make([]queryEntry, 0, len(s.history)+1)
	h = append(h, queryEntry{Query: q, At: stamp(prev)})
	for _, e := range s.history {
		if e.Query != q {
			h = append(h, e)
		}
	}
	if len(h) > maxHistory {
		h = h[:maxHistory]
	}
	s.history = h
	s.histGen++
}

// Save writes what changed since the last save (nothing, if nothing did).
// Each file is first re-read and merged entry by entry with what is in memory,
// so that another brief process's changes survive, and is then replaced
// atomically, through its symbolic link when it is one. The error, if any,
// is one line meant for the user, such as "cannot save reading positions
// and bookmarks: no permission to write in /path"; the store stays usable
// and a later Save tries again. A *Notice means that everything was saved
// but something happened the user should know of (a damaged file kept
// aside, a symbolic link replaced).
func (s *Store) Save() error {
	s.saveMu.Lock()
	defer s.saveMu.Unlock()

	s.mu.Lock()
	stateGen, histGen, savedGen := s.stateGen, s.histGen, s.savedGen
	stateDirty, histDirty, savedDirty := stateGen != s.stateSaved, histGen != s.histSaved, savedGen != s.savedSaved
	briefings := maps.Clone(s.briefings)
	history := slices.Clone(s.history)
	saved := maps.Clone(s.saved)
	s.mu.Unlock()
	if !stateDirty && !histDirty && !savedDirty {
		return nil
	}

	var failed, notices []string
	var cause error
	fail := func(what string, err error) {
		failed = append(failed, what)
		if cause == nil {
			cause = err
		}
	}
	if err := os.MkdirAll(s.dir, 0o700); err != nil {
		if stateDirty {
			fail(whatState, err)
		}
		if histDirty {
			fail(whatHistory, err)
		}
		if savedDirty {
			fail(whatSaved, err)
		}
		return newSaveError(failed, s.dir, cause)
	}
	unlock := lockDir(s.dir)
	defer unlock()

	if stateDirty {
		merged, notice, err := saveFile(s.dir, stateFile, whatState, &stateDoc{Briefings: briefings}, s.hook)
		if notice != "" {
			notices = append(notices, notice)
		}
		if err != nil {
			fail(whatState, err)
		} else {
			s.mu.Lock()
			s.briefings = mergeBriefings(s.briefings, merged.Briefings)
			s.stateSaved = stateGen
			s.mu.Unlock()
		}
	}
	if histDirty {
		merged, notice, err := saveFile(s.dir, historyFile, whatHistory, &historyDoc{Queries: history}, s.hook)
		if notice != "" {
			notices = append(notices, notice)
		}
		if err != nil {
			fail(whatHistory, err)
		} else {
			s.mu.Lock()
			s.history = mergeHistory(s.history, merged.Queries)
			s.histSaved = histGen
			s.mu.Unlock()
		}
	}
	if savedDirty {
		notice, err := s.saveSaved(saved, savedGen)
		if notice != "" {
			notices = append(notices, notice)
		}
		if err != nil {
			fail(whatSaved, err)
		}
	}
	if len(failed) > 0 {
		return newSaveError(failed, s.dir, cause)
	}
	if len(notices) > 0 {
		s.mu.Lock()
		s.notices = append(s.notices, notices...)
		s.mu.Unlock()
		return &Notice{msg: strings.Join(notices, "; ")}
	}
	return nil
}

// Notices returns the notices of the saves so far (the *Notice errors
// Save returned) and forgets them: a program that showed them on a status
// line, which may have cut them short, can say them in full at the end.
func (s *Store) Notices() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := s.notices
	s.notices = nil
	return n
}

// stamp returns the current time, made later than prev if the clock has not
// moved on, so that a newer change always carries a newer time.
func stamp(prev time.Time) time.Time {
	now := time.Now().Round(0).UTC()
	if !now.After(prev) {
		now = prev.Add(time.Nanosecond)
	}
	return now
}

// validTime reports whether t can be written as JSON (years 1 to 9999).
func validTime(t time.Time) bool {
	return t.Year() >= 1 && t.Year() <= 9999
}

func clampFraction(f float64) float64 {
	switch {
	case math.IsNaN(f) || f < 0:
		return 0
	case f > 1:
		return 1
	}
	return f
}

// cleanQuery trims a query, drops control characters (a query is shown in
// the terminal later) and caps its length at a character boundary.
func cleanQuery(q string) string {
	q = strings.TrimSpace(strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == unicode.ReplacementChar {
			if r == '\t' || r == '\n' || r == '\r' {
				return ' '
			}
			return -1
		}
		return r
	}, strings.ToValidUTF8(q, "")))
	if len(q) > maxQueryLen {
		cut := maxQueryLen
		for cut > 0 && !isRuneStart(q[cut]) {
			cut--
		}
		q = strings.TrimSpace(q[:cut])
	}
	return q
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }
