package state

import (
	"context"
	"os"
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Poll intervals of Follow: a safety net beside file notifications, and
// the pace when the system gives none.
const (
	followSafetyPoll = time.Second
	followFastPoll   = 50 * time.Millisecond
)

// Follow signals on the returned channel when a file in dir whose name
// matches may have changed: at once through file notifications, and every
// second regardless (so a missed notification, or a folder made after the
// start, costs at most a second); every 50 ms where the system has no
// notifications. Signals do not queue: one pending signal stands for any
// number of changes. The channel closes when ctx ends.
func Follow(ctx context.Context, dir string, match func(name string) bool) <-chan struct{} {
	out := make(chan struct{}, 1)
	signal := func() {
		select {
		case out <- struct{}{}:
		default:
		}
	}
	go func() {
		defer close(out)
		w, err := fsnotify.NewWatcher()
		poll := followSafetyPoll
		var events chan fsnotify.Event
		var errs chan error
		if err != nil {
			poll = followFastPoll
		} else {
			defer w.Close()
			events, errs = w.Events, w.Errors
		}
		watching := false
		watch := func() {
			if w == nil || watching {
				return
			}
			_ = os.MkdirAll(dir, 0o700)
			watching = w.Add(dir) == nil
		}
		watch()
		ticker := time.NewTicker(poll)
		defer ticker.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case ev, ok := <-events:
				if !ok {
					events = nil
					continue
				}
				if ev.Has(fsnotify.Remove) && filepath.Clean(ev.Name) == filepath.Clean(dir) {
					watching = false
				}
				if match(filepath.Base(ev.Name)) {
					signal()
				}
			case <-errs:
				watching = false
			case <-ticker.C:
				if _, err := os.Stat(dir); err != nil {
					watching = false
				}
				watch()
				signal()
			}
		}
	}()
	return out
}
