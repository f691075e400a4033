package index

import "github.com/briefreader/brief/briefings"

// earlyScans are walks of the library started when the index was opened
// (Options.WriteWhenChanged), by root path. A search that syncs right after
// opening spends about as long opening the index (reading bleve's mapping
// and the segments) as walking a library of 10,000 files; the two run side
// by side. A search then reflects the files as they were when it started,
// which is what a search can promise anyway.
type earlyScans map[string]chan scanned

// scanned is what a walk of one root found.
type scanned struct {
	files    []briefings.File
	problems []briefings.Problem
}

// startScans starts a walk of each root.
func startScans(roots []briefings.Root) earlyScans {
	early := make(earlyScans, len(roots))
	for _, root := range roots {
		done := make(chan scanned, 1) // the walk never waits for its taker
		early[root.Path] = done
		go func() {
			files, problems := briefings.Scan([]briefings.Root{root})
			done <- scanned{files, problems}
		}()
	}
	return early
}

// take returns the files of root: those of the walk started at Open in
// the first Sync, a new walk after that (Sync drops the walks it did not
// take: a part busy then is walked again when it is synced).
func (e earlyScans) take(root briefings.Root) ([]briefings.File, []briefings.Problem) {
	if done, ok := e[root.Path]; ok {
		delete(e, root.Path)
		s := <-done
		return s.files, s.problems
	}
	return briefings.Scan([]briefings.Root{root})
}
