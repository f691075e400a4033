package watch

import (
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// pollInterval is how often folders that could not be watched (the system
// ran out of watches) are looked at for changes instead. (A variable for
// tests.)
var pollInterval = 2 * time.Second

// stamp is what polling compares of a file: its size and time. Folders
// are in the snapshot too, so that a file replaced by a folder counts.
type stamp struct {
	size  int64
	mtime int64
	dir   bool
}

// poller looks at the whole of every root at an interval and reports the
// files that appeared, changed or went away since the last look: the
// fallback when the system has no watches left. It is plain code over a
// snapshot; the goroutine that runs it is Watcher.poll.
type poller struct {
	roots  []string
	wanted func(name string) bool
	last   map[string]stamp
}

func newPoller(roots []string, wanted func(string) bool) *poller {
	p := &poller{roots: roots, wanted: wanted}
	p.last = p.snapshot()
	return p
}

// snapshot stamps every wanted file and every folder under the roots, as
// the watches would see them (hidden folders and node_modules left out).
func (p *poller) snapshot() map[string]stamp {
	snap := map[string]stamp{}
	for _, root := range p.roots {
		info, err := os.Stat(root)
		if err != nil {
			continue
		}
		if !info.IsDir() {
			snap[root] = stamp{size: info.Size(), mtime: info.ModTime().UnixNano()}
			continue
		}
		_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil // unreadable: its files are simply not seen
			}
			if d.IsDir() {
				if path != root && skipDir(d.Name()) {
					return filepath.SkipDir
				}
				snap[path] = stamp{dir: true}
				return nil
			}
			if !p.wanted(d.Name()) {
				return nil
			}
			if info, err := d.Info(); err == nil {
				snap[path] = stamp{size: info.Size(), mtime: info.ModTime().UnixNano()}
			}
			return nil
		})
	}
	return snap
}

// changes takes a new snapshot and returns the files that differ from the
// last one: new, changed or gone (those of a folder gone included).
func (p *poller) changes() []string {
	now := p.snapshot()
	var changed []string
	for path, st := range now {
		if old, ok := p.last[path]; !st.dir && (!ok || old != st) {
			changed = append(changed, path)
		}
	}
	for path, st := range p.last {
		if cur, ok := now[path]; !st.dir && (!ok || cur.dir) {
			changed = append(changed, path) // gone, or a folder now
		}
	}
	p.last = now
	return changed
}
