package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Overlays: the lists shown over a screen (bookmarks and links in the
// reader, the files with problems in the library, the presenter's
// sections) are one component, listOverlay. It owns the cursor, the
// scrolling and its own keys, lists those keys on ?, and never touches
// its parent: update returns what happened (an item chosen, one of the
// overlay's own actions, closed, or nothing) and the parent decides, as
// the table of contents (toc.go) does.

// overlayKeys drive every list overlay. Choose's description is the
// overlay's own ("go there", "present"); a list to read (problems) has no
// cursor, and its keys scroll.
type overlayKeys struct {
	Down, Up, Top, Bottom, PageDown, PageUp, Choose, Close, Help key.Binding
}

func newOverlayKeys(choose string) overlayKeys {
	return overlayKeys{
		Down:     bind("j/↓", "next", "j", "down"),
		Up:       bind("k/↑", "previous", "k", "up"),
		Top:      bind("g/home", "first", "g", "home"),
		Bottom:   bind("G/end", "last", "G", "end"),
		PageDown: bind("pgdn", "a page down", "pgdown"),
		PageUp:   bind("pgup", "a page up", "pgup"),
		Choose:   bind("enter", choose, "enter"),
		Close:    bind("esc/q", "close (so does any other key)", "esc", "q"),
		Help:     bind("?", "these keys", "?"),
	}
}

// overlayOutcome is what a key did to an overlay.
type overlayOutcome int

const (
	overlayOpen   overlayOutcome = iota // still open: the cursor moved, or nothing happened
	overlayChosen                       // enter on an item
	overlayAction                       // one of the overlay's own actions, on an item
	overlayClosed                       // closed, nothing chosen
)

// overlayResult is what update returns to the overlay's parent.
type overlayResult struct {
	outcome overlayOutcome
	item    int // the item under the cursor (chosen, action)
	action  int // which of the overlay's actions (action)
}

// listOverlay is a list over a screen: a title, a line of hints, and the
// items, drawn by the parent (row), rows lines each.
type listOverlay struct {
	title   string
	hint    string // the second line: the main keys
	empty   string // shown when there is nothing to list
	keys    overlayKeys
	actions []key.Binding // the overlay's own keys (d: remove …), in its help
	count   int           // items
	rows    int           // lines per item (1 if 0)
	read    bool          // a list to read: no cursor; the keys scroll and enter closes
	cursor  int           // the item under the cursor; with read, the first shown
	offset  int           // the first item shown
	page    int           // items the last view showed, for the page keys
	help    *helpScreen   // its keys (?), while shown
}

// newListOverlay returns an overlay of count items, the cursor on at.
func newListOverlay(title, hint, choose string, count, at int, actions ...key.Binding) *listOverlay {
	o := &listOverlay{title: title, hint: hint, keys: newOverlayKeys(choose), actions: actions}
	o.setCount(count)
	o.cursor = min(max(at, 0), max(count-1, 0))
	return o
}

// setCount changes the number of items (one was removed), keeping the
// cursor on an item.
func (o *listOverlay) setCount(n int) {
	o.count = n
	o.cursor = min(max(o.cursor, 0), max(n-1, 0))
}

// update handles a key and tells the parent what it did.
func (o *listOverlay) update(msg tea.KeyPressMsg) overlayResult {
	if o.help != nil {
		if o.help.key(msg) {
			o.help = nil
		}
		return overlayResult{}
	}
	k := o.keys
	page := max(o.page, 1)
	switch {
	case key.Matches(msg, k.Help):
		o.help = o.helpScreen()
	case key.Matches(msg, k.Down):
		o.move(1)
	case key.Matches(msg, k.Up):
		o.move(-1)
	case key.Matches(msg, k.Top):
		o.move(-o.count)
	case key.Matches(msg, k.Bottom):
		o.move(o.count)
	case key.Matches(msg, k.PageDown):
		o.move(page)
	case key.Matches(msg, k.PageUp):
		o.move(-page)
	case key.Matches(msg, k.Choose) && !o.read && o.count > 0:
		return overlayResult{outcome: overlayChosen, item: o.cursor}
	default:
		for i, a := range o.actions {
			if key.Matches(msg, a) {
				if o.count == 0 {
					return overlayResult{}
				}
				return overlayResult{outcome: overlayAction, item: o.cursor, action: i}
			}
		}
		return overlayResult{outcome: overlayClosed} // esc, q, or any other key
	}
	return overlayResult{}
}

// move moves the cursor (or, in a list to read, the first line shown).
func (o *listOverlay) move(n int) {
	last := max(o.count-1, 0)
	if o.read {
		last = max(o.count-o.page, 0)
	}
	o.cursor = min(max(o.cursor+n, 0), last)
}

// helpScreen lists the overlay's keys.
func (o *listOverlay) helpScreen() *helpScreen {
	k := o.keys
	moving := []key.Binding{k.Down, k.Up, k.Top, k.Bottom, k.PageDown, k.PageUp}
	acting := []key.Binding{}
	if !o.read {
		acting = append(acting, k.Choose)
	}
	acting = append(acting, o.actions...)
	acting = append(acting, k.Close, k.Help)
	return &helpScreen{title: o.title + ": keys", groups: []helpGroup{{"Moving", moving}, {"Acting", acting}}}
}

// view draws the overlay in width × height: its header, then the items
// around the cursor, each drawn by row (selected: under the cursor).
func (o *listOverlay) view(st *styles, width, height int, row func(i int, selected bool) []string) []string {
	if o.help != nil {
		return o.help.view(width, height, st)
	}
	lines := []string{" " + st.title.Render(o.title), " " + st.subtle.Render(o.hint), ""}
	if o.count == 0 && o.empty != "" {
		lines = append(lines, " "+o.empty)
	}
	per := max(o.rows, 1)
	o.page = max((height-len(lines))/per, 1)
	if o.read {
		o.cursor = min(max(o.cursor, 0), max(o.count-o.page, 0))
		o.offset = o.cursor
	} else {
		o.offset = min(o.offset, o.cursor)
		if o.cursor >= o.offset+o.page {
			o.offset = o.cursor - o.page + 1
		}
	}
	for i := o.offset; i < o.count && i < o.offset+o.page; i++ {
		lines = append(lines, row(i, !o.read && i == o.cursor)...)
	}
	return padLines(lines, height)
}
