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

// savedPane is the saved searches of the library screen.
type savedPane struct {
	list    []state.SavedSearch
	counts  map[string]savedCount // by name
	focused bool
	cursor  int
	offset  int
	confirm string // the name d was pressed on once
}

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
	p.cursor = min(p.cursor, max(len(p.list)-1, 0))
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
	return tea.Batch(m.openSearch(), m.search.openSaved(sv.Name, sv.Query, screenSort(sv.Sort), sv.Seen, fresh), m.saveSoon())
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
	rows := p.height(screen) - 1
	p.cursor = min(max(p.cursor, 0), len(p.list)-1)
	if p.cursor < p.offset {
		p.offset = p.cursor
	}
	if p.cursor >= p.offset+rows {
		p.offset = p.cursor - rows + 1
	}
	hint := "enter open · d delete · esc back to the briefings"
	if p.confirm != "" {
		hint = "d again deletes “" + render.Plain(p.confirm) + "” · any other key keeps it"
	}
	out := []string{" " + st.title.Render("Saved searches") + st.subtle.Render(fmt.Sprintf(" (%d) · ", len(p.list))+hint)}
	for i := p.offset; i < len(p.list) && len(out) <= rows; i++ {
		text, fresh := p.describe(p.list[i])
		text = ansi.Truncate(text, max(width-4, 10), "…")
		switch {
		case i == p.cursor:
			text = st.selected.Render("▌ " + text)
		case fresh:
			text = "  " + st.accent.Render(text)
		case p.list[i].Problem != "":
			text = "  " + st.warning.Render(text)
		default:
			text = "  " + text
		}
		out = append(out, text)
	}
	return out
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

// key handles a key while the pane has the focus.
func (p *savedPane) key(msg tea.KeyPressMsg, l *library) intent {
	confirm := p.confirm
	p.confirm = ""
	switch msg.String() {
	case "esc", "tab", "shift+tab", "q":
		p.focused = false
		l.setSize(l.width, l.height)
	case "down", "j", "ctrl+n":
		p.cursor = min(p.cursor+1, len(p.list)-1)
	case "up", "k", "ctrl+p":
		p.cursor = max(p.cursor-1, 0)
	case "home", "g":
		p.cursor = 0
	case "end", "G":
		p.cursor = len(p.list) - 1
	case "pgdown":
		p.cursor = min(p.cursor+10, len(p.list)-1)
	case "pgup":
		p.cursor = max(p.cursor-10, 0)
	case "enter", "l", "right":
		if p.cursor < len(p.list) {
			return openSavedIntent{p.list[p.cursor].Name}
		}
	case "d", "delete":
		if p.cursor < len(p.list) {
			name := p.list[p.cursor].Name
			if confirm == name {
				return deleteSavedIntent{name}
			} else {
				p.confirm = name
			}
		}
	}
	return nil
}
