package ui

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/briefreader/brief/internal/render"
	"github.com/briefreader/brief/internal/search"
	"github.com/briefreader/brief/internal/state"
	"github.com/charmbracelet/x/ansi"
)

// Saved searches on the library screen: a line under the title names them
// with how many sections are new or changed in each since it was last
// opened ("ukraine escalation · 3 new"); tab lists them all, enter opens
// one on the search screen (which marks them seen), d deletes one. The
// counts are made off the UI goroutine, a few searches at a time, so that
// a thousand saved searches never hold up a key.

// savedPane is the saved searches of the library screen. Focused, it is
// a listOverlay drawn as a pane under the title (inline), which keeps
// every key; d asks for a second press before it deletes.
type savedPane struct {
	list    []state.SavedSearch
	counts  map[string]savedCount // by name
	focused bool
	keys    *listOverlay // the cursor and keys of the focused pane
}

// savedDelete is the saved searches' own action: d deletes, pressed twice.
const savedDelete = 0

// overlay returns the pane's list, made on first use.
func (p *savedPane) overlay() *listOverlay {
	if p.keys == nil {
		o := newListOverlay("Saved searches", "", "open the search", len(p.list), 0,
			bind("d/delete", "delete the search (press twice)", "d", "delete"))
		o.inline, o.stay, o.step, o.twice = true, true, 10, savedDelete
		o.keys.Down = bind("j/↓/ctrl+n", "next", "j", "down", "ctrl+n")
		o.keys.Up = bind("k/↑/ctrl+p", "previous", "k", "up", "ctrl+p")
		o.keys.PageDown = bind("pgdn", "10 down", "pgdown")
		o.keys.PageUp = bind("pgup", "10 up", "pgup")
		o.keys.Choose = bind("enter/l/→", "open the search", "enter", "l", "right")
		o.keys.Close = bind("esc/tab/shift+tab/q", "back to the briefings", "esc", "tab", "shift+tab", "q")
		p.keys = o
	}
	return p.keys
}

// helping reports whether the pane's keys (?) are shown: they take the
// body of the screen, not the pane.
func (p *savedPane) helping() bool { return p.focused && p.keys != nil && p.keys.help != nil }

// savedCount is what is known of a saved search's new sections.
type savedCount struct {
	n        uint64
	queryErr string // the query no longer parses: its words were counted
	err      string // no count
}

// Messages about saved searches.
type (
	savedListMsg struct {
		gen  int
		list []state.SavedSearch
		warn string
	}
	savedCountsMsg struct {
		gen    int
		from   int
		counts []search.NewCount
	}
)

// savedBatch is how many saved searches are counted at a time.
const savedBatch = 25

// refreshSaved reads the saved searches again (another window may have
// saved some) and counts what is new in each, off the UI goroutine. A count
// still running is dropped.
func (m *Model) refreshSaved() tea.Cmd {
	store := m.opts.Store
	if store == nil {
		return nil
	}
	m.savedGen++
	if m.savedCancel != nil {
		m.savedCancel()
	}
	gen := m.savedGen
	return func() tea.Msg {
		warn := store.RefreshSaved()
		return savedListMsg{gen: gen, list: store.SavedSearches(), warn: warn}
	}
}

// savedListed shows the list and starts counting.
func (m *Model) savedListed(msg savedListMsg) tea.Cmd {
	if msg.gen != m.savedGen {
		return nil
	}
	list := m.lib.listSaved(msg.list)
	if msg.warn != "" {
		m.message(msg.warn)
	}
	if m.svc == nil || len(list) == 0 {
		return nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	m.savedCancel = cancel
	return countSavedFrom(ctx, m.svc, msg.gen, list, 0)
}

// countSavedFrom counts the saved searches from index from on, one batch.
func countSavedFrom(ctx context.Context, svc SearchService, gen int, list []state.SavedSearch, from int) tea.Cmd {
	batch := list[from:min(from+savedBatch, len(list))]
	return func() tea.Msg {
		saved := make([]search.Saved, 0, len(batch))
		for _, sv := range batch {
			saved = append(saved, search.Saved{Query: sv.Query, Since: sv.Seen})
		}
		counts := svc.CountNew(ctx, saved)
		if ctx.Err() != nil {
			return nil
		}
		return savedCountsMsg{gen: gen, from: from, counts: counts}
	}
}

// savedCounted keeps a batch of counts and counts the next.
func (m *Model) savedCounted(msg savedCountsMsg) tea.Cmd {
	if msg.gen != m.savedGen {
		return nil
	}
	list := m.lib.savedCounted(msg.from, msg.counts)
	if next := msg.from + len(msg.counts); next < len(list) && m.svc != nil {
		ctx, cancel := context.WithCancel(context.Background())
		m.savedCancel = cancel
		return countSavedFrom(ctx, m.svc, msg.gen, list, next)
	}
	return nil
}

// listSaved shows the saved searches listed; it returns them.
func (l *library) listSaved(list []state.SavedSearch) []state.SavedSearch {
	p := &l.saved
	p.list = list
	if p.counts == nil {
		p.counts = map[string]savedCount{}
	}
	p.overlay().setCount(len(p.list))
	p.keys.forget()              // d again deletes what is under the cursor now
	l.setSize(l.width, l.height) // the pane's height may change
	return p.list
}

// savedCounted keeps a batch of counts, of the saved searches from index
// from on; it returns the saved searches.
func (l *library) savedCounted(from int, counts []search.NewCount) []state.SavedSearch {
	p := &l.saved
	for i, c := range counts {
		j := from + i
		if j >= len(p.list) || p.list[j].Problem != "" {
			continue
		}
		sc := savedCount{n: c.New}
		switch {
		case c.Err != nil && errors.Is(c.Err, search.ErrBusy):
			sc.err = "counted once the index is ready"
		case c.Err != nil:
			sc.err = firstLine(c.Err.Error())
		case c.QueryError != nil:
			sc.queryErr = c.QueryError.Error()
		}
		p.counts[p.list[j].Name] = sc
	}
	return p.list
}

// openedSaved forgets what was new in a saved search, now opened; it
// returns whether there was anything.
func (l *library) openedSaved(name string) (fresh bool) {
	fresh = l.saved.counts[name].n > 0
	l.saved.counts[name] = savedCount{}
	return fresh
}

// openSaved opens a saved search on the search screen; its sections are
// seen from now on, and those new since it was last opened are marked.
func (m *Model) openSaved(name string) tea.Cmd {
	store := m.opts.Store
	if store == nil || m.opts.OpenSearch == nil {
		return nil
	}
	sv, ok := store.SavedSearch(name)
	switch {
	case !ok:
		m.message("That saved search is gone; another window may have deleted it.")
		return m.refreshSaved()
	case sv.Problem != "":
		m.message("“" + cleanMessage(sv.Name) + "” cannot be opened: " + sv.Problem + "; it is kept as it is.")
		return nil
	}
	fresh := m.lib.openedSaved(sv.Name)
	store.MarkSeen(sv.Name, m.opts.Now())
	// With something new, that is what it shows first.
	return tea.Batch(m.openSearch(), m.search.openSaved(sv.Name, sv.Query, search.IndexSort(sv.Sort), sv.Seen, fresh), m.saveSoon())
}

// deleteSaved deletes a saved search.
func (m *Model) deleteSaved(name string) tea.Cmd {
	store := m.opts.Store
	if store == nil {
		return nil
	}
	if !store.DeleteSearch(name) {
		m.message("“" + cleanMessage(name) + "” is kept as it is: it was not saved by this version of brief.")
		return nil
	}
	m.message("Deleted the saved search “" + cleanMessage(name) + "”.")
	return tea.Batch(m.saveSoon(), m.refreshSaved())
}

// height is the lines the pane takes on a screen of a height.
func (p *savedPane) height(screen int) int {
	switch {
	case len(p.list) == 0:
		return 0
	case p.focused:
		return min(len(p.list), max(screen/3, 3)) + 1
	}
	return 1
}

// describe is a saved search's name and what is new in it.
func (p *savedPane) describe(sv state.SavedSearch) (text string, fresh bool) {
	name := render.Plain(sv.Name)
	if sv.Problem != "" {
		return name + " · kept as it is (" + sv.Problem + ")", false
	}
	c, ok := p.counts[sv.Name]
	switch {
	case !ok:
		return name + " · …", false
	case c.err != "":
		return name + " · " + c.err, false
	}
	text = fmt.Sprintf("%s · %d new", name, c.n)
	if c.queryErr != "" {
		text += " · the query has an error (enter to see it)"
	}
	return text, c.n > 0
}

// lines draws the pane in width cells.
func (p *savedPane) lines(l *library, width, screen int) []string {
	st := l.st
	if len(p.list) == 0 {
		return nil
	}
	if !p.focused {
		// The searches with something new first, then the others.
		order := slices.Clone(p.list)
		slices.SortStableFunc(order, func(a, b state.SavedSearch) int {
			return cmp.Compare(p.counts[b.Name].n, p.counts[a.Name].n)
		})
		var parts []string
		for _, sv := range order {
			text, fresh := p.describe(sv)
			if fresh {
				text = st.accent.Render(text)
			}
			parts = append(parts, text)
		}
		more := st.subtle.Render(fmt.Sprintf("  (tab: all %d)", len(p.list)))
		line := " " + st.subtle.Render("Saved:") + " " + strings.Join(parts, "   ")
		return []string{ansi.Truncate(line, max(width-ansi.StringWidth(more), 10), "…") + more}
	}
	o := p.overlay()
	o.setCount(len(p.list))
	o.note = fmt.Sprintf(" (%d)", len(p.list))
	o.hint = "· enter open · d delete · esc back to the briefings"
	if i, ok := o.asking(); ok && i < len(p.list) {
		o.hint = "· d again deletes “" + render.Plain(p.list[i].Name) + "” · any other key keeps it"
	}
	return o.view(st, width, p.height(screen), func(i int, selected bool) []string {
		text, fresh := p.describe(p.list[i])
		text = ansi.Truncate(text, max(width-4, 10), "…")
		switch {
		case selected:
			text = st.selected.Render("▌ " + text)
		case fresh:
			text = "  " + st.accent.Render(text)
		case p.list[i].Problem != "":
			text = "  " + st.warning.Render(text)
		default:
			text = "  " + text
		}
		return []string{text}
	})
}

// savedKey handles the keys of the saved searches: tab gives them the
// focus, and then they have every key.
func (l *library) savedKey(msg tea.KeyPressMsg) (intent, bool) {
	switch {
	case l.saved.focused:
		return l.saved.key(msg, l), true
	case !matches(msg, l.keys.Saved):
		return nil, false
	case len(l.saved.list) == 0:
		l.message = "No search is saved yet: ctrl+s on the search screen saves one."
	default:
		l.saved.focused = true
		l.setSize(l.width, l.height)
	}
	return nil, true
}

// key handles a key while the pane has the focus: the list tells what
// it did, and the pane asks the app to open or delete a search.
func (p *savedPane) key(msg tea.KeyPressMsg, l *library) intent {
	res := p.overlay().update(msg)
	switch res.outcome {
	case overlayClosed:
		p.focused = false
		l.setSize(l.width, l.height)
	case overlayChosen:
		return openSavedIntent{p.list[res.item].Name}
	case overlayAction:
		return deleteSavedIntent{p.list[res.item].Name}
	}
	return nil
}
