package ui

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

func TestFitSlide(t *testing.T) {
	block := []string{"", "  ▀█▀ █ █ █▀▀ ▀█▀ █ █ █▀▀ ▀█▀", "   █  █▀█ ██▄  █  █▀█ ██▄  █ ", "", "      Some text that is rather long for a narrow pane.", "", "", "      • item", ""}
	tests := []struct {
		name          string
		width, height int
		want          []string
	}{
		{"fits: margins go, blank runs close", 60, 10, []string{"▀█▀ █ █ █▀▀ ▀█▀ █ █ █▀▀ ▀█▀", " █  █▀█ ██▄  █  █▀█ ██▄  █", "", "Some text that is rather long for a narrow pane.", "", "• item"}},
		{"narrow: the title in words, text wrapped", 20, 10, []string{"The Title", "", "Some text that is", "rather long for a", "narrow pane.", "", "• item"}},
		{"short: the title in words, the rest counted", 60, 4, []string{"The Title", "", "Some text that is rather long for a narrow pane.", "… 2 more lines"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fitSlide(block, 2, "The Title", 52, tt.width, tt.height)
			for i := range got {
				got[i] = strings.TrimRight(ansi.Strip(got[i]), " ")
			}
			if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
	// Lines wrapped at the projector's width are joined, then wrapped at
	// the pane's.
	para := []string{"", "  The reasoning is practical. Russia has been", "  consolidating its hold.", "", "  • Escalation. Putin has warned against", "    threats to sovereignty.", "  • Next item"}
	got := fitSlide(para, 0, "", 44, 30, 20)
	for i := range got {
		got[i] = ansi.Strip(got[i])
	}
	want := []string{"The reasoning is practical.", "Russia has been consolidating", "its hold.", "", "• Escalation. Putin has warned", "against threats to", "sovereignty.", "• Next item"}
	if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", want) {
		t.Errorf("reflow:\n got %q\nwant %q", got, want)
	}
	// A table too wide for the pane: its rule is cut, its rows wrapped.
	table := []string{"", "  What    │ Detail", "  ────────┼──────────────────────────────", "  Range   │ Up to roughly 300 km away"}
	got = fitSlide(table, 0, "", 44, 24, 20)
	for i := range got {
		got[i] = ansi.Strip(got[i])
	}
	want = []string{"What    │ Detail", "────────┼───────────────", "Range   │ Up to roughly", "300 km away"}
	if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", want) {
		t.Errorf("table:\n got %q\nwant %q", got, want)
	}
	if fitSlide(nil, 0, "", 40, 40, 10) != nil {
		t.Error("an empty screen is not empty")
	}
}

// runCmd runs a command that may block (a link's wait) and returns its
// message, or fails after a deadline.
func runCmd(t testing.TB, cmd tea.Cmd) tea.Msg {
	t.Helper()
	got := make(chan tea.Msg, 1)
	go func() { got <- cmd() }()
	select {
	case msg := <-got:
		return msg
	case <-time.After(10 * time.Second):
		t.Fatal("no message within 10 s")
	}
	return nil
}

// TestConsoleDrivesAndFollows: the console shows the page as the audience
// sees it, the next one and the notes; its keys move the presentation; a
// console or a presenter that restarts picks up where things are, and
// nothing sent before a presenter started is carried out by it.
func TestConsoleDrivesAndFollows(t *testing.T) {
	status := filepath.Join(t.TempDir(), "brief", "presenting.json")
	c := newConsoleModel(ConsoleOptions{StatusPath: status})
	c.refresh()
	if v := c.render(100, 40, false); !strings.Contains(v, "Waiting for a presentation") {
		t.Fatalf("before any presentation:\n%s", v)
	}
	c.key(keyMsg("space"))
	if !strings.Contains(c.message, "No presentation is running") {
		t.Errorf("a key with nobody presenting: %q", c.message)
	}

	b := sampleBriefing(t, "ukraine")
	p, _ := newTestPresenter(t, b, 0, 100, 30, PresentOptions{StatusPath: status})
	wait := p.listen()
	c.refresh()
	v := c.render(120, 40, false)
	for _, want := range []string{"NOW  §1/6 The ATACMS Decision · page 1/2", "NEXT", "NOTES", "• Ask the class", "The reasoning is practical. Russia"} {
		if !strings.Contains(v, want) {
			t.Errorf("console lacks %q:\n%s", want, v)
		}
	}

	c.key(keyMsg("space"))
	wait = drivePresenter(t, p, wait)
	if p.page != 1 {
		t.Fatalf("the console's space did not turn the page: at %v", where(p))
	}
	c.refresh()
	if v := c.render(80, 30, false); !strings.Contains(v, "page 2/2") || !strings.Contains(v, "No notes for this page.") {
		t.Errorf("console after the turn:\n%s", v)
	}
	c.key(keyMsg("4"))
	c.key(keyMsg("enter"))
	wait = drivePresenter(t, p, wait)
	if p.section() != 3 {
		t.Errorf("4 enter: at §%d", p.section()+1)
	}
	c.key(keyMsg("b"))
	wait = drivePresenter(t, p, wait)
	c.refresh()
	if p.blank != blackScreen || !strings.Contains(c.render(100, 30, false), "screen black") {
		t.Errorf("b did not blank the screen")
	}
	c.key(keyMsg("b"))
	wait = drivePresenter(t, p, wait)
	if p.blank != notBlank {
		t.Error("b again did not bring the slide back")
	}

	// The console restarts: a new one drives as the old one did.
	c.stop()
	c = newConsoleModel(ConsoleOptions{StatusPath: status})
	c.refresh()
	c.key(keyMsg("left"))
	_ = drivePresenter(t, p, wait)
	if p.section() != 2 {
		t.Errorf("a restarted console's ← left the presenter at §%d", p.section()+1)
	}

	// The presenter restarts: the console says so, then follows the new
	// one, which carries out only what is sent after it started.
	p.end()
	p.shareForTest()
	c.refresh()
	if v := c.render(100, 30, false); !strings.Contains(v, "has ended") {
		t.Errorf("console after the presenter quit:\n%s", v)
	}
	c.key(keyMsg("space")) // nobody to send it to
	p2, _ := newTestPresenter(t, b, 0, 100, 30, PresentOptions{StatusPath: status})
	wait = p2.listen()
	defer p2.end()
	c.refresh()
	c.key(keyMsg("]"))
	_ = drivePresenter(t, p2, wait)
	if p2.section() != 1 || p2.page != 0 {
		t.Errorf("the new presenter is at %v after ], want §2", where(p2))
	}
	c.stop()
}

// drivePresenter waits for the presenter's link to deliver a console's
// commands, carries them out and returns the next wait.
func drivePresenter(t *testing.T, p *presenter, wait tea.Cmd) tea.Cmd {
	t.Helper()
	msg, ok := runCmd(t, wait).(consoleCommandsMsg)
	if !ok {
		t.Fatal("the link closed")
	}
	_, next := p.update(msg)
	p.shareForTest()
	return firstCmd(next)
}

// firstCmd returns the link's wait from a batch obey returned: its first
// command.
func firstCmd(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() tea.Msg {
		msg := cmd()
		if batch, ok := msg.(tea.BatchMsg); ok {
			return batch[0]()
		}
		return msg
	}
}
