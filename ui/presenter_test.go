package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/internal/state"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

// fakeClock is a clock tests move by hand.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }

func newTestPresenter(t testing.TB, b *briefings.Briefing, section, width, height int, opts PresentOptions) (*presenter, *fakeClock) {
	t.Helper()
	clock := &fakeClock{t: time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)}
	if opts.StatusPath == "" {
		opts.StatusPath = filepath.Join(t.TempDir(), "presenting.json")
	}
	p := newPresenter(b, section, opts, newStyles(true), clock.now)
	p.setSize(width, height)
	p.shareForTest()
	return p, clock
}

// shareForTest writes the status for brief console as the app's command
// would.
func (p *presenter) shareForTest() {
	if err := p.sharer.flush(); err != nil {
		panic(err)
	}
}

// keysForTest presses keys, and writes the status for brief console as
// the app's command would after each.
func (p *presenter) keysForTest(names ...string) {
	for _, n := range names {
		p.update(keyMsg(n))
		p.shareForTest()
	}
}

func where(p *presenter) [2]int { return [2]int{p.section(), p.page} }

func TestPresenterNavigation(t *testing.T) {
	b := sampleBriefing(t, "ukraine")
	p, _ := newTestPresenter(t, b, 0, 80, 24, PresentOptions{})
	if where(p) != [2]int{0, 0} || p.pages() < 2 {
		t.Fatalf("start at %v with %d pages", where(p), p.pages())
	}
	steps := []struct {
		keys []string
		want [2]int
	}{
		{[]string{"space"}, [2]int{0, 1}},
		{[]string{"left"}, [2]int{0, 0}},
		{[]string{"pgdown", "pgdown"}, [2]int{1, 0}},
		{[]string{"backspace"}, [2]int{0, 1}},
		{[]string{"]"}, [2]int{1, 0}},
		{[]string{"]", "["}, [2]int{1, 0}},
		{[]string{"4", "enter"}, [2]int{3, 0}},
		{[]string{"1", "2", "enter"}, [2]int{3, 0}}, // no section 12: stays
		{[]string{"g"}, [2]int{-1, 0}},
		{[]string{"G"}, [2]int{5, -1}},
		{[]string{"o", "k", "k", "enter"}, [2]int{3, 0}},
		{[]string{"j", "l", "n", "enter", "down", "right"}, [2]int{-2, 0}}, // six "next" keys, checked below
	}
	for _, s := range steps[:len(steps)-1] {
		p.keysForTest(s.keys...)
		want := s.want
		if want[1] == -1 {
			want[1] = p.pages() - 1
		}
		if where(p) != want {
			t.Fatalf("after %v: at %v, want %v", s.keys, where(p), want)
		}
		if s.keys[0] == "1" && !strings.Contains(p.message, "no section 12") {
			t.Errorf("jump to a missing section: message %q", p.message)
		}
	}
	// Every "next" key of a clicker moves one page.
	for _, k := range []string{"j", "l", "n", "enter", "down", "right", "space", "pgdown"} {
		p.keysForTest("o", "k", "k", "k", "enter") // back to a known place
		before := p.part*100 + p.page
		p.keysForTest(k)
		if after := p.part*100 + p.page; after == before {
			t.Errorf("%q did not move forward", k)
		}
	}
	for _, k := range []string{"h", "k", "p", "backspace", "up", "left", "pgup"} {
		p.keysForTest("G")
		before := p.part*100 + p.page
		p.keysForTest(k)
		if after := p.part*100 + p.page; after >= before {
			t.Errorf("%q did not move back", k)
		}
	}
}

func TestPresenterNothingClipped(t *testing.T) {
	b := sampleBriefing(t, "ukraine")
	for _, size := range [][2]int{{80, 24}, {200, 50}, {60, 16}} {
		p, _ := newTestPresenter(t, b, -1, size[0], size[1], PresentOptions{})
		for part := range p.deck.parts {
			dp := p.deck.part(part)
			shown := map[string]bool{}
			for page := range dp.pages {
				p.part, p.page, p.step = part, page, dp.stepCount(page)-1
				v := p.view()
				lines := strings.Split(v, "\n")
				if len(lines) != size[1] {
					t.Errorf("%v part %d page %d: %d lines", size, part, page, len(lines))
				}
				for _, l := range lines {
					if ansi.StringWidth(l) > size[0] {
						t.Errorf("%v: line too wide: %q", size, ansi.Strip(l))
					}
				}
				for _, l := range dp.pageLines(page) {
					shown[ansi.Strip(l)] = true
					if !strings.Contains(ansi.Strip(v), strings.TrimSpace(ansi.Strip(l))) {
						t.Errorf("%v part %d page %d: line %q is not on screen", size, part, page, ansi.Strip(l))
					}
				}
			}
			for _, lines := range dp.lines {
				for _, l := range lines {
					if !shown[ansi.Strip(l)] {
						t.Errorf("%v part %d: line %q is on no page", size, part, ansi.Strip(l))
					}
				}
			}
		}
	}
}

func TestPresenterResizeKeepsTheBlock(t *testing.T) {
	b := sampleBriefing(t, "ukraine")
	p, _ := newTestPresenter(t, b, 0, 80, 24, PresentOptions{})
	p.keysForTest("space")
	first := p.deck.part(p.part).pages[p.page][0]
	p.setSize(200, 50)
	if p.section() != 0 {
		t.Fatalf("resize changed the section to %d", p.section())
	}
	found := false
	for _, s := range p.deck.part(p.part).pages[p.page] {
		if s.block == first.block {
			found = true
		}
	}
	if !found {
		t.Errorf("block %d is not on the page shown after the resize", first.block)
	}
}

func TestPresenterPauseAndNotes(t *testing.T) {
	b := sampleBriefing(t, "ukraine")
	status := filepath.Join(t.TempDir(), "presenting.json")
	p, clock := newTestPresenter(t, b, 0, 200, 50, PresentOptions{StatusPath: status})
	if strings.Contains(p.view(), "note:") || strings.Contains(p.view(), "Ask the class") {
		t.Error("presenter notes must not be on the slide")
	}
	s, err := state.ReadPresenting(status)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Notes) != 1 || !strings.Contains(s.Notes[0], "Ask the class") || s.SectionTitle != "The ATACMS Decision" {
		t.Errorf("shared status = %+v", s)
	}
	// "Shifting the Balance" has a pause: on a big screen its one page
	// shows in two steps.
	p.keysForTest("3", "enter")
	if p.pages() != 1 || p.steps() != 2 || p.step != 1 {
		t.Errorf("pause: %d pages, %d steps, at step %d (a jump shows the whole page)", p.pages(), p.steps(), p.step)
	}
	// The timer started with the first move and is shared.
	clock.advance(90 * time.Second)
	p.keysForTest("space")
	s, _ = state.ReadPresenting(status)
	if got := s.ElapsedAt(clock.now()); got != 90*time.Second || !s.Running {
		t.Errorf("shared timer %v running %v", got, s.Running)
	}
	if in, _ := p.update(keyMsg("q")); in != (quitIntent{}) {
		t.Errorf("q intent = %T", in)
	}
	p.shareForTest() // the app writes it on its way out
	if s, _ = state.ReadPresenting(status); !s.Ended {
		t.Error("quitting did not tell brief notes the presentation ended")
	}
}

func TestPresenterTimer(t *testing.T) {
	b := sampleBriefing(t, "ukraine")
	p, clock := newTestPresenter(t, b, 0, 80, 24, PresentOptions{Duration: 10 * time.Minute})
	if p.timer.running {
		t.Fatal("timer runs before the first move")
	}
	p.keysForTest("space")
	clock.advance(4 * time.Minute)
	if text, state := p.timer.show(); text != "4:00 · 6:00 left" || state != timerNormal {
		t.Errorf("at 4 min: %q %v", text, state)
	}
	clock.advance(2 * time.Minute)
	if text, state := p.timer.show(); text != "6:00 · 4:00 left" || state != timerWarning {
		t.Errorf("at 6 min: %q %v", text, state)
	}
	p.keysForTest("t")
	clock.advance(time.Hour)
	if text, _ := p.timer.show(); text != "6:00 (paused) · 4:00 left" {
		t.Errorf("paused: %q", text)
	}
	p.keysForTest("t")
	clock.advance(5 * time.Minute)
	if text, state := p.timer.show(); text != "11:00 · 1:00 over" || state != timerOver {
		t.Errorf("over: %q %v", text, state)
	}
	if !strings.Contains(ansi.Strip(p.view()), "11:00 · 1:00 over") {
		t.Error("the footer does not show the timer")
	}
	p.keysForTest("T")
	if p.timer.value() != 0 || p.timer.running {
		t.Error("T did not reset the timer")
	}
}

func TestPresenterBlankThemeFooter(t *testing.T) {
	b := sampleBriefing(t, "ukraine")
	p, _ := newTestPresenter(t, b, 0, 80, 24, PresentOptions{})
	p.keysForTest("b")
	if p.blank != blackScreen || strings.TrimSpace(ansi.Strip(p.view())) != "" {
		t.Errorf("b: blank %v, screen %q", p.blank, ansi.Strip(p.view()))
	}
	p.keysForTest("x")
	if p.blank != notBlank || where(p) != [2]int{0, 0} {
		t.Error("any key should restore the screen without moving")
	}
	p.keysForTest("w")
	if p.blank != whiteScreen {
		t.Error("w: no white screen")
	}
	p.keysForTest("c")
	if p.theme != "high-contrast-dark" || p.blank != notBlank {
		t.Errorf("the key that restores must not act: theme %s", p.theme)
	}
	p.keysForTest("c")
	if p.theme != "high-contrast-light" {
		t.Errorf("c: theme %s", p.theme)
	}
	p.keysForTest("f")
	if strings.Contains(ansi.Strip(p.view()), "§1/6") {
		t.Error("f did not hide the footer")
	}
}

func TestPresenterSearch(t *testing.T) {
	b := sampleBriefing(t, "ukraine")
	p, _ := newTestPresenter(t, b, -1, 80, 24, PresentOptions{})
	p.keysForTest("/")
	for _, r := range "sphere of influence" {
		p.update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	p.keysForTest("enter")
	if p.section() != 4 || !strings.Contains(strings.Join(strings.Fields(ansi.Strip(p.view())), " "), "sphere of influence") {
		t.Errorf("search went to section %d:\n%s", p.section(), ansi.Strip(p.view()))
	}
	// The index, when given, chooses the sections.
	p, _ = newTestPresenter(t, b, -1, 80, 24, PresentOptions{Search: func(ctx context.Context, path, q string) ([]string, []string, error) {
		return []string{b.Sections[1].Anchor}, []string{"troops"}, nil
	}})
	p.keysForTest("/")
	p.update(tea.KeyPressMsg{Code: 'x', Text: "x"})
	_, cmd := p.update(keyMsg("enter"))
	if p.section() != -1 || cmd == nil {
		t.Fatalf("the search did not run off the UI goroutine: section %d", p.section())
	}
	p.update(cmd())
	if p.section() != 1 {
		t.Errorf("index-backed search went to section %d", p.section())
	}
}

func TestPresenterLiveReload(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "talk.md")
	write := func(s string) *briefings.Briefing {
		if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		b, err := briefings.ReadFile(briefings.File{Path: path, RelPath: "talk.md"}, briefings.LoadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	p, _ := newTestPresenter(t, write("# Talk\n\n## One\n\nFirst.\n\n## Two\n\nSecond.\n"), 2, 80, 24, PresentOptions{})
	p.replace(write("# Talk\n\n## New\n\nInserted.\n\n## One\n\nFirst.\n\n## Two\n\nSecond, changed.\n"))
	if p.deck.part(p.part).heading != "Two" || !strings.Contains(ansi.Strip(p.view()), "Second, changed.") {
		t.Errorf("after reload: %q\n%s", p.deck.part(p.part).heading, ansi.Strip(p.view()))
	}
}

func goldenPresenter(t *testing.T, p *presenter) {
	t.Helper()
	golden.RequireEqual(t, p.view())
}

func TestGoldenPresenterTitlePage(t *testing.T) {
	p, _ := newTestPresenter(t, sampleBriefing(t, "ukraine"), 1, 80, 24, PresentOptions{})
	goldenPresenter(t, p)
}

func TestGoldenPresenterContinuation(t *testing.T) {
	p, clock := newTestPresenter(t, sampleBriefing(t, "ukraine"), 0, 80, 24, PresentOptions{Duration: 45 * time.Minute})
	p.keysForTest("space")
	clock.advance(12*time.Minute + 34*time.Second)
	goldenPresenter(t, p)
}

func TestGoldenPresenterBlank(t *testing.T) {
	p, _ := newTestPresenter(t, sampleBriefing(t, "ukraine"), 0, 80, 24, PresentOptions{})
	p.keysForTest("b")
	goldenPresenter(t, p)
}

func TestGoldenPresenterHelp(t *testing.T) {
	p, _ := newTestPresenter(t, sampleBriefing(t, "ukraine"), 0, 80, 24, PresentOptions{})
	p.keysForTest("?")
	goldenPresenter(t, p)
}

// A section whose first paragraph does not fit under a block-letter title
// gets a one-line title instead, so that its first page is not the title
// alone; one whose paragraph fits keeps the block letters.
func TestPresenterTitleMakesRoomForTheText(t *testing.T) {
	b := sampleBriefing(t, "ukraine")
	factor := -1
	for i, s := range b.Sections {
		if s.Heading == "The North Korean Factor" {
			factor = i
		}
	}
	p, _ := newTestPresenter(t, b, factor, 60, 20, PresentOptions{})
	part := p.deck.part(factor + 1)
	if part.big {
		t.Errorf("at 60×20 the title is in block letters over %d free lines", p.height-len(part.title))
	}
	if first := part.firstLine(0); !strings.HasPrefix(first, "The timing of the decision") {
		t.Errorf("the first page starts with %q, not the section's first paragraph", first)
	}
	p, _ = newTestPresenter(t, b, factor, 200, 50, PresentOptions{})
	if !p.deck.part(factor + 1).big {
		t.Error("at 200×50 the title is no longer in block letters")
	}
}
