package ui

import (
	tea "charm.land/bubbletea/v2"
	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/index"
)

// Routing: where the user is, and where esc goes, is one stack of routes
// owned by the root (Model.routes). The library is always at the bottom;
// a screen that is opened again moves to the top rather than appearing
// twice, so esc never leads to a screen that no longer shows what it
// showed. Following a link keeps the reader's place in its route, and esc
// comes back to it. Screens never change the route themselves: their
// update returns an intent (below), which the root acts on at once
// (act, in screens.go).

type screen int

const (
	libraryScreen screen = iota
	readerScreen
	presenterScreen
	searchScreen
)

// route is one screen on the stack. A reader route left by following a
// link keeps where the reader was (place), to come back to.
type route struct {
	screen screen
	place  *trailStep
}

// trailStep is a briefing the reader left by following a link.
type trailStep struct {
	briefing *briefings.Briefing
	at       target
}

// routes is the stack of screens: the last one is in front.
type routes struct{ stack []route }

func newRoutes() routes { return routes{stack: []route{{screen: libraryScreen}}} }

// front is the screen in front.
func (r *routes) front() screen { return r.stack[len(r.stack)-1].screen }

// push brings a screen to the front. A screen already on the stack leaves
// its old place; the library stays at the bottom, and pushing it leaves
// every other screen.
func (r *routes) push(s screen) {
	switch {
	case s == libraryScreen:
		r.stack = r.stack[:1]
		return
	case r.front() == s:
		return
	}
	kept := r.stack[:0]
	for _, rt := range r.stack {
		if rt.screen != s {
			kept = append(kept, rt)
		}
	}
	r.stack = append(kept, route{screen: s})
}

// follow puts a new reader in front of the one in front, which keeps its
// place so that esc comes back to it.
func (r *routes) follow(from *trailStep) {
	top := &r.stack[len(r.stack)-1]
	if top.screen != readerScreen {
		r.push(readerScreen)
		return
	}
	top.place = from
	r.stack = append(r.stack, route{screen: readerScreen})
}

// pop leaves the screen in front and returns the route now in front; the
// library is never left.
func (r *routes) pop() route {
	if len(r.stack) > 1 {
		r.stack = r.stack[:len(r.stack)-1]
	}
	return r.stack[len(r.stack)-1]
}

// settle forgets the place of the route in front once its screen shows
// it again.
func (r *routes) settle() { r.stack[len(r.stack)-1].place = nil }

// intent is what a screen asks the app to do; a screen's update returns
// one (or nil) and the root acts on it before the next message, so that a
// key typed right after (enter j, q q) reaches the screen it was meant
// for. The set is closed: only the types below are intents.
type intent interface{ isIntent() }

// The intents.
type (
	// openIntent reads a briefing of the library, where it was left.
	openIntent struct{ path string }
	// openHitIntent reads a search hit's section, its words highlighted.
	openHitIntent struct{ hit index.Hit }
	// openHighlightIntent reads a briefing at one of its highlights.
	openHighlightIntent struct{ path, id string }
	// highlightsIntent lists the library's highlights.
	highlightsIntent struct{}
	// openSavedIntent opens a saved search.
	openSavedIntent struct{ name string }
	// deleteSavedIntent deletes a saved search.
	deleteSavedIntent struct{ name string }
	// searchIntent shows the search screen.
	searchIntent struct{}
	// presentIntent presents a briefing from a section (an index, or
	// TitleSlide).
	presentIntent struct {
		briefing *briefings.Briefing
		section  int
	}
	// editIntent opens the briefing's file in the user's editor.
	editIntent struct {
		briefing *briefings.Briefing
		line     int
	}
	// followIntent opens a linked briefing at a section (by anchor).
	followIntent struct{ path, anchor string }
	// nextBriefingIntent offers the briefing after the reader's in
	// reading order, or opens the one offered before (open).
	nextBriefingIntent struct{ open string }
	// saveIntent says the user's state changed: it is written soon.
	saveIntent struct{}
	// backIntent leaves the screen in front (esc).
	backIntent struct{}
	// quitIntent ends the app.
	quitIntent struct{}
)

func (openIntent) isIntent()          {}
func (openHitIntent) isIntent()       {}
func (openHighlightIntent) isIntent() {}
func (highlightsIntent) isIntent()    {}
func (openSavedIntent) isIntent()     {}
func (deleteSavedIntent) isIntent()   {}
func (searchIntent) isIntent()        {}
func (presentIntent) isIntent()       {}
func (editIntent) isIntent()          {}
func (followIntent) isIntent()        {}
func (nextBriefingIntent) isIntent()  {}
func (saveIntent) isIntent()          {}
func (backIntent) isIntent()          {}
func (quitIntent) isIntent()          {}

// screenModel is what the root asks of every screen.
type screenModel interface {
	// update handles a message; it returns what the user asked the app
	// to do, if anything, and a command.
	update(msg tea.Msg) (intent, tea.Cmd)
	view() string
	// notify shows a one-line message from the app.
	notify(text string)
	// typing reports whether a text input has the keys.
	typing() bool
}
