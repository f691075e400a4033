package cli

import (
	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/internal/watch"
)

// watchLibrary starts live reload for the folders and files of a library
// loaded from disk (the built-in sample never changes). If watching cannot
// start, live reload is simply off. What the watcher has to say (folders
// it cannot watch, running out of watches) comes as notices.
func watchLibrary(libraryRoots []briefings.Root) (<-chan []string, <-chan string, func()) {
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
	notices := make(chan string)
	go func() {
		defer close(notices)
		for err := range w.Errors() {
			notices <- cleanMessage(err.Error())
		}
	}()
	return w.Events(), notices, func() { _ = w.Close() }
}
