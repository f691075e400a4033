package reliability

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/briefreader/brief/internal/hostile"
	"github.com/briefreader/brief/internal/tmuxtest"
)

// hostileNotes is a briefing whose presenter notes (shown by brief notes)
// and slides carry escape sequences.
const hostileNotes = "# Notes \x1b]0;pwned\x07 slide\n\n" +
	"<!-- note: clipboard \x1b]52;c;aGFja2Vk\x07 and &#27;]0;pwned&#7; and \x1bPq#0\x1b\\ -->\n\n" +
	"First page \x1b[2J text.\n\n<!-- pause -->\n\n<!-- note: second \u009b31m note -->\n\nSecond page.\n"

// tuiControl matches what bubbletea itself writes to draw a screen: CSI
// sequences (cursor moves, modes, erasing, styling), carriage returns and
// backspaces (cursor moves), the terminal queries it makes, and the window
// and background colours the presenter's themes set and reset (OSC 10,
// 11, 110, 111), and the window title (OSC 2), which carries a briefing's title: sanitized text with no
// BEL or ESC in it, so it cannot end the sequence early. Content never produces these, since every
// ESC and C1 from a file is removed on load; what is left after removing
// them must be plain text.
var tuiControl = regexp.MustCompile(`\x1b\[[0-?]*[ -/]*[@-~]|[\r\x08]|\x1b\][0-9]+;\?(\x07|\x1b\\)|\x1b\]2;[^\x00-\x1f\x7f]*\x07|\x1b\]1{1,2}[01](;[#0-9a-fA-F]*)?\x07|\x1b[78=>DEM]`)

// foreignTUI returns the first sequence in what a full-screen brief wrote
// that is not bubbletea's own drawing, or "".
func foreignTUI(raw string) string {
	for _, payload := range []string{"52;c;aGFja2Vk", "]0;pwned", "]8;;https://evil", "\x1bP", "\x1b_"} {
		if i := strings.Index(raw, payload); i >= 0 && strings.Contains(raw[max(i-2, 0):i+1], "\x1b") {
			return fmt.Sprintf("a file's escape sequence: %q", raw[max(i-10, 0):min(i+30, len(raw))])
		}
	}
	return hostile.ForeignEscape(tuiControl.ReplaceAllString(raw, ""))
}

// scanTUI checks the bytes a full-screen brief wrote to its terminal.
func scanTUI(t *testing.T, what, raw string) {
	t.Helper()
	if len(raw) == 0 {
		t.Errorf("%s: nothing was captured; the test checks nothing", what)
	} else if bad := foreignTUI(raw); bad != "" {
		t.Errorf("%s: a control sequence that is not bubbletea's own reached the terminal: %s", what, bad)
	}
}

// TestForeignTUI checks the scanner itself: bubbletea's drawing passes,
// anything a file could try does not.
func TestForeignTUI(t *testing.T) {
	own := "\x1b[?1049h\x1b]2;brief · Notes ]0;pwned\x07\x1b[H\x1b[38;5;228mTitle\x1b[m\r\n\x08\x1bM\x1b]11;#000000\x07\x1b]111\x07"
	if bad := foreignTUI(own); bad != "" {
		t.Errorf("bubbletea's own drawing flagged: %s", bad)
	}
	for _, attack := range []string{
		"\x1b]52;c;aGFja2Vk\x07", "\x1b]0;pwned\x07", "\x1b]8;;https://evil.example/\x1b\\x", "\x1bPq#0\x1b\\",
		"\x1b_Gf=100\x1b\\", "\u009b31m", "\a", "\x1b]2;title\x1b]52;c;x\x07", "\x1b]11;rgb:0/0/0 \x07",
	} {
		if foreignTUI(own+attack) == "" {
			t.Errorf("%q was not flagged", attack)
		}
	}
}

// TestHostileFilesInTheApp opens every hostile briefing in the running
// app on a real terminal (tmux), pages through it in the reader and the
// presenter, searches for the hostile words, and follows the presentation
// with brief notes in a second pane; every byte the two panes received is
// scanned.
func TestHostileFilesInTheApp(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	lib := hostileLibrary(t)
	must(t, os.WriteFile(filepath.Join(lib, "notes.md"), []byte(hostileNotes), 0o644))
	entries, err := os.ReadDir(lib)
	must(t, err)
	briefingCount := len(entries) - 1 // binary.md does not load

	e := newEnv(t)
	e.mustBrief(t, "-L", lib, "index") // search answers at once
	s := newSession(t, e, 100, 60)
	s.Split()
	s.Tmux("resize-pane", "-t", "main.0", "-y", "30")
	raw := filepath.Join(e.home, "raw")
	for _, pane := range []string{"main.0", "main.1"} {
		s.Tmux("pipe-pane", "-o", "-t", pane, "cat >> "+tmuxtest.ShellQuote(raw+"."+pane))
	}
	s.run("main.1", nil, "notes")
	s.WaitFor("main.1", "Waiting for a presentation")
	s.run("main.0", nil, "-L", lib, "--style", "dark")
	// Keys typed while the list is loading have nothing to act on: go on
	// once it is there.
	s.WaitFor("main.0", fmt.Sprintf("%d briefings", briefingCount), "enter read ·")

	inLibrary := func(screen string) bool { return strings.Contains(screen, "enter read ·") }
	inReader := func(screen string) bool {
		return strings.Contains(screen, "? help") && !inLibrary(screen) && !strings.Contains(screen, "§")
	}
	inPresenter := func(screen string) bool {
		return strings.Contains(screen, "§") || strings.Contains(screen, "title · ")
	}
	for i := range briefingCount {
		s.Keys("main.0", "Home")
		for range i {
			s.Keys("main.0", "Down")
		}
		s.Keys("main.0", "Enter")
		s.WaitUntil("main.0", inReader, fmt.Sprintf("the reader (briefing %d)", i))
		s.Keys("main.0", "Space", "Space")
		s.Keys("main.0", "p")
		s.WaitUntil("main.0", inPresenter, fmt.Sprintf("the presenter (briefing %d)", i))
		s.Keys("main.0", "Space", "Space", "Left")
		s.Keys("main.0", "Escape")
		s.WaitUntil("main.0", inReader, "the reader after presenting")
		s.Keys("main.0", "q")
		s.WaitUntil("main.0", inLibrary, "the library")
	}
	s.WaitFor("main.1", "has ended") // the notes pane followed along

	s.Keys("main.0", "s")
	for _, q := range []string{"pwned", "hostilename*", "clipboard", "innocent"} {
		s.Keys("main.0", "C-u")
		s.Text("main.0", q)
		s.WaitUntil("main.0", func(sc string) bool { return strings.Contains(sc, "in ") || strings.Contains(sc, "No ") }, "results for "+q)
	}
	if code := s.Quit("main.0"); code != "0" {
		t.Errorf("exit status %s:\n%s", code, s.Screen("main.0"))
	}
	for _, pane := range []string{"main.0", "main.1"} {
		data, err := os.ReadFile(raw + "." + pane)
		must(t, err)
		scanTUI(t, "pane "+pane, string(data))
	}
	count("hostile files on a terminal: the app and brief notes", !t.Failed())
}
