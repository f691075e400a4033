package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// Overlays: the lists shown over a screen (bookmarks and links in the
// reader, the files with problems in the library, the presenter's
// sections, the highlight lists and the library's saved searches) are
// one component, listOverlay. It owns the cursor, the scrolling, an
// optional filter box (overlay_filter.go) and its own keys, lists those
// keys on ?, and never touches its parent: update returns what happened
// (an item chosen, one of the overlay's own actions or the first press of
// one that asks twice, the filter changed, closed, or nothing) and the
// parent decides, as the table of contents (toc.go) does.

// overlayKeys drive every list overlay. Choose's description is the
// overlay's own ("go there", "present"); a list to read (problems) has no
// cursor, and its keys scroll.
// A list may add keys to a binding (SetKeys) before it is shown.
type overlayKeys struct {
	Down, Up, Top, Bottom, PageDown, PageUp, Choose, Close, Help key.Binding
	// The filter box's keys (lists with a filter only): / starts typing;
	// while typing, Keep leaves the box with the filter kept and Clear
	// empties it; once kept, Clear empties it before esc closes.
	Filter, Keep, Clear key.Binding
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
		Filter:   bind("/", "filter", "/"),
		Keep:     bind("enter/↓/↑", "keep the filter, back to the list", "enter", "down", "up"),
		Clear:    bind("esc", "clear the filter", "esc"),
	}
}

// overlayOutcome is what a key did to an overlay.
type overlayOutcome int

const (
	overlayOpen     overlayOutcome = iota // still open: the cursor moved, or nothing happened
	overlayChosen                         // enter on an item
	overlayAction                         // one of the overlay's own actions, on an item
	overlayConfirm                        // the first press of an action that asks twice, on an item
	overlayFiltered                       // the filter changed: the parent filters again (setCount)
	overlayClosed                         // closed, nothing chosen
)

// overlayResult is what update returns to the overlay's parent.
type overlayResult struct {
	outcome overlayOutcome
	item    int // the item under the cursor (chosen, action)
	action  int // which of the overlay's actions (action, confirm)
}

// listOverlay is a list over a screen: a title, a line of hints, the
// filter box or an empty line, and the items, drawn by the parent (row),
// rows lines each.
type listOverlay struct {
	title   string
	note    string // after the title, subtle: a count
	hint    string // the second line: the main keys
	empty   string // shown when there is nothing to list (lines split at \n)
	keys    overlayKeys
	actions []key.Binding // the overlay's own keys (d: remove …), in its help
	twice   int           // the action that asks for a second press on the same item; -1: none
	asked   int           // the item that action was pressed on once; -1: none
	count   int           // items
	rows    int           // lines per item (1 if 0)
	read    bool          // a list to read: no cursor; the keys scroll and enter closes
	stay    bool          // keys it does not know leave it open (else they close it)
	inline  bool          // title and hint on one line, no third line (a pane, not an overlay)
	step    int           // items the page keys move; 0: a page
	filter  *overlayFilter
	cursor  int         // the item under the cursor; with read, the first shown
	offset  int         // the first item shown
	page    int         // items the last view showed, for the page keys
	help    *helpScreen // its keys (?), while shown
}

// newListOverlay returns an overlay of count items, the cursor on at.
func newListOverlay(title, hint, choose string, count, at int, actions ...key.Binding) *listOverlay {
	o := &listOverlay{title: title, hint: hint, keys: newOverlayKeys(choose), actions: actions, twice: -1, asked: -1}
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
	asked := o.asked
	o.asked = -1 // any key but the second press keeps the item
	if o.help != nil {
		if o.help.key(msg) {
			o.help = nil
		}
		return overlayResult{}
	}
	if res, ok := o.filterKey(msg); ok {
		return res
	}
	k := o.keys
	page := max(o.page, 1)
	if o.step > 0 {
		page = o.step
	}
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
				if i == o.twice && asked != o.cursor {
					o.asked = o.cursor
					return overlayResult{outcome: overlayConfirm, item: o.cursor, action: i}
				}
				return overlayResult{outcome: overlayAction, item: o.cursor, action: i}
			}
		}
		if o.stay && !key.Matches(msg, k.Close) {
			return overlayResult{}
		}
		return overlayResult{outcome: overlayClosed} // esc, q, or any other key
	}
	return overlayResult{}
}

// asking returns the item an action that asks twice was pressed on once.
func (o *listOverlay) asking() (item int, ok bool) { return o.asked, o.asked >= 0 }

// forget drops a first press of an action that asks twice (the items
// were listed again).
func (o *listOverlay) forget() { o.asked = -1 }

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
	groups := []helpGroup{{"Moving", moving}, {"Acting", acting}}
	if o.filter != nil {
		groups = append(groups, helpGroup{"Filtering", []key.Binding{k.Filter, k.Keep, k.Clear}})
	}
	return &helpScreen{title: o.title + ": keys", groups: groups}
}

// view draws the overlay in width × height: its header, then the items
// around the cursor, each drawn by row (selected: under the cursor).
func (o *listOverlay) view(st *styles, width, height int, row func(i int, selected bool) []string) []string {
	if o.help != nil {
		return o.help.view(width, height, st)
	}
	lines := o.header(st, width)
	if o.count == 0 && o.empty != "" {
		for _, l := range strings.Split(o.empty, "\n") {
			lines = append(lines, " "+l)
		}
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

// header is the lines above the items: the title (with its note) and the
// hint, then the filter box (or an empty line); an inline list has them
// all on one line.
func (o *listOverlay) header(st *styles, width int) []string {
	title := " " + st.title.Render(o.title)
	if o.inline {
		return []string{ansi.Truncate(title+st.subtle.Render(o.note+" "+o.hint), width, "…")}
	}
	third := ""
	if f := o.filter; f != nil && (f.typing || f.input.Value() != "") {
		third = ansi.Truncate(" "+f.input.View(), width, "…")
	}
	return []string{ansi.Truncate(title+st.subtle.Render(o.note), width, "…"), ansi.Truncate(" "+st.subtle.Render(o.hint), width, "…"), third}
}
