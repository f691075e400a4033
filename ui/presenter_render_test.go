package ui

import (
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/briefreader/brief/internal/state"
	"github.com/charmbracelet/x/ansi"
)

// runSlides runs the presenter's commands, feeding rendered parts back to
// it, until no more come or n parts have arrived; it returns how many did.
func runSlides(p *presenter, cmd tea.Cmd, n int) int {
	arrived := 0
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 && arrived < n {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case slideRenderedMsg:
			arrived++
			queue = append(queue, cmdOf(p.update(msg)))
			p.shareForTest()
		}
	}
	return arrived
}

// The app's presenter shows its first slide without rendering it on the
// key that opened it: the slide's heading shows while a command renders
// it, and once it is there the slide is the one the synchronous presenter
// draws, and `brief console` hears of it.
func TestPresenterFirstSlideRendersOffTheKeyPath(t *testing.T) {
	b := sampleBriefing(t, "ukraine")
	want, _ := newTestPresenter(t, b, 0, 80, 24, PresentOptions{})

	status := filepath.Join(t.TempDir(), "presenting.json")
	p := newPresenter(b, 0, PresentOptions{StatusPath: status}, newStyles(true), (&fakeClock{t: want.timer.now()}).now)
	cmd := p.start(80, 24)
	if cmd == nil {
		t.Fatal("start rendered the first slide itself: no command")
	}
	if p.deck.built(p.part) {
		t.Fatal("the first slide was rendered on the key path")
	}
	shown := ansi.Strip(p.view())
	if !strings.Contains(shown, b.Sections[0].Heading) || strings.Contains(shown, "§1/") {
		t.Errorf("while rendering, not the placeholder with the heading:\n%s", shown)
	}
	if _, err := state.ReadPresenting(status); err == nil {
		t.Error("the console heard of a slide not drawn yet")
	}
	if got := runSlides(p, cmd, 1); got != 1 {
		t.Fatalf("%d parts arrived", got)
	}
	if got, w := p.view(), want.view(); got != w {
		t.Errorf("the rendered first slide differs from the synchronous one:\n%s\nwant\n%s", ansi.Strip(got), ansi.Strip(w))
	}
	if s, err := state.ReadPresenting(status); err != nil || s.SectionTitle != b.Sections[0].Heading {
		t.Errorf("the console was not told of the slide: %+v %v", s, err)
	}
}

// The parts after the first render one at a time, nearest first, so that
// the next page is ready before its key; a deck made again (another size)
// drops the renders of the old one.
func TestPresenterRendersAheadNearestFirst(t *testing.T) {
	b := sampleBriefing(t, "ukraine")
	p := newPresenter(b, 2, PresentOptions{StatusPath: "-"}, newStyles(true), (&fakeClock{}).now)
	cmd := p.start(80, 24)
	runSlides(p, cmd, 3)
	for _, part := range []int{3, 2, 4} {
		if !p.deck.built(part) {
			t.Errorf("part %d not rendered after the first three", part)
		}
	}
	old := p.deck
	stale := slideRenderedMsg{deck: old, part: 0, p: old.build(0)}
	p.setSize(100, 30)
	ahead := cmdOf(p.update(stale))
	if p.deck.built(0) && p.deck.parts[0] == stale.p {
		t.Error("a part of the old deck was installed in the new one")
	}
	if n := runSlides(p, ahead, 100); n == 0 || !p.deck.built(len(b.Sections)) {
		t.Errorf("the new deck did not render on (%d parts)", n)
	}
}
