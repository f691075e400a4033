package ui

import (
	"fmt"
	"io"
	"strings"
	"time"

	"charm.land/bubbles/v2/list"
	"charm.land/bubbles/v2/paginator"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/internal/catalog"
	"github.com/charmbracelet/x/ansi"
)

// libraryItem is one briefing in the library list.
type libraryItem struct {
	e      briefings.Entry
	filter string
}

// FilterValue is what / matches: title, tags and path.
func (i libraryItem) FilterValue() string { return i.filter }

func newLibraryItem(e briefings.Entry) libraryItem {
	return libraryItem{e: e, filter: e.Title + " " + strings.Join(e.Tags, " ") + " " + e.RelPath}
}

// library is the first screen: the briefings, newest first.
type library struct {
	keys       libraryKeys
	st         *styles
	list       list.Model
	spinner    spinner.Model
	loading    bool
	refreshing bool // showing the cached list while the files are checked
	done       int
	total      int
	problems   []briefings.Problem
	showing    *problemList
	quotes     *highlightList // the library's highlights (H)
	help       *helpScreen
	message    string
	order      briefings.SortKey
	moved      bool // the user moved the cursor: a new listing keeps it on the same briefing
	// itemsVersion counts changes to the list's items, so that filter
	// results computed for an older set are dropped (libraryfilter.go).
	itemsVersion int
	saved        savedPane // saved searches (saved.go)
	width        int
	height       int
}

func newLibrary(st *styles) *library {
	l := &library{keys: newLibraryKeys(), st: st, loading: true}
	l.list = list.New(nil, itemDelegate{st: st}, 0, 0)
	l.list.Title = "brief"
	l.list.SetShowHelp(false)
	l.list.SetShowTitle(false)
	l.list.SetShowStatusBar(false)
	l.list.DisableQuitKeybindings()
	l.list.Filter = filterItems
	l.list.Paginator.Type = paginator.Arabic
	l.list.Styles.StatusBar = st.subtle.PaddingLeft(2)
	l.list.Styles.NoItems = st.subtle.PaddingLeft(2)
	l.list.FilterInput.Prompt = "/ "
	l.spinner = spinner.New(spinner.WithSpinner(spinner.Dot), spinner.WithStyle(st.accent))
	return l
}

// setLibrary fills the list once the library is listed; when it is
// listed again (the cached list, then the checked one), the cursor stays
// on the same briefing.
func (l *library) setLibrary(c *catalog.Catalog) tea.Cmd {
	l.loading, l.refreshing = false, false
	l.problems = c.Problems
	current, hadCurrent := l.selected()
	sorted := append([]briefings.Entry(nil), c.Entries...)
	briefings.SortEntries(sorted, l.order)
	items := make([]list.Item, len(sorted))
	at := -1
	for i, e := range sorted {
		items[i] = newLibraryItem(e)
		if hadCurrent && l.moved && e.Path == current.Path {
			at = i
		}
	}
	l.itemsVersion++
	cmd := l.listCmd(l.list.SetItems(items))
	if l.list.FilterState() == list.Unfiltered {
		// Until the user moves it, the cursor is on the first briefing,
		// whatever the cached list had there.
		l.list.Select(max(at, 0))
	}
	l.keepCursorOnARow(l.list.Index())
	return cmd
}

// showCached fills the list with the last run's list, while the files
// are checked.
func (l *library) showCached(c *catalog.Catalog) tea.Cmd {
	cmd := l.setLibrary(c)
	l.refreshing = true
	return cmd
}

// progressed notes how far listing the library has got.
func (l *library) progressed(done, total int) { l.done, l.total = done, total }

// notify shows a message from the app in the footer.
func (l *library) notify(text string) { l.message = text }

// typing reports whether a text input has the keys.
func (l *library) typing() bool {
	return l.list.SettingFilter() || l.quotes != nil && l.quotes.list.typing()
}

// setStyles draws the screen with new styles (once the terminal's
// background is known).
func (l *library) setStyles(st *styles) {
	l.st = st
	l.setSize(l.width, l.height) // the delegate draws with the new styles
}

// showQuotes shows the library's highlights (H).
func (l *library) showQuotes(q *highlightList) { l.quotes = q }

// replaceAll applies many changes at once, in one pass over the list:
// each path's new entry, or nil for a file that is gone. Briefings new to
// the list come first.
func (l *library) replaceAll(changes map[string]*briefings.Entry) tea.Cmd {
	if len(changes) == 0 {
		return nil
	}
	l.itemsVersion++
	old := l.list.Items()
	kept := make([]list.Item, 0, len(old)+len(changes))
	seen := make(map[string]bool, len(changes))
	for _, it := range old {
		e := it.(libraryItem).e
		change, changed := changes[e.Path]
		switch {
		case !changed:
			kept = append(kept, it)
		case change != nil:
			kept = append(kept, newLibraryItem(*change))
		}
		if changed {
			seen[e.Path] = true
		}
	}
	var added []list.Item
	for path, e := range changes {
		if e != nil && !seen[path] {
			added = append(added, newLibraryItem(*e))
		}
	}
	sortItems(added, l.order)
	current, hadCurrent := l.selected()
	was := l.list.Index()
	items := append(added, kept...)
	cmd := l.listCmd(l.list.SetItems(items))
	if hadCurrent && l.list.FilterState() == list.Unfiltered {
		for i, it := range items {
			if it.(libraryItem).e.Path == current.Path {
				l.list.Select(i)
				break
			}
		}
	}
	l.keepCursorOnARow(was)
	return cmd
}

// paths lists the paths of the briefings in the list.
func (l *library) paths() []string {
	items := l.list.Items()
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.(libraryItem).e.Path
	}
	return out
}

// compactBelow is the terminal height under which the list leaves out the
// blank line between briefings, to show more than one or two of them.
const compactBelow = 16

func (l *library) setSize(width, height int) {
	l.width, l.height = width, height
	l.list.SetDelegate(itemDelegate{st: l.st, compact: height < compactBelow})
	l.list.SetSize(width, max(height-3-l.saved.height(height), 1))
}

// selected returns the entry under the cursor.
func (l *library) selected() (briefings.Entry, bool) {
	it, ok := l.list.SelectedItem().(libraryItem)
	return it.e, ok
}

// update handles a message for the library; it returns what the user
// asked the app to do, if anything.
func (l *library) update(msg tea.Msg) (intent, tea.Cmd) {
	if msg, ok := msg.(tea.KeyPressMsg); ok {
		l.message = ""
		if in, cmd, ok := l.key(msg); ok {
			return in, cmd
		}
	}
	return nil, l.handle(msg)
}

// handle handles a message other than the keys of key: the list's own.
func (l *library) handle(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case filterResultMsg:
		return l.takeFilterResult(msg)
	case spinner.TickMsg:
		if !l.loading && !l.refreshing {
			return nil
		}
		var cmd tea.Cmd
		l.spinner, cmd = l.spinner.Update(msg)
		return cmd
	}
	if key, ok := msg.(tea.KeyPressMsg); ok && !l.list.SettingFilter() && key.String() != "/" {
		l.moved = true
	}
	var cmd tea.Cmd
	l.list, cmd = l.list.Update(msg)
	l.dropEmptyFilter()
	return l.listCmd(cmd)
}

func (l *library) view() string {
	header := l.header()
	var body string
	switch {
	case l.help != nil:
		body = strings.Join(l.help.view(l.width, max(l.height-2, 1), l.st), "\n")
	case l.showing != nil:
		body = strings.Join(l.showing.view(l, l.width, max(l.height-2, 1)), "\n")
	case l.saved.helping():
		body = strings.Join(l.saved.keys.view(l.st, l.width, max(l.height-2, 1), nil), "\n")
	case l.quotes != nil:
		body = strings.Join(l.quotes.view(l.st, l.width, max(l.height-2, 1)), "\n")
	case l.loading:
		body = "\n  " + l.spinner.View() + " " + l.st.subtle.Render(l.progress())
	default:
		body = l.list.View()
	}
	if l.help == nil && l.showing == nil && !l.saved.helping() {
		if saved := l.saved.lines(l, l.width, l.height); len(saved) > 0 {
			header += "\n" + strings.Join(saved, "\n")
		}
	}
	lines := strings.Split(header+"\n"+body, "\n")
	lines = padLines(lines, max(l.height-1, 1))
	return strings.Join(append(lines, l.footer()), "\n")
}

func (l *library) header() string {
	title := l.st.title.Render(" brief")
	count := ""
	switch {
	case l.loading:
	case l.list.FilterState() != list.Unfiltered && l.list.FilterValue() != "":
		count = l.st.subtle.Render(fmt.Sprintf("  %d of %d match “%s”", len(l.list.VisibleItems()), len(l.list.Items()), l.list.FilterValue()))
	default:
		count = l.st.subtle.Render(fmt.Sprintf("  %d %s", len(l.list.Items()), plural(len(l.list.Items()), "briefing", "briefings")))
		if l.order != briefings.ByDate {
			count += l.st.subtle.Render(", by " + l.order.String())
		}
	}
	warn := ""
	if l.refreshing {
		warn = "  " + l.spinner.View() + l.st.subtle.Render(" checking for changes")
	}
	if n := countSkipped(l.problems); n > 0 && !l.refreshing {
		warn = "  " + l.st.warning.Render(fmt.Sprintf("%d %s did not load (!)", n, plural(n, "file", "files")))
	}
	return ansi.Truncate(title+count+warn, l.width, "…")
}

func (l *library) footer() string {
	if l.message != "" {
		return ansi.Truncate(" "+l.st.message.Render(cleanMessage(l.message)), l.width, "…")
	}
	hints := "enter read · / filter · o order · s search · ? help · q quit"
	if len(l.saved.list) > 0 {
		hints = "enter read · / filter · o order · s search · tab saved searches · ? help · q quit"
	}
	if l.list.SettingFilter() {
		hints = "type to filter · enter keep · esc clear"
	}
	return ansi.Truncate(" "+l.st.subtle.Render(hints), l.width, "…")
}

func (l *library) progress() string {
	if l.total == 0 {
		return "Looking for briefings…"
	}
	return fmt.Sprintf("Loading briefings: %d of %d", l.done, l.total)
}

func countSkipped(problems []briefings.Problem) int {
	n := 0
	for _, p := range problems {
		if p.Skipped {
			n++
		}
	}
	return n
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// itemDelegate draws a briefing as two lines: its title, then its date,
// tags, size and path. Compact drops the blank line between briefings, for
// short terminals.
type itemDelegate struct {
	st      *styles
	compact bool
}

func (d itemDelegate) Height() int { return 2 }

func (d itemDelegate) Spacing() int {
	if d.compact {
		return 0
	}
	return 1
}

func (d itemDelegate) Update(tea.Msg, *list.Model) tea.Cmd { return nil }

func (d itemDelegate) Render(w io.Writer, m list.Model, index int, item list.Item) {
	it, ok := item.(libraryItem)
	if !ok {
		return
	}
	b := it.e
	width := max(m.Width()-4, 10)
	selected := index == m.Index()
	title := ansi.Truncate(b.Title, width, "…")
	if matched := m.MatchesForItem(index); len(matched) > 0 && m.FilterState() != list.Unfiltered {
		title = highlightRunes(title, matched, len([]rune(b.Title)), d.st)
	}
	var meta []string
	if !b.Date.IsZero() {
		meta = append(meta, b.Date.Format("2 Jan 2006"))
	}
	if b.Author != "" {
		meta = append(meta, b.Author)
	}
	if len(b.Tags) > 0 {
		meta = append(meta, strings.Join(b.Tags, ", "))
	}
	meta = append(meta, fmt.Sprintf("%d %s", b.Sections, plural(b.Sections, "section", "sections")),
		fmt.Sprintf("%d min", int(b.ReadingTime()/time.Minute)), b.RelPath)
	metaLine := ansi.Truncate(strings.Join(meta, " · "), width, "…")
	cursor := "  "
	titleStyle := d.st.title
	if selected {
		cursor = d.st.selected.Render("▌ ")
		titleStyle = d.st.selected
	}
	fmt.Fprintf(w, "%s%s\n%s%s", cursor, titleStyle.Render(title), cursor, d.st.subtle.Render(metaLine))
}

// highlightRunes underlines the matched runes of the title (only those
// within the title part of the filter value).
func highlightRunes(title string, matched []int, titleRunes int, st *styles) string {
	var in []int
	for _, i := range matched {
		if i < titleRunes {
			in = append(in, i)
		}
	}
	if len(in) == 0 {
		return title
	}
	return lipgloss.StyleRunes(title, in, st.accent.Underline(true), lipgloss.NewStyle())
}
