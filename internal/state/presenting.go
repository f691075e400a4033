package state

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/briefreader/brief/internal/regular"
)

// Presenting is what a presenting brief shares with `brief notes` in another
// terminal: where the presentation is, the notes for the page on screen, and
// the timer.
type Presenting struct {
	Version      int       `json:"version"`
	PID          int       `json:"pid"`
	Briefing     string    `json:"briefing"` // path
	Title        string    `json:"title"`
	Section      int       `json:"section"` // -1 for the title slide
	Sections     int       `json:"sections"`
	SectionTitle string    `json:"section_title"`
	Page         int       `json:"page"` // 1-based, within the section
	Pages        int       `json:"pages"`
	Notes        []string  `json:"notes"`
	Next         string    `json:"next"` // first line of the next page
	Running      bool      `json:"running"`
	Elapsed      float64   `json:"elapsed_seconds"` // before StartedAt
	StartedAt    time.Time `json:"started_at"`      // when the timer last started, if running
	Duration     float64   `json:"duration_seconds,omitempty"`
	Updated      time.Time `json:"updated"`
	Ended        bool      `json:"ended"`
}

// ElapsedAt returns the timer's value at a moment.
func (p Presenting) ElapsedAt(now time.Time) time.Duration {
	d := time.Duration(p.Elapsed * float64(time.Second))
	if p.Running && !p.StartedAt.IsZero() {
		d += now.Sub(p.StartedAt)
	}
	return d
}

// PresentingPath is where the presenting status lives: under
// $XDG_RUNTIME_DIR/brief when there is one (it is per login session and
// cleared at logout), else in the state folder. It is "" when there is
// neither (HOME unset and no home folder).
func PresentingPath() string {
	if dir := os.Getenv("XDG_RUNTIME_DIR"); filepath.IsAbs(dir) {
		return filepath.Join(dir, "brief", "presenting.json")
	}
	dir, err := DefaultDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "presenting.json")
}

// WritePresenting replaces the status file atomically, so the notes
// follower never reads half of it.
func WritePresenting(path string, p Presenting) error {
	if path == "" {
		return errors.New("cannot share the presentation with brief notes: HOME is not set and there is no XDG_RUNTIME_DIR")
	}
	p.Version = 1
	data, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return fmt.Errorf("encode presenting status: %w", err)
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("cannot share the presentation with brief notes: %s", describe(dir, err))
	}
	if err := writeAtomic(dir, filepath.Base(path), append(data, '\n'), nil); err != nil {
		return fmt.Errorf("cannot share the presentation with brief notes: %s", describe(path, err))
	}
	return nil
}

// ReadPresenting reads the status file.
func ReadPresenting(path string) (Presenting, error) {
	var p Presenting
	data, err := regular.ReadFile(path, maxFileSize)
	if err != nil {
		return p, err
	}
	if err := json.Unmarshal(data, &p); err != nil {
		return p, fmt.Errorf("read %s: %w", path, err)
	}
	return p, nil
}
