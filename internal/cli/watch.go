package cli

import (
	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/internal/watch"
)

// watchLibrary starts live reload for the folders and files of a library
// loaded from disk (the built-in sample never changes). If watching cannot
// start, live reload is simply off.
func watchLibrary(libraryRoots []briefings.Root) (<-chan []string, func()) {
	var roots []string
	for _, r := range libraryRoots {
		if !r.Builtin() {
			roots = append(roots, r.Path)
		}
	}
	if len(roots) == 0 {
		return nil, nil
	}
	w, err := watch.New(roots, briefings.IsBriefingName)
	if err != nil {
		return nil, nil
	}
	go func() {
		for range w.Errors() {
			// Folders that cannot be watched just do not reload live.
		}
	}()
	return w.Events(), func() { _ = w.Close() }
}
