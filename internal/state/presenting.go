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

// presentingVersion is the version of the presenting status a brief
// writes; a console reads older ones too.
const presentingVersion = 2

// Presenting is what a presenting brief shares with `brief console` in
// another terminal: where the presentation is, the page as the audience
// sees it and the next one, the notes, the timer and the time plan.
type Presenting struct {
	Version      int    `json:"version"`
	PID          int    `json:"pid"`
	Briefing     string `json:"briefing"` // path
	Title        string `json:"title"`
	Section      int    `json:"section"` // -1 for the title slide
	Sections     int    `json:"sections"`
	SectionTitle string `json:"section_title"`
	Page         int    `json:"page"` // 1-based, within the section
	Pages        int    `json:"pages"`
	Step         int    `json:"step,omitempty"` // 1-based, within the page
	Steps        int    `json:"steps,omitempty"`
	// Notes are the notes of what the page shows at this step; LaterNotes
	// those of its steps still to come.
	Notes      []string `json:"notes"`
	LaterNotes []string `json:"later_notes,omitempty"`
	// Next is the first line of what comes next: the next step, page or
	// section.
	Next string `json:"next"`
	// Screen is the page as the audience sees it, title and text, and
	// NextScreen the first screen of the next page, styled with SGR
	// sequences only; Width and Height are the projector's size.
	Screen     []string `json:"screen,omitempty"`
	NextScreen []string `json:"next_screen,omitempty"`
	// TitleRows and NextTitleRows count the title's rows, after a blank
	// line, at the top of each screen.
	TitleRows     int    `json:"title_rows,omitempty"`
	NextTitleRows int    `json:"next_title_rows,omitempty"`
	NextTitle     string `json:"next_title,omitempty"` // the heading of the next page
	Width         int    `json:"width,omitempty"`
	Height        int    `json:"height,omitempty"`
	// Blank is "black" or "white" while the screen is blanked.
	Blank     string    `json:"blank,omitempty"`
	Running   bool      `json:"running"`
	Elapsed   float64   `json:"elapsed_seconds"` // before StartedAt
	StartedAt time.Time `json:"started_at"`      // when the timer last started, if running
	Duration  float64   `json:"duration_seconds,omitempty"`
	// Deadline is when the talk ends by the clock (brief present --end).
	Deadline time.Time `json:"deadline,omitzero"`
	// Plan is the time plan, one entry per part: the title slide, then
	// each section. Warnings are what the plan could not use.
	Plan     []PlanPart `json:"plan,omitempty"`
	Warnings []string   `json:"warnings,omitempty"`
	Updated  time.Time  `json:"updated"`
	Ended    bool       `json:"ended"`
}

// PlanPart is one part of a presentation's time plan.
type PlanPart struct {
	Title string `json:"title"`
	// Seconds is the planned length; Explicit says a <!-- time: -->
	// comment set it.
	Seconds  float64 `json:"seconds"`
	Explicit bool    `json:"explicit,omitempty"`
	// Arrived is the timer's value when the part was first shown, -1
	// before.
	Arrived float64 `json:"arrived"`
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

// WritePresenting replaces the status file atomically, so the console
// never reads half of it. It is not synced to disk: it says where a
// running presentation is, which a crash makes moot.
func WritePresenting(path string, p Presenting) error {
	if path == "" {
		return errors.New("cannot share the presentation with brief console: HOME is not set and there is no XDG_RUNTIME_DIR")
	}
	p.Version = presentingVersion
	data, err := json.Marshal(p)
	if err != nil {
		return fmt.Errorf("encode presenting status: %w", err)
	}
	if err := replaceFile(path, append(data, '\n')); err != nil {
		return fmt.Errorf("cannot share the presentation with brief console: %w", err)
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

// replaceFile writes data to path through a temporary file and a rename,
// in a private folder it makes if needed, without syncing: for the small
// files two brief processes exchange while a presentation runs.
func replaceFile(path string, data []byte) error {
	dir, name := filepath.Dir(path), filepath.Base(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return errors.New(describe(dir, err))
	}
	f, err := os.CreateTemp(dir, tempPrefix(name)+"*"+tempSuffix)
	if err != nil {
		return errors.New(describe(dir, err))
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		_ = os.Remove(f.Name())
		return errors.New(describe(path, err))
	}
	return nil
}
