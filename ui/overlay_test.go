package ui

import (
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// The overlay reports what a key did and leaves the deciding to its
// parent: moves stay open, enter chooses the item under the cursor, its
// own actions name themselves, and esc, q or any other key close it.
func TestListOverlayOutcomes(t *testing.T) {
	tests := []struct {
		name  string
		count int
		read  bool
		keys  []string
		want  overlayResult
		at    int // the cursor after the keys
	}{
		{"down moves", 5, false, []string{"j", "down"}, overlayResult{}, 2},
		{"down stops at the end", 3, false, []string{"j", "j", "j", "j"}, overlayResult{}, 2},
		{"up stops at the top", 3, false, []string{"k"}, overlayResult{}, 0},
		{"G and g", 9, false, []string{"G"}, overlayResult{}, 8},
		{"g goes to the first", 9, false, []string{"G", "g"}, overlayResult{}, 0},
		{"enter chooses", 5, false, []string{"j", "j", "enter"}, overlayResult{outcome: overlayChosen, item: 2}, 2},
		{"enter on nothing closes", 0, false, []string{"enter"}, overlayResult{outcome: overlayClosed}, 0},
		{"the own action", 5, false, []string{"j", "d"}, overlayResult{outcome: overlayAction, item: 1, action: 0}, 1},
		{"the second key of the action", 5, false, []string{"m"}, overlayResult{outcome: overlayAction}, 0},
		{"the action on nothing does nothing", 0, false, []string{"d"}, overlayResult{}, 0},
		{"esc closes", 5, false, []string{"esc"}, overlayResult{outcome: overlayClosed}, 0},
		{"q closes", 5, false, []string{"q"}, overlayResult{outcome: overlayClosed}, 0},
		{"another key closes", 5, false, []string{"x"}, overlayResult{outcome: overlayClosed}, 0},
		{"? shows the keys, not closes", 5, false, []string{"?"}, overlayResult{}, 0},
		{"esc closes the keys first", 5, false, []string{"?", "esc"}, overlayResult{}, 0},
		{"a list to read: enter closes", 5, true, []string{"enter"}, overlayResult{outcome: overlayClosed}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := newListOverlay("Things", "enter: go · esc: close", "go there", tt.count, 0, bind("d/m", "remove", "d", "m"))
			o.read = tt.read
			o.page = 2
			var got overlayResult
			for _, k := range tt.keys {
				got = o.update(keyMsg(k))
			}
			if got != tt.want || o.cursor != tt.at {
				t.Errorf("after %v: %+v cursor %d, want %+v cursor %d", tt.keys, got, o.cursor, tt.want, tt.at)
			}
		})
	}
}

// ? in an overlay lists its keys, its own actions among them, and the
// next key goes back to the list, not past it.
func TestListOverlayHelpListsItsKeys(t *testing.T) {
	o := newListOverlay("Bookmarks", "enter: go there", "go there", 3, 0, bind("d/m", "remove the bookmark", "d", "m"))
	row := func(i int, selected bool) []string { return []string{strings.Repeat("x", i+1)} }
	o.update(keyMsg("?"))
	out := ansi.Strip(strings.Join(o.view(newStyles(true), 100, 30, row), "\n"))
	for _, want := range []string{"Bookmarks: keys", "go there", "remove the bookmark", "esc/q", "first", "a page down"} {
		if !strings.Contains(out, want) {
			t.Errorf("the keys lack %q:\n%s", want, out)
		}
	}
	if res := o.update(keyMsg("esc")); res.outcome != overlayOpen {
		t.Errorf("esc on the keys: %+v, want the list back", res)
	}
	out = ansi.Strip(strings.Join(o.view(newStyles(true), 100, 30, row), "\n"))
	if strings.Contains(out, "remove the bookmark") || !strings.Contains(out, "xxx") {
		t.Errorf("after esc, not the list:\n%s", out)
	}
}

// The cursor stays on screen in a list longer than the screen.
func TestListOverlayKeepsTheCursorInView(t *testing.T) {
	o := newListOverlay("Many", "", "go", 100, 0)
	row := func(i int, selected bool) []string {
		if selected {
			return []string{"> #" + strconv.Itoa(i)}
		}
		return []string{"  " + strconv.Itoa(i)}
	}
	st := newStyles(true)
	o.view(st, 40, 10, row)
	for range 30 {
		o.update(keyMsg("j"))
	}
	out := strings.Join(o.view(st, 40, 10, row), "\n")
	if !strings.Contains(out, "> #30") {
		t.Errorf("the cursor (30) is off screen:\n%s", out)
	}
	o.update(keyMsg("pgup"))
	if o.cursor != 30-7 {
		t.Errorf("pgup from 30 with 7 rows: cursor %d", o.cursor)
	}
}

// Help is one component: on every screen the scroll keys scroll and any
// other key closes it.
func TestHelpBehavesTheSameEverywhere(t *testing.T) {
	h := &helpScreen{title: "Keys", groups: []helpGroup{{"Moving", newReaderKeys().FullHelp()[0]}}}
	h.view(80, 5, newStyles(true))
	if h.key(keyMsg("j")) || h.offset != 1 {
		t.Errorf("j: offset %d", h.offset)
	}
	if h.key(keyMsg("k")) || h.offset != 0 {
		t.Errorf("k: offset %d", h.offset)
	}
	for _, k := range []string{"?", "esc", "q", "x"} {
		if !h.key(keyMsg(k)) {
			t.Errorf("%q does not close the help", k)
		}
	}
}

// In the reader, the bookmarks and links overlays list their keys on ?,
// esc closes them, and enter acts through the reader.
func TestReaderOverlaysListTheirKeys(t *testing.T) {
	store := newStore(t, t.TempDir())
	r := openReader(t, sampleBriefing(t, "ukraine"), store, 100, 30)
	press(r, "3", "m", "g", "'")
	if r.marks == nil {
		t.Fatal("' did not open the bookmarks")
	}
	press(r, "?")
	if out := plainView(r); !strings.Contains(out, "remove the bookmark") || r.marks == nil {
		t.Errorf("? in the bookmarks:\n%s", out)
	}
	press(r, "esc")
	if out := plainView(r); !strings.Contains(out, "Bookmarks in this briefing") {
		t.Errorf("esc on the keys did not go back to the bookmarks:\n%s", out)
	}
	press(r, "enter")
	if r.marks != nil || heading(r) != r.b.Sections[2].Heading {
		t.Errorf("enter: overlay %v, at %q", r.marks != nil, heading(r))
	}
	press(r, "o", "?")
	if out := plainView(r); !strings.Contains(out, "Links in this section: keys") {
		t.Errorf("? in the links:\n%s", out)
	}
	press(r, "esc", "esc")
	if r.links != nil {
		t.Error("esc did not close the links")
	}
}
