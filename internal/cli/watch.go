package cli

import (
	"sync"

	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/internal/search"
	"github.com/briefreader/brief/internal/watch"
)

// liveWatch connects the app's file watcher with its search service, which
// open at different moments: while the watcher follows every folder of the
// library, the service claims the index as watched, so that brief search in
// another terminal trusts it (search.Service.Watching).
type liveWatch struct {
	// claimMu keeps calls of Watching in order. It is not mu: Watching
	// may wait for the searches the service answers for others, and stir,
	// called from the watcher's own goroutine, must not wait for that.
	claimMu sync.Mutex

	mu        sync.Mutex
	svc       *search.Service
	following bool
}

// service records the search service once it is open.
func (l *liveWatch) service(svc *search.Service) {
	l.claimMu.Lock()
	defer l.claimMu.Unlock()
	l.mu.Lock()
	l.svc = svc
	on := l.following
	l.mu.Unlock()
	if on {
		svc.Watching(true)
	}
}

// follow records whether the watcher follows every folder.
func (l *liveWatch) follow(on bool) {
	l.claimMu.Lock()
	defer l.claimMu.Unlock()
	l.mu.Lock()
	l.following = on
	svc := l.svc
	l.mu.Unlock()
	if svc != nil {
		svc.Watching(on)
	}
}

// stir tells the service that a change is on its way.
func (l *liveWatch) stir() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.svc != nil {
		l.svc.Stirred()
	}
}

// watch starts live reload (watchLibrary) and tells l how it goes.
func (l *liveWatch) watch(roots []briefings.Root) (<-chan []string, <-chan string, func()) {
	return watchLibrary(roots, l)
}

// watchLibrary starts live reload for the folders and files of a library
// loaded from disk (the built-in sample never changes). If watching cannot
// start, live reload is simply off. What the watcher has to say (folders
// it cannot watch, running out of watches) comes as notices. live, if not
// nil, hears of each change as it starts, and of whether the watcher
// follows every folder: true once every folder is watched on a local file
// system, false at the first thing the watcher has to say.
func watchLibrary(libraryRoots []briefings.Root, live *liveWatch) (<-chan []string, <-chan string, func()) {
	var roots []string
	for _, r := range libraryRoots {
		if !r.Builtin() {
			roots = append(roots, r.Path)
		}
	}
	if len(roots) == 0 {
		return nil, nil, nil
	}
	w, err := watch.New(roots, briefings.IsBriefingName)
	if err != nil {
		return nil, nil, nil
	}
	if live != nil {
		w.OnStir(live.stir)
		reliable := true
		for _, r := range roots {
			reliable = reliable && watch.Reliable(r)
		}
		live.follow(reliable)
	}
	notices := make(chan string)
	go func() {
		defer close(notices)
		for err := range w.Errors() {
			if live != nil {
				live.follow(false) // a folder not watched, watches run out
			}
			notices <- cleanMessage(err.Error())
		}
	}()
	return w.Events(), notices, func() { _ = w.Close() }
}
