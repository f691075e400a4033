package state

import (
	"cmp"
	"crypto/rand"
	"encoding/hex"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/briefreader/brief/internal/anchor"
)

// Highlights are kept in a file of their own, highlights.json, beside
// state.json: a journalist's thousands of highlights never slow down
// saving a reading position. The file is written, merged across windows
// and repaired as the other state files are.

// Lost says why a highlight is not shown in its briefing.
type Lost string

const (
	// Found: the highlight was found in the current text.
	Found Lost = ""
	// LostText: the quote is no longer in the briefing's text.
	LostText Lost = "text"
	// LostFile: the briefing's file is gone or cannot be read as text.
	LostFile Lost = "file"
)

// Highlight is a passage of a briefing marked by the user, with an
// optional note. It has two parts, merged separately across windows: what
// the user decided (the note, the deletion: the newer Updated wins) and
// where the passage is in the current text (the newer Anchored wins).
type Highlight struct {
	// ID names the highlight; Add makes it.
	ID string `json:"id"`
	// Briefing is the briefing's path.
	Briefing string `json:"briefing"`
	// Created is when the highlight was made.
	Created time.Time `json:"created"`

	// Note is the user's note, "" for none.
	Note string `json:"note,omitempty"`
	// Deleted marks a removed highlight, kept so that another window's
	// older copy does not bring it back.
	Deleted bool `json:"deleted,omitempty"`
	// Updated is when the note or the deletion last changed.
	Updated time.Time `json:"updated"`

	// Section is the anchor of the section holding the passage ("" for
	// the lead).
	Section string `json:"section"`
	// Quote is the passage in the section's plain text
	// (briefings.PlainText of its body): its words, context and offsets.
	Quote anchor.Selector `json:"quote"`
	// Lost says whether the passage was found at the last anchoring.
	Lost Lost `json:"lost,omitempty"`
	// Fingerprint identifies the briefing text it was last anchored in:
	// while the text is the same, nothing needs anchoring again.
	Fingerprint string `json:"fingerprint,omitempty"`
	// Title and Heading are the briefing's title and the section's
	// heading at the last anchoring, for lists that do not read the file.
	Title   string `json:"title,omitempty"`
	Heading string `json:"heading,omitempty"`
	// Anchored is when the passage was last placed (made or found again).
	Anchored time.Time `json:"anchored"`
}

const (
	highlightsFile = "highlights.json"
	whatHighlights = "highlights and notes"
	// maxHighlights bounds the highlights kept (deleted ones included);
	// past it, the oldest deleted ones go first, then the oldest.
	maxHighlights = 200_000
	// maxNoteLen is the longest note kept, in bytes.
	maxNoteLen = 1 << 20
	// tombstoneAge is how long a deleted highlight is remembered.
	tombstoneAge = 180 * 24 * time.Hour
)

// HighlightStore holds the user's highlights in memory and saves them to
// highlights.json in the state folder. It is safe for concurrent use.
type HighlightStore struct {
	dir  string
	hook func(stage string) error

	saveMu sync.Mutex

	mu         sync.Mutex
	byID       map[string]Highlight
	byBriefing map[string][]string // live highlights' IDs; nil when to be rebuilt
	gen, saved uint64
	seen       os.FileInfo // the file as last read or written, for Reload
}

// OpenHighlights loads the highlights kept in dir ("" means DefaultDir()).
// As with Open, problems with the file come back as one-line warnings: a
// damaged file is kept aside whole and what can be read from it carried
// over; a file written by a newer brief is read as far as understood and
// never overwritten.
func OpenHighlights(dir string) (*HighlightStore, []string, error) {
	abs, err := folder(dir, "highlights")
	if err != nil {
		return nil, nil, err
	}
	s := &HighlightStore{dir: abs, byID: map[string]Highlight{}}
	doc, warn, unsaved := loadForOpen[highlightsDoc](abs, highlightsFile, whatHighlights)
	var warnings []string
	if warn != "" {
		warnings = append(warnings, warn)
	}
	if doc != nil {
		s.byID = doc.Highlights
	}
	if unsaved {
		s.gen++
	}
	s.seen = s.stat()
	return s, warnings, nil
}

// stat returns the file's information, nil when it cannot be had.
func (s *HighlightStore) stat() os.FileInfo {
	info, err := os.Stat(filepath.Join(s.dir, highlightsFile))
	if err != nil {
		return nil
	}
	return info
}

// unchanged reports whether the file is as it was last read or written.
func (s *HighlightStore) unchanged(now os.FileInfo) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	was := s.seen
	return was != nil && now != nil && os.SameFile(was, now) && was.Size() == now.Size() && was.ModTime().Equal(now.ModTime())
}

// Dir returns the folder the highlights are saved in.
func (s *HighlightStore) Dir() string { return s.dir }

// Get returns a highlight by ID, deleted or not.
func (s *HighlightStore) Get(id string) (Highlight, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	h, ok := s.byID[id]
	return h, ok
}

// ForBriefing returns the highlights of a briefing, deleted ones left
// out, in the order of the text: by section as given, then by offset.
func (s *HighlightStore) ForBriefing(path string) []Highlight {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.indexLocked()
	ids := s.byBriefing[path]
	out := make([]Highlight, 0, len(ids))
	for _, id := range ids {
		out = append(out, s.byID[id])
	}
	slices.SortFunc(out, func(a, b Highlight) int {
		return cmp.Or(cmp.Compare(a.Quote.Start, b.Quote.Start), a.Created.Compare(b.Created), cmp.Compare(a.ID, b.ID))
	})
	return out
}

// All returns every highlight not deleted, newest first.
func (s *HighlightStore) All() []Highlight {
	s.mu.Lock()
	out := make([]Highlight, 0, len(s.byID))
	for _, h := range s.byID {
		if !h.Deleted {
			out = append(out, h)
		}
	}
	s.mu.Unlock()
	slices.SortFunc(out, newestFirst)
	return out
}

// Len returns how many highlights there are, deleted ones left out.
func (s *HighlightStore) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.indexLocked()
	n := 0
	for _, ids := range s.byBriefing {
		n += len(ids)
	}
	return n
}

func newestFirst(a, b Highlight) int {
	return cmp.Or(b.Created.Compare(a.Created), cmp.Compare(a.ID, b.ID))
}

// indexLocked rebuilds the index by briefing if it is out of date.
func (s *HighlightStore) indexLocked() {
	if s.byBriefing != nil {
		return
	}
	s.byBriefing = make(map[string][]string)
	for id, h := range s.byID {
		if !h.Deleted {
			s.byBriefing[h.Briefing] = append(s.byBriefing[h.Briefing], id)
		}
	}
}

// Add records a new highlight and returns it with its ID and times set.
// The note is cleaned of control characters.
func (s *HighlightStore) Add(h Highlight) Highlight {
	h.ID = newID()
	h.Note = cleanNote(h.Note)
	h.Deleted = false
	s.mu.Lock()
	defer s.mu.Unlock()
	now := stamp(time.Time{})
	h.Created, h.Updated, h.Anchored = now, now, now
	s.byID[h.ID] = h
	s.byBriefing = nil
	s.gen++
	return h
}

// SetNote replaces a highlight's note ("" removes it) and reports whether
// the highlight exists.
func (s *HighlightStore) SetNote(id, note string) bool {
	note = cleanNote(note)
	s.mu.Lock()
	defer s.mu.Unlock()
	h, ok := s.byID[id]
	if !ok || h.Deleted {
		return false
	}
	if h.Note == note {
		return true
	}
	h.Note, h.Updated = note, stamp(h.Updated)
	s.byID[id] = h
	s.gen++
	return true
}

// Delete removes a highlight and reports whether it was there.
func (s *HighlightStore) Delete(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	h, ok := s.byID[id]
	if !ok || h.Deleted {
		return false
	}
	h.Deleted, h.Updated = true, stamp(h.Updated)
	s.byID[id] = h
	s.byBriefing = nil
	s.gen++
	return true
}

// Reanchored records where highlights were found again (their Section,
// Quote, Lost, Fingerprint, Title and Heading), leaving what the user
// decided as it is. Highlights that are unchanged cost nothing.
func (s *HighlightStore) Reanchored(found []Highlight) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, f := range found {
		h, ok := s.byID[f.ID]
		if !ok || sameAnchoring(h, f) {
			continue
		}
		h.Section, h.Quote, h.Lost, h.Fingerprint = f.Section, f.Quote, f.Lost, f.Fingerprint
		h.Title, h.Heading = f.Title, f.Heading
		h.Anchored = stamp(h.Anchored)
		s.byID[f.ID] = h
		s.gen++
	}
}

func sameAnchoring(a, b Highlight) bool {
	return a.Section == b.Section && a.Quote == b.Quote && a.Lost == b.Lost &&
		a.Fingerprint == b.Fingerprint && a.Title == b.Title && a.Heading == b.Heading
}

// Save writes the highlights if they changed since the last save, merged
// with what other windows saved meanwhile (highlight by highlight), in one
// atomic replace. Errors and notices are as Store.Save's.
func (s *HighlightStore) Save() error {
	s.saveMu.Lock()
	defer s.saveMu.Unlock()
	s.mu.Lock()
	gen := s.gen
	dirty := gen != s.saved
	mine := maps.Clone(s.byID)
	s.mu.Unlock()
	if !dirty {
		return nil
	}
	if err := os.MkdirAll(s.dir, 0o700); err != nil {
		return newSaveError([]string{whatHighlights}, s.dir, err)
	}
	unlock := lockDir(s.dir)
	defer unlock()
	merged, notice, err := saveFile(s.dir, highlightsFile, whatHighlights, &highlightsDoc{Highlights: mine}, s.hook)
	if err != nil {
		return newSaveError([]string{whatHighlights}, s.dir, err)
	}
	info := s.stat()
	s.mu.Lock()
	s.byID = mergeHighlights(s.byID, merged.Highlights)
	s.byBriefing = nil
	s.saved = gen
	s.seen = info
	s.mu.Unlock()
	if notice != "" {
		return &Notice{msg: notice}
	}
	return nil
}

// Reload merges what other windows saved into memory, without writing,
// and reports whether the file had changed since it was last read or
// written here (if not, it is not read again): a list of the whole
// library shows their new highlights too.
func (s *HighlightStore) Reload() bool {
	now := s.stat()
	if now == nil || s.unchanged(now) {
		return false
	}
	doc, _, _, st, err := readDoc[highlightsDoc](filepath.Join(s.dir, highlightsFile))
	if err != nil || doc == nil || st == fileCorrupt {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.byID = mergeHighlights(s.byID, doc.Highlights)
	s.byBriefing = nil
	s.seen = now
	return true
}

func newID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// cleanNote drops control characters other than newline and tab from a
// note (a note is shown in the terminal), replaces invalid UTF-8 and caps
// its length at a character boundary.
func cleanNote(note string) string {
	note = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return r
		}
		if r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f {
			return -1
		}
		return r
	}, strings.ToValidUTF8(note, "\uFFFD"))
	note = strings.TrimSpace(note)
	if len(note) > maxNoteLen {
		cut := maxNoteLen
		for cut > 0 && !isRuneStart(note[cut]) {
			cut--
		}
		note = note[:cut]
	}
	return note
}
