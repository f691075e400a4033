package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/internal/state"
	"github.com/charmbracelet/x/ansi"
)

// keyMsg builds the key press bubbletea sends for a key name as String()
// spells it: "j", "G", "enter", "space", "ctrl+d", "pgdown".
func keyMsg(name string) tea.KeyPressMsg {
	named := map[string]rune{
		"enter": tea.KeyEnter, "esc": tea.KeyEscape, "space": tea.KeySpace, "tab": tea.KeyTab,
		"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
		"pgdown": tea.KeyPgDown, "pgup": tea.KeyPgUp, "home": tea.KeyHome, "end": tea.KeyEnd,
		"backspace": tea.KeyBackspace,
	}
	if code, ok := named[name]; ok {
		k := tea.KeyPressMsg{Code: code}
		if code == tea.KeySpace {
			k.Text = " "
		}
		return k
	}
	if rest, ok := strings.CutPrefix(name, "ctrl+"); ok {
		return tea.KeyPressMsg{Code: []rune(rest)[0], Mod: tea.ModCtrl}
	}
	r := []rune(name)[0]
	return tea.KeyPressMsg{Code: r, Text: name}
}

// drive runs a command and whatever its messages lead to, synchronously:
// render steps and contents jumps go back into the reader, anything else
// (messages for the app, the clipboard) is returned.
func drive(r *reader, cmd tea.Cmd) []tea.Msg {
	var out []tea.Msg
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case renderedMsg:
			queue = append(queue, cmdOf(r.update(msg)))
		case nil:
		default:
			out = append(out, msg)
		}
	}
	return out
}

// press sends keys to the reader, one after another, and returns the
// messages and intents (requests to the app) they produced.
func press(r *reader, keys ...string) []tea.Msg {
	var out []tea.Msg
	for _, k := range keys {
		in, cmd := r.update(keyMsg(k))
		out = append(out, drive(r, cmd)...)
		if in != nil {
			out = append(out, in)
		}
	}
	return out
}

// cmdOf is the command of a screen's update, without its intent.
func cmdOf(_ intent, cmd tea.Cmd) tea.Cmd { return cmd }

// typeText sends each character of s as a key press.
func typeText(r *reader, s string) {
	for _, ch := range s {
		drive(r, cmdOf(r.update(tea.KeyPressMsg{Code: ch, Text: string(ch)})))
	}
}

func sampleBriefing(t testing.TB, query string) *briefings.Briefing {
	t.Helper()
	b, err := briefings.LoadSample().Find(query)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func newStore(t *testing.T, dir string) *state.Store {
	t.Helper()
	s, _, err := state.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// openReader opens a briefing in a reader of the given size, fully rendered.
func openReader(t *testing.T, b *briefings.Briefing, store *state.Store, width, height int) *reader {
	t.Helper()
	r := newReader(b, newStyles(true), store, "dark", 100)
	drive(r, r.setSize(width, height))
	return r
}

// plainView returns the reader's view without styling.
func plainView(r *reader) string {
	return ansi.Strip(r.view())
}
