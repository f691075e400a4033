package ui

import (
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

func heading(r *reader) string {
	if s := r.current(); s >= 0 {
		return r.b.Sections[s].Heading
	}
	return "(lead)"
}

func TestReaderSectionJumps(t *testing.T) {
	r := openReader(t, sampleBriefing(t, "ukraine"), nil, 100, 30)
	steps := []struct {
		key  string
		want string
	}{
		{"]", "The ATACMS Decision"},
		{"]", "The North Korean Factor"},
		{"4", "The Transition of Power in the US"},
		{"[", "Shifting the Balance"},
		{"6", "Conclusion"},
		{"]", "Conclusion"},
		{"g", "(lead)"},
		{"G", "Conclusion"},
	}
	for _, s := range steps {
		press(r, s.key)
		if got := heading(r); got != s.want {
			t.Fatalf("after %q: section %q, want %q", s.key, got, s.want)
		}
	}
	press(r, "2")
	if !strings.Contains(plainView(r), "## The North Korean Factor") {
		t.Errorf("jumped section is not on screen:\n%s", plainView(r))
	}
	first := strings.Split(plainView(r), "\n")[0]
	if !strings.Contains(first, "The North Korean Factor") {
		t.Errorf("section heading is not the first line: %q", first)
	}
	press(r, "9")
	if !strings.Contains(r.message, "6 sections") {
		t.Errorf("jumping past the end: message %q", r.message)
	}
}

func TestReaderScrolling(t *testing.T) {
	r := openReader(t, sampleBriefing(t, "ukraine"), nil, 100, 30)
	press(r, "j", "j", "j")
	if r.top != 3 {
		t.Fatalf("top after jjj = %d", r.top)
	}
	press(r, "k")
	if r.top != 2 {
		t.Fatalf("top after k = %d", r.top)
	}
	press(r, "space")
	_, _, page := r.layout()
	if r.top != 2+page-2 {
		t.Errorf("page down: top %d, page %d", r.top, page)
	}
	press(r, "b", "ctrl+d")
	if r.top != 2+page/2 {
		t.Errorf("half page down: top %d", r.top)
	}
	press(r, "end")
	if r.top != r.maxTop() || !strings.Contains(plainView(r), "end") {
		t.Errorf("end: top %d of %d", r.top, r.maxTop())
	}
	drive(r, cmdOf(r.update(tea.MouseWheelMsg{Button: tea.MouseWheelUp})))
	if r.top != r.maxTop()-3 {
		t.Errorf("wheel up: top %d", r.top)
	}
	press(r, "home")
	if r.top != 0 {
		t.Errorf("home: top %d", r.top)
	}
}

func TestReaderTOC(t *testing.T) {
	r := openReader(t, sampleBriefing(t, "ukraine"), nil, 120, 30)
	if !r.tocPane() || !strings.Contains(plainView(r), "Contents") {
		t.Fatalf("contents pane not shown on a wide terminal:\n%s", plainView(r))
	}
	press(r, "]")
	// The section being read is highlighted in the pane.
	var found bool
	for _, line := range strings.Split(r.view(), "\n") {
		if strings.Contains(ansi.Strip(line), "The ATACMS Decision") && strings.Contains(line, "\x1b[1") {
			found = true
		}
	}
	if !found {
		t.Error("current section is not highlighted in the contents")
	}
	press(r, "t", "j", "j", "enter")
	if got := heading(r); got != "Shifting the Balance" || r.toc.focused {
		t.Errorf("jump through contents: %q, focused %v", got, r.toc.focused)
	}
	press(r, "t", "t")
	if r.toc.visible {
		t.Error("t t should hide the contents")
	}
}

func TestReaderTOCNarrowIsAnOverlay(t *testing.T) {
	r := openReader(t, sampleBriefing(t, "ukraine"), nil, 60, 20)
	if r.tocPane() || strings.Contains(plainView(r), "Contents") {
		t.Fatal("contents shown beside the text on a narrow terminal")
	}
	press(r, "t")
	if !strings.Contains(plainView(r), "Contents") || !strings.Contains(plainView(r), "The North Korean Factor") {
		t.Fatalf("contents overlay missing:\n%s", plainView(r))
	}
	press(r, "j", "enter")
	if got := heading(r); got != "The North Korean Factor" || strings.Contains(plainView(r), "Contents") {
		t.Errorf("after jump: %q\n%s", got, plainView(r))
	}
}

func TestReaderFind(t *testing.T) {
	r := openReader(t, sampleBriefing(t, "ukraine"), nil, 100, 30)
	press(r, "/")
	typeText(r, "KOREA")
	if !r.finding || len(r.find.matches) < 5 {
		t.Fatalf("incremental find: finding=%v matches=%d", r.finding, len(r.find.matches))
	}
	if !strings.Contains(plainView(r), "found") {
		t.Errorf("no match count while typing:\n%s", plainView(r))
	}
	press(r, "enter")
	first := r.find.current
	press(r, "n")
	if r.find.current != first+1 {
		t.Errorf("n: current %d, want %d", r.find.current, first+1)
	}
	press(r, "N", "N")
	if r.find.current != (first-1+len(r.find.matches))%len(r.find.matches) {
		t.Errorf("N N: current %d", r.find.current)
	}
	// The current match is on screen, and the counter shows it.
	m := r.find.matches[r.find.current]
	_, _, h := r.layout()
	if m.line < r.top || m.line >= r.top+h {
		t.Errorf("current match on line %d is off screen (top %d)", m.line, r.top)
	}
	status := strings.Split(plainView(r), "\n")
	if want := "/" + strconv.Itoa(len(r.find.matches)); !strings.Contains(status[len(status)-1], want) {
		t.Errorf("status %q lacks the counter", status[len(status)-1])
	}
	press(r, "esc")
	if r.find.match != nil {
		t.Error("esc did not clear the find")
	}
	press(r, "/")
	typeText(r, "zzzz")
	press(r, "enter")
	if !strings.Contains(r.message, "not in this briefing") {
		t.Errorf("no-match message = %q", r.message)
	}
}

func TestReaderBookmarksAndPositionPersist(t *testing.T) {
	dir := t.TempDir()
	b := sampleBriefing(t, "ukraine")
	store := newStore(t, dir)
	r := openReader(t, b, store, 100, 30)
	press(r, "3", "m", "5")
	if got := store.Bookmarks(b.Path); len(got) != 1 || got[0] != "shifting-the-balance" {
		t.Fatalf("bookmarks = %q", got)
	}
	press(r, "'")
	if !strings.Contains(plainView(r), "Shifting the Balance") {
		t.Fatalf("bookmark list:\n%s", plainView(r))
	}
	press(r, "enter")
	if heading(r) != "Shifting the Balance" {
		t.Errorf("bookmark jump went to %q", heading(r))
	}
	press(r, "4", "j", "j")
	want := r.position()
	msgs := press(r, "q")
	if len(msgs) != 1 {
		t.Fatalf("q sent %v", msgs)
	}
	if _, ok := msgs[0].(backIntent); !ok {
		t.Fatalf("q sent %T", msgs[0])
	}
	if err := store.Save(); err != nil {
		t.Fatal(err)
	}

	// A new session (a new store on the same folder) returns to the place.
	again := openReader(t, b, newStore(t, dir), 100, 30)
	if got := again.position(); got.section != want.section || got.fraction-want.fraction > 0.05 || want.fraction-got.fraction > 0.05 {
		t.Errorf("restored %+v, want %+v", got, want)
	}
	if heading(again) != "The Transition of Power in the US" {
		t.Errorf("restored to %q", heading(again))
	}
}

func TestReaderResizeKeepsSection(t *testing.T) {
	r := openReader(t, sampleBriefing(t, "ukraine"), nil, 120, 40)
	press(r, "5", "j", "j", "j")
	before := heading(r)
	wide := r.doc
	drive(r, r.setSize(60, 20))
	if r.doc == wide || r.doc.renderer.Width() > 60 {
		t.Fatalf("document not re-rendered for the new width (%d)", r.doc.renderer.Width())
	}
	if heading(r) != before {
		t.Errorf("section after resize %q, want %q", heading(r), before)
	}
	drive(r, r.setSize(120, 40))
	if r.doc != wide {
		t.Error("going back to the old size did not reuse the cached rendering")
	}
}

func TestReaderOldFrameStaysUntilNewOneIsReady(t *testing.T) {
	r := openReader(t, sampleBriefing(t, "ukraine"), nil, 120, 40)
	old := r.doc
	cmd := r.setSize(70, 20) // do not run the render yet
	if r.doc != old || r.next == nil {
		t.Fatal("the old document should stay until the new one is rendered")
	}
	if out := plainView(r); !strings.Contains(out, "Ukraine") {
		t.Errorf("old frame not shown while rendering:\n%s", out)
	}
	drive(r, cmd)
	if r.doc == old || r.next != nil {
		t.Error("the new document did not replace the old one once rendered")
	}
}

func TestReaderSmallWindows(t *testing.T) {
	for _, size := range [][2]int{{40, 10}, {60, 20}, {120, 40}} {
		r := openReader(t, sampleBriefing(t, "ukraine"), nil, size[0], size[1])
		press(r, "2", "/")
		typeText(r, "troops")
		for _, v := range []string{r.view()} {
			lines := strings.Split(v, "\n")
			if len(lines) != size[1] {
				t.Errorf("%dx%d: %d lines", size[0], size[1], len(lines))
			}
			for _, l := range lines {
				if w := ansi.StringWidth(l); w > size[0] {
					t.Errorf("%dx%d: line %d wide: %q", size[0], size[1], w, ansi.Strip(l))
				}
			}
		}
		press(r, "esc", "?")
		if !strings.Contains(plainView(r), "Reading keys") {
			t.Errorf("%dx%d: no help screen", size[0], size[1])
		}
	}
}

func TestReaderHelpListsEveryBinding(t *testing.T) {
	r := openReader(t, sampleBriefing(t, "ukraine"), nil, 200, 60)
	press(r, "?")
	out := plainView(r)
	for _, group := range r.keys.FullHelp() {
		for _, b := range group {
			if !strings.Contains(out, b.Help().Desc) {
				t.Errorf("help lacks %q", b.Help().Desc)
			}
		}
	}
	press(r, "x")
	if r.help != nil {
		t.Error("any key should close the help")
	}
}

func TestReaderCopyAndPresentMessages(t *testing.T) {
	r := openReader(t, sampleBriefing(t, "ukraine"), nil, 100, 30)
	press(r, "2")
	msgs := press(r, "y")
	if len(msgs) != 1 || !strings.Contains(r.message, "The North Korean Factor") {
		t.Errorf("copy: %v, message %q", msgs, r.message)
	}
	msgs = press(r, "p")
	if p, ok := msgs[0].(presentIntent); !ok || p.section != 1 {
		t.Errorf("present: %#v", msgs)
	}
	press(r, "e")
	if !strings.Contains(r.message, "built in") {
		t.Errorf("editing the sample: message %q", r.message)
	}
}

func TestReaderEmptyLead(t *testing.T) {
	b := testBriefing(t, "# Title\n\n## One\n\ntext\n\n## Two\n\nmore\n")
	r := openReader(t, b, nil, 100, 20)
	if first := strings.Split(plainView(r), "\n")[0]; !strings.Contains(first, "Title") {
		t.Errorf("first line %q: an empty lead must not leave a blank line", first)
	}
	if heading(r) != "Title" {
		t.Errorf("at the top of a briefing without lead: %q", heading(r))
	}
	press(r, "]")
	if heading(r) != "One" {
		t.Errorf("] went to %q", heading(r))
	}
}
