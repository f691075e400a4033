// Package watch tells a library when its briefing files change on disk, for
// live reload. It wraps fsnotify: folders are watched recursively (new
// subfolders included, hidden folders and node_modules skipped), single files
// through their folder, and changes come in debounced, de-duplicated batches
// of absolute paths.
package watch

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"
)

const maxPendingErrors = 64 // errors kept while nobody reads Errors

// Watcher watches a set of roots and reports changed files. Create it with
// New and stop it with Close.
type Watcher struct {
	fs      *fsnotify.Watcher
	onlyExt func(name string) bool
	add     func(path string) error // fs.Add; tests substitute it
	roots   []string

	events chan []string
	errors chan error
	done   chan struct{}
	exited chan struct{}

	closeOnce sync.Once
	closeErr  error

	polled chan []string // changes found by polling, when watches ran out

	// stirred, if set, is called (from the watcher's goroutine) when a
	// change starts a batch: before the batch is delivered, a cache may
	// already know that it is behind (see OnStir).
	stirred atomic.Pointer[func()]

	// Owned by New, then by the run goroutine alone.
	polling bool                 // watches ran out: the roots are polled
	dirs    map[string]*dirWatch // every folder with an fsnotify watch
	batch   *batch
	ready   []string // due, waiting for the receiver
	pending []error  // waiting for the receiver
}

// dirWatch says what a watched folder is watched for.
type dirWatch struct {
	tree  bool            // part of a watched folder tree: every file counts
	files map[string]bool // names of single-file roots in this folder
}

// New starts watching roots: each one a folder (watched with all its
// subfolders, except hidden ones and node_modules) or a file (watched through
// its folder, so that editors that save by renaming a new file over the old
// one are seen; the file need not exist yet). onlyExt, if not nil, says which
// file names matter; nil means all.
//
// New fails only if the system cannot watch files at all. Roots or folders
// that cannot be watched are reported on Errors, and the rest are watched:
// if the system's limit on watches is reached, one error says "live reload is
// off for N folders: too many watches".
func New(roots []string, onlyExt func(name string) bool) (*Watcher, error) {
	return newWatcher(roots, onlyExt, nil)
}

// newWatcher is New with a substitute for fsnotify's Add (nil: the real one).
func newWatcher(roots []string, onlyExt func(string) bool, add func(fs *fsnotify.Watcher, path string) error) (*Watcher, error) {
	fs, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("live reload is off: %w", err)
	}
	w := &Watcher{
		fs:      fs,
		onlyExt: onlyExt,
		add:     fs.Add,
		events:  make(chan []string),
		errors:  make(chan error),
		done:    make(chan struct{}),
		exited:  make(chan struct{}),
		dirs:    map[string]*dirWatch{},
		batch:   newBatch(quietPeriod, maxWait),
		polled:  make(chan []string),
	}
	if add != nil {
		w.add = func(path string) error { return add(fs, path) }
	}
	for _, root := range roots {
		w.addRoot(root)
	}
	go w.run()
	return w, nil
}

// Events delivers batches of changed files: absolute paths, sorted, each
// once, of files created, written, removed or renamed (old and new names). A
// path may also name a watched folder that was removed or renamed, or a root
// after the system dropped events: anything under it may have changed. The
// channel is closed by Close.
func (w *Watcher) Events() <-chan []string { return w.events }

// Errors delivers problems worth telling the user, each one line. The
// channel is closed by Close.
func (w *Watcher) Errors() <-chan error { return w.errors }

// Close stops watching and closes both channels. It may be called more than
// once, and from any goroutine.
func (w *Watcher) Close() error {
	w.closeOnce.Do(func() {
		close(w.done)
		<-w.exited
		if err := w.fs.Close(); err != nil {
			w.closeErr = fmt.Errorf("stop live reload: %w", err)
			return
		}
		// fsnotify closes its channels as its reader goroutine ends: once
		// they are closed, nothing of the watcher is left running.
		for range w.fs.Events {
		}
		for range w.fs.Errors {
		}
	})
	return w.closeErr
}

// OnStir sets f to be called, from the watcher's goroutine, as soon as a
// change starts a batch, quietPeriod or more before Events delivers it.
// f must not block.
func (w *Watcher) OnStir(f func()) { w.stirred.Store(&f) }

// stir calls the OnStir function when a change starts a batch.
func (w *Watcher) stir() {
	if f := w.stirred.Load(); f != nil && !w.batch.pending() {
		(*f)()
	}
}

func (w *Watcher) run() {
	defer func() {
		close(w.events)
		close(w.errors)
		close(w.exited)
	}()
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		var due <-chan time.Time
		if w.batch.pending() {
			due = timer.C
		}
		var out chan<- []string
		if len(w.ready) > 0 {
			out = w.events
		}
		var errOut chan<- error
		var next error
		if len(w.pending) > 0 {
			errOut, next = w.errors, w.pending[0]
		}
		select {
		case <-w.done:
			return
		case ev, ok := <-w.fs.Events:
			if !ok {
				return
			}
			if changed := w.handle(ev); len(changed) > 0 {
				w.stir()
				w.batch.add(time.Now(), changed...)
				timer.Reset(time.Until(w.batch.due()))
			}
		case err, ok := <-w.fs.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// Changes were lost: have the whole library looked at again.
				w.stir()
				w.batch.add(time.Now(), w.roots...)
				timer.Reset(time.Until(w.batch.due()))
				w.report(&watchErr{msg: "live reload missed some changes (too many at once); rescanning", err: err})
				continue
			}
			w.report(fmt.Errorf("live reload: %w", err))
		case changed := <-w.polled:
			w.stir()
			w.batch.add(time.Now(), changed...)
			timer.Reset(time.Until(w.batch.due()))
		case <-due:
			w.ready = mergePaths(w.ready, w.batch.take())
		case out <- w.ready:
			w.ready = nil
		case errOut <- next:
			w.pending = w.pending[1:]
		}
	}
}

func (w *Watcher) report(err error) {
	if len(w.pending) < maxPendingErrors {
		w.pending = append(w.pending, err)
	}
}

// handle turns one fsnotify event into the changed paths it means, and keeps
// the set of watched folders up to date.
func (w *Watcher) handle(ev fsnotify.Event) []string {
	if !ev.Has(fsnotify.Create) && !ev.Has(fsnotify.Write) && !ev.Has(fsnotify.Remove) && !ev.Has(fsnotify.Rename) {
		return nil // Chmod: the content did not change
	}
	name := ev.Name
	if _, ok := w.dirs[name]; ok && (ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename)) {
		w.forget(name) // a watched folder went away, or moved (its new name comes as a Create)
		return []string{name}
	}
	parent, ok := w.dirs[filepath.Dir(name)]
	if !ok {
		return nil
	}
	base := filepath.Base(name)
	if parent.files[base] {
		return []string{name} // a root named by the user, whatever its name
	}
	if !parent.tree {
		return nil
	}
	if ev.Has(fsnotify.Create) {
		if info, err := os.Lstat(name); err == nil && info.IsDir() {
			if skipDir(base) {
				return nil
			}
			// A new folder (made, or moved in): watch it, and report the files
			// already in it, which may have arrived before the watch did.
			var found []string
			w.addTree(name, &found)
			return found
		}
	}
	if w.wanted(base) {
		return []string{name}
	}
	return nil
}

func (w *Watcher) wanted(name string) bool { return w.onlyExt == nil || w.onlyExt(name) }

// skipDir reports whether a subfolder is left out, as the library loader
// leaves it out.
func skipDir(name string) bool { return strings.HasPrefix(name, ".") || name == "node_modules" }

// forget drops the watches on dir and every folder under it.
func (w *Watcher) forget(dir string) {
	prefix := dir + string(filepath.Separator)
	for d := range w.dirs {
		if d == dir || strings.HasPrefix(d, prefix) {
			_ = w.fs.Remove(d) // fails harmlessly if the system already dropped it
			delete(w.dirs, d)
		}
	}
}

func (w *Watcher) addRoot(root string) {
	abs, err := filepath.Abs(root)
	if err != nil {
		w.report(fmt.Errorf("live reload is off for %s: %w", root, err))
		return
	}
	w.roots = append(w.roots, abs)
	if info, err := os.Stat(abs); err == nil && info.IsDir() {
		w.addTree(abs, nil)
		return
	}
	// A file, existing or not yet: watch its folder for that name.
	dir := filepath.Dir(abs)
	if _, ok := w.dirs[dir]; !ok {
		if err := w.add(dir); err != nil {
			w.report(watchError(dir, 1, err))
			return
		}
		w.dirs[dir] = &dirWatch{}
	}
	d := w.dirs[dir]
	if d.files == nil {
		d.files = map[string]bool{}
	}
	d.files[filepath.Base(abs)] = true
}

// addTree watches root and its subfolders. Files found along the way are
// appended to found when it is not nil. Folders that cannot be watched are
// reported as one error per cause.
func (w *Watcher) addTree(root string, found *[]string) {
	var limited, failed int
	var failDir string
	var failErr error
	fail := func(dir string, err error) {
		if failed++; failErr == nil {
			failDir, failErr = dir, err
		}
	}
	var walk func(dir string)
	walk = func(dir string) {
		if d, ok := w.dirs[dir]; ok && d.tree {
			return
		}
		if err := w.add(dir); err != nil {
			switch {
			case isLimit(err):
				limited++
			case errors.Is(err, os.ErrNotExist):
				return // gone already; its removal is reported by its parent
			default:
				fail(dir, err)
				return
			}
		} else if d, ok := w.dirs[dir]; ok {
			d.tree = true
		} else {
			w.dirs[dir] = &dirWatch{tree: true}
		}
		entries, err := os.ReadDir(dir)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			fail(dir, err)
		}
		for _, e := range entries {
			path := filepath.Join(dir, e.Name())
			switch {
			case e.IsDir():
				if !skipDir(e.Name()) {
					walk(path)
				}
			case found != nil && w.wanted(e.Name()):
				*found = append(*found, path)
			}
		}
	}
	walk(root)
	if limited > 0 && !w.polling {
		w.polling = true
		w.report(&watchErr{msg: watchError("", limited, syscall.ENOSPC).Error() +
			fmt.Sprintf("; looking for changes every %s instead", pollInterval), err: syscall.ENOSPC})
		go w.poll(newPoller(w.roots, w.wanted))
	}
	if failed > 0 {
		w.report(watchError(failDir, failed, failErr))
	}
}

// poll looks for changes at an interval, for as long as the watcher runs:
// the fallback when the system ran out of watches.
func (w *Watcher) poll(p *poller) {
	tick := time.NewTicker(pollInterval)
	defer tick.Stop()
	for {
		select {
		case <-w.done:
			return
		case <-tick.C:
		}
		if changed := p.changes(); len(changed) > 0 {
			select {
			case w.polled <- changed:
			case <-w.done:
				return
			}
		}
	}
}

// isLimit reports whether err means the system's limit on watches was
// reached (inotify: ENOSPC; kqueue: out of file descriptors).
func isLimit(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EMFILE)
}

// watchError describes n folders that could not be watched, in one line.
func watchError(what string, n int, err error) error {
	folders := "folders"
	if n == 1 {
		folders = "folder"
	}
	if isLimit(err) {
		return &watchErr{msg: fmt.Sprintf("live reload is off for %d %s: too many watches", n, folders), err: err}
	}
	var pe *os.PathError
	cause := err
	if errors.As(err, &pe) {
		cause = pe.Err
	}
	msg := fmt.Sprintf("live reload is off for %s: %v", what, cause)
	if n > 1 {
		msg = fmt.Sprintf("live reload is off for %d %s, first %s", n, folders, strings.TrimPrefix(msg, "live reload is off for "))
	}
	return &watchErr{msg: msg, err: err}
}

type watchErr struct {
	msg string
	err error
}

func (e *watchErr) Error() string { return e.msg }
func (e *watchErr) Unwrap() error { return e.err }
