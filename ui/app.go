// Package ui is brief's terminal interface: the library list, the reader,
// search and the presenter, as bubbletea models. It talks to the domain
// (briefings), the index and the user's state through their packages and
// never writes to the terminal itself.
package ui

import (
	"context"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/internal/catalog"
	"github.com/briefreader/brief/internal/render"
	"github.com/briefreader/brief/internal/state"
)

// Options configure the app.
type Options struct {
	// Load lists the library; it reports progress through the callback and
	// is called off the UI goroutine. Briefings are read when opened.
	Load func(progress func(done, total int)) *catalog.Catalog
	// Cached, if set, lists the library from the last run's cache, without
	// looking at the files; the list shows at once and Load then brings it
	// up to date. It returns nil when there is no cache.
	Cached func() *catalog.Catalog
	// LoadOptions are used to read a briefing again when it changes.
	LoadOptions briefings.LoadOptions
	// Style is the glamour style, as the command line resolved it from its
	// flag, GLAMOUR_STYLE and the configuration: a style name or a JSON
	// file decides it; "auto" (or "") asks the terminal for its background.
	Style string
	// NoColor is set when NO_COLOR is: colours are dropped, bold and
	// underline kept.
	NoColor bool
	// MaxWidth caps the width of the text (default 100 columns).
	MaxWidth int
	// Store keeps reading positions and bookmarks; nil keeps nothing.
	Store *state.Store
	// Highlights keeps highlights and notes; nil keeps none.
	Highlights *state.HighlightStore
	// Notices are shown once at start (for example a state file that
	// could not be read).
	Notices []string
	// Given is a briefing no file holds (read from the standard input):
	// Open or Present may name its Path, and it is never read again.
	Given *briefings.Briefing
	// Open is the path of a briefing to open as soon as the library is
	// loaded (brief FILE opens that file).
	Open string
	// Present, if set, starts presenting a briefing (by path) as soon as
	// the library is loaded.
	Present *PresentRequest
	// PresentOptions configure the presenter (theme, duration, search).
	PresentOptions PresentOptions
	// OpenSearch opens the search service; it is called off the UI
	// goroutine, and the service then keeps the index up to date in the
	// background. nil turns search off.
	OpenSearch func() (SearchService, error)
	// Query, if set, starts on the search screen with this query.
	Query string
	// Search starts on the search screen (brief search on a terminal).
	Search bool
	// Now is the clock (tests set it); nil is time.Now.
	Now func() time.Time
	// Watch, if set, starts watching the library and returns a channel of
	// changed file paths, one of one-line notices (folders that cannot be
	// watched), and how to stop.
	Watch func(roots []briefings.Root) (changes <-chan []string, notices <-chan string, stop func())
}

// PresentRequest names what to present: a briefing path and a section
// (its index, or TitleSlide).
type PresentRequest struct {
	Path    string
	Section int
}

// Model is the root bubbletea model: it routes messages to the screen in
// front and handles what every screen shares (size, colours, quitting).
type Model struct {
	opts   Options
	keys   globalKeys
	st     *styles
	routes routes // where the user is, and where esc goes (routes.go)
	lib    *library
	rd     *reader
	pr     *presenter
	search *searcher
	svc    SearchService
	saver  saver         // when the user's state is written (saver.go)
	writes *writeGate    // the writes in commands, ended on exit
	sharer *statusWriter // the presenter's status for brief console

	started       bool // the briefing named on the command line was opened
	openingSearch bool // the search service was asked for
	readSeq       int  // the latest briefing asked for (see withBriefing)
	reading       bool // it is being read: keys wait (see holdKey)
	heldKeys      []tea.KeyPressMsg
	editedPath    string   // the file the editor just closed, until it is read again
	reloading     bool     // a reload of changed files runs
	toReload      []string // changed files waiting for it
	width         int
	height        int
	mouse         bool

	savedGen     int                // the latest count of saved searches (saved.go)
	savedCancel  context.CancelFunc // stops it
	library      *catalog.Catalog
	opened       map[string]*briefings.Briefing // briefings read, by path
	dark         bool
	styleDecided bool
	stopWatch    func()
}

// New returns the app model.
func New(opts Options) *Model {
	if opts.MaxWidth <= 0 {
		opts.MaxWidth = 100
	}
	if opts.Style == "" {
		opts.Style = render.StyleAuto
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	st := newStyles(true)
	st.noColor = opts.NoColor
	m := &Model{opts: opts, keys: newGlobalKeys(), st: st, routes: newRoutes(), lib: newLibrary(st), mouse: true, dark: true}
	m.writes = &writeGate{}
	m.sharer = &statusWriter{}
	m.search = newSearcher(st, opts.Store)
	m.styleDecided = opts.Style != render.StyleAuto || opts.NoColor
	if len(opts.Notices) > 0 {
		m.lib.notify(strings.Join(opts.Notices, " · "))
	}
	return m
}

// Messages of the app itself.
type (
	loadProgressMsg struct {
		done, total int
		next        <-chan tea.Msg
	}
	libraryLoadedMsg struct{ lib *catalog.Catalog }
	libraryCachedMsg struct{ lib *catalog.Catalog }
	styleTimeoutMsg  struct{}
)

// Init starts loading the library and asks the terminal for its background
// colour (to choose a dark or light style) with a short deadline.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{m.lib.spinner.Tick}
	if cached := m.opts.Cached; cached != nil {
		// The cached list first, alone on the CPU; the check of the files
		// starts once it is shown.
		cmds = append(cmds, func() tea.Msg { return libraryCachedMsg{cached()} })
	} else {
		cmds = append(cmds, m.startLoading())
	}
	cmds = append(cmds, m.refreshSaved())
	if m.opts.Query != "" || m.opts.Search {
		// Searching first: the index opens now, not after the list.
		cmds = append(cmds, m.openSearchService(), m.openSearch(), m.search.setQuery(m.opts.Query))
	}
	if !m.styleDecided {
		cmds = append(cmds, tea.RequestBackgroundColor,
			tea.Tick(300*time.Millisecond, func(time.Time) tea.Msg { return styleTimeoutMsg{} }))
	}
	return tea.Batch(cmds...)
}

// startLoading runs the loader in a goroutine and streams its progress.
func (m *Model) startLoading() tea.Cmd {
	ch := make(chan tea.Msg, 1)
	load := m.opts.Load
	go func() {
		defer close(ch)
		var last time.Time
		lib := load(func(done, total int) {
			if now := time.Now(); now.Sub(last) > 50*time.Millisecond {
				last = now
				select {
				case ch <- loadProgressMsg{done: done, total: total}:
				default:
				}
			}
		})
		ch <- libraryLoadedMsg{lib}
	}()
	return waitFor(ch)
}

func waitFor(ch <-chan tea.Msg) tea.Cmd {
	return func() tea.Msg {
		msg, ok := <-ch
		if !ok {
			return nil
		}
		if p, isProgress := msg.(loadProgressMsg); isProgress {
			p.next = ch
			return p
		}
		return msg
	}
}

// Update routes a message; then, if the presenter's status for brief
// console changed, it is written in a command.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	_, cmd := m.route(msg)
	if write := m.sharer.writeCmd(); write != nil {
		cmd = tea.Batch(cmd, write)
	}
	return m, cmd
}

// route hands a message to whom it concerns.
func (m *Model) route(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.lib.setSize(msg.Width, msg.Height)
		m.search.setSize(msg.Width, msg.Height)
		var preview tea.Cmd
		if m.screen() == searchScreen {
			preview = m.search.showPreview() // at the new width
		}
		if m.pr != nil {
			m.pr.setSize(msg.Width, msg.Height)
		}
		if m.rd != nil {
			return m, tea.Batch(preview, m.rd.setSize(msg.Width, msg.Height))
		}
		return m, preview
	case tea.BackgroundColorMsg:
		m.dark = msg.IsDark()
		return m, m.decideStyle()
	case styleTimeoutMsg:
		return m, m.decideStyle()
	case loadProgressMsg:
		m.lib.progressed(msg.done, msg.total)
		return m, waitFor(msg.next)
	case libraryCachedMsg:
		if msg.lib == nil {
			return m, m.startLoading() // no cache: list the files now
		}
		return m, tea.Batch(m.lib.showCached(msg.lib), m.startOpening(), m.startLoading())
	case libraryLoadedMsg:
		m.library = msg.lib
		cmds := []tea.Cmd{m.lib.setLibrary(msg.lib), m.startWatching(), m.startOpening()}
		if m.opts.Query == "" && !m.opts.Search {
			// The index opens once the list is up, so that its sync does
			// not compete with listing the library.
			cmds = append(cmds, m.openSearchService())
		}
		return m, tea.Batch(cmds...)
	case filesChangedMsg:
		return m, m.filesChanged(msg)
	case watchNoticeMsg:
		m.message(msg.text)
		return m, waitForWatchNotice(msg.next)
	case reloadedMsg:
		return m, m.reloaded(msg)
	case editorDoneMsg:
		return m, m.edited(msg)
	case highlightsSavedMsg, highlightsReloadedMsg:
		return m, m.highlightsMsg(msg)
	case briefingReadMsg:
		return m, m.briefingRead(msg)
	case searchOpenedMsg:
		return m, m.searchOpened(msg)
	case searchUpdateMsg:
		return m, m.searchUpdated(msg)
	case searchDueMsg, searchResultsMsg:
		_, cmd := m.search.update(msg) // whichever screen is in front
		return m, cmd
	case savedListMsg:
		return m, m.savedListed(msg)
	case savedCountsMsg:
		return m, m.savedCounted(msg)
	case saveDueMsg:
		return m, m.saveDue()
	case stateSavedMsg:
		if msg.err != nil {
			m.message(firstLine(msg.err.Error()))
		}
		return m, nil
	case statusWrittenMsg:
		if msg.err != nil && m.pr != nil {
			m.pr.notify(firstLine(msg.err.Error()))
		}
		return m, nil
	case filterResultMsg:
		_, cmd := m.lib.update(msg) // whichever screen is in front
		return m, cmd
	case tea.KeyPressMsg:
		if m.holdKey(msg) {
			return m, nil
		}
		switch {
		case matches(msg, m.keys.Quit):
			return m, m.quit(tea.Interrupt)
		case matches(msg, m.keys.Suspend):
			m.saveState()
			return m, tea.Suspend
		case matches(msg, m.keys.Mouse) && !m.current().typing():
			m.mouse = !m.mouse
			if m.mouse {
				m.message("Mouse on: the wheel scrolls. M turns it off to select text.")
			} else {
				m.message("Mouse off: select text with the mouse. M turns the wheel back on.")
			}
			return m, nil
		}
	}
	// What a screen asks for is acted on here and now, so that a key typed
	// right after (q q, enter j) reaches the screen it was meant for.
	in, cmd := m.current().update(msg)
	if in == nil {
		return m, cmd
	}
	before := m.screen()
	acted := m.act(in)
	if m.screen() == libraryScreen && before != libraryScreen {
		acted = tea.Batch(acted, m.refreshSaved()) // what is new may have changed
	}
	return m, tea.Batch(cmd, acted)
}

// View draws the screen in front.
func (m *Model) View() tea.View {
	var content string
	if m.width > 0 {
		if m.width < 20 || m.height < 5 {
			content = "Window too small."
		} else {
			content = m.current().view()
		}
	}
	v := tea.NewView(content)
	v.AltScreen = true
	if m.mouse {
		v.MouseMode = tea.MouseModeCellMotion
	}
	v.WindowTitle = "brief"
	switch {
	case m.screen() == presenterScreen && m.pr != nil:
		v.WindowTitle = "brief · presenting " + m.pr.b.Title
		m.pr.decorate(&v)
	case m.screen() == readerScreen && m.rd != nil:
		v.WindowTitle = "brief · " + m.rd.b.Title
	}
	return v
}
