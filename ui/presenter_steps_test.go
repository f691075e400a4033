package ui

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/internal/state"
	"github.com/charmbracelet/x/ansi"
)

const stepsTalk = `---
title: Steps
incremental_lists: true
---
# Steps

## Reasons

Three reasons:

- first reason
- second reason
<!-- note: Say why the second matters. -->
- third reason

## Pause

Before the pause.

<!-- pause -->

After the pause.

## Plain

No steps here.
`

func parseTalk(t *testing.T, text string) *briefings.Briefing {
	t.Helper()
	b, err := briefings.Parse("talk.md", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func screenText(p *presenter) string { return ansi.Strip(p.view()) }

// TestPresenterSteps: lists appear item by item and pauses wait, forward
// one step at a time and back again; jumps land on whole pages; the footer
// counts steps within the page, not as pages.
func TestPresenterSteps(t *testing.T) {
	b := parseTalk(t, stepsTalk)
	p, _ := newTestPresenter(t, b, 1, 100, 40, PresentOptions{})
	if p.section() != 1 || p.pages() != 1 || p.steps() != 4 || p.step != 0 {
		t.Fatalf("at §%d, %d pages, %d steps, step %d", p.section()+1, p.pages(), p.steps(), p.step)
	}
	shows := func(want ...string) {
		t.Helper()
		screen := screenText(p)
		for _, w := range []string{"first reason", "second reason", "third reason"} {
			if strings.Contains(screen, w) != slices.Contains(want, w) {
				t.Errorf("step %d: %q shown %v, want %v\n%s", p.step, w, !slices.Contains(want, w), slices.Contains(want, w), screen)
			}
		}
	}
	shows()
	if !strings.Contains(screenText(p), "Three reasons:") || !strings.Contains(screenText(p), "§2/4 · 1/1 · step 1/4") {
		t.Errorf("first step:\n%s", screenText(p))
	}
	p.keysForTest("space")
	shows("first reason")
	p.keysForTest("space", "space")
	shows("first reason", "second reason", "third reason")
	p.keysForTest("left")
	shows("first reason", "second reason")
	p.keysForTest("right", "right") // on to the next section, first step only
	if p.section() != 2 || p.step != 0 || strings.Contains(screenText(p), "After the pause") {
		t.Errorf("next section: §%d step %d\n%s", p.section()+1, p.step, screenText(p))
	}
	p.keysForTest("space")
	if !strings.Contains(screenText(p), "After the pause") {
		t.Error("the pause's step did not show what follows it")
	}
	p.keysForTest("left", "left") // back to the list: whole
	if p.section() != 1 || p.step != 3 {
		t.Errorf("back: §%d step %d, want the list whole", p.section()+1, p.step)
	}
	for _, keys := range [][]string{{"g"}, {"G"}, {"2", "enter"}, {"]"}, {"["}} {
		p.keysForTest(keys...)
		if p.step != p.steps()-1 {
			t.Errorf("%v lands on step %d of %d", keys, p.step+1, p.steps())
		}
	}
}

// TestPresenterStepNotes: the shared status says the step, its notes, the
// notes still to come on the page and what the next step shows.
func TestPresenterStepNotes(t *testing.T) {
	b := parseTalk(t, stepsTalk)
	status := t.TempDir() + "/presenting.json"
	p, _ := newTestPresenter(t, b, 1, 100, 40, PresentOptions{StatusPath: status})
	s := readStatus(t, status)
	if s.Step != 1 || s.Steps != 4 || len(s.Notes) != 0 || len(s.LaterNotes) != 1 || s.Next != "• first reason" {
		t.Errorf("step 1: step %d/%d notes %q later %q next %q", s.Step, s.Steps, s.Notes, s.LaterNotes, s.Next)
	}
	p.keysForTest("space", "space")
	s = readStatus(t, status)
	if s.Step != 3 || len(s.Notes) != 0 || len(s.LaterNotes) != 1 || s.Next != "• third reason" {
		t.Errorf("step 3: notes %q later %q next %q", s.Notes, s.LaterNotes, s.Next)
	}
	if !strings.Contains(strings.Join(s.Screen, "\n"), "second reason") || strings.Contains(strings.Join(s.Screen, "\n"), "third reason") {
		t.Errorf("the shared screen is not what the audience sees:\n%s", strings.Join(s.Screen, "\n"))
	}
	// A note goes with the block after it: here the third reason.
	p.keysForTest("space")
	s = readStatus(t, status)
	if s.Step != 4 || len(s.Notes) != 1 || !strings.Contains(s.Notes[0], "second matters") || len(s.LaterNotes) != 0 {
		t.Errorf("step 4: notes %q later %q", s.Notes, s.LaterNotes)
	}
	if next := strings.Join(s.NextScreen, "\n"); !strings.Contains(next, "Before the pause.") || !strings.Contains(next, "After the pause.") {
		t.Errorf("the next screen is not the next page whole:\n%s", next)
	}
}

// TestPresenterPacing: the footer shows the pace against the plan, with
// the countdown's colours; --end counts down to a clock time.
func TestPresenterPacing(t *testing.T) {
	text := "## One\n<!-- time: 2m -->\n\nText one.\n\n## Two\n<!-- time: 3m -->\n\nText two.\n\n## Three\n<!-- time: soon -->\n\nText three.\n"
	b := parseTalk(t, text)
	p, clock := newTestPresenter(t, b, -1, 100, 30, PresentOptions{End: time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC)})
	if !strings.Contains(p.message, "§3 “Three”: time: \"soon\" is not a length") {
		t.Errorf("warning %q", p.message)
	}
	if strings.Contains(screenText(p), "on time") {
		t.Error("a pace before the talk started")
	}
	p.keysForTest("right")          // §1 "One" starts the clock at 9:00
	clock.advance(90 * time.Second) // planned: title 0 (no text), One 2:00, Two 3:00, Three the rest
	if !strings.Contains(screenText(p), "28:30 left") {
		t.Errorf("deadline countdown:\n%s", screenText(p))
	}
	if footer := screenText(p); !strings.Contains(footer, "§1 on time") {
		t.Errorf("no pace in the footer:\n%s", footer)
	}
	clock.advance(10 * time.Minute)
	if pace, urgency := p.pace(); !strings.HasPrefix(pace, "§1 +") || urgency != timerOver {
		t.Errorf("far behind: %q %v", pace, urgency)
	}
	p.keysForTest("right", "right")
	if pace, _ := p.pace(); pace != "§3 on time" {
		t.Errorf("pace in §3: %q", pace)
	}
}

func readStatus(t *testing.T, path string) state.Presenting {
	t.Helper()
	s, err := state.ReadPresenting(path)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
