package index

import (
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
)

// Scorch recovers a panic in its background work (persisting, merging) and
// reports it only to the error callback (see persistFailed); that work has
// then stopped for good. A panic inside a bolt write transaction (a damaged
// root.bolt) also leaves bolt's writer lock held, and closing the index
// then waits for it forever. So a panic is remembered per index, and what
// waits on scorch's background work stops waiting: a sync waiting for its
// writes to reach the disk, and closing the index after closeGrace.

// failedStores holds, per store folder, a *failure that is closed once
// scorch reports a panic there.
var failedStores sync.Map

type failure struct {
	once sync.Once
	ch   chan struct{}
}

// storeFailure returns a channel closed once scorch reports a panic in the
// background work of the index in dir.
func storeFailure(dir string) <-chan struct{} {
	f, _ := failedStores.LoadOrStore(storeKey(dir), &failure{ch: make(chan struct{})})
	return f.(*failure).ch
}

// panicked records a panic that scorch reported for the store at path.
func panicked(path string) {
	f, _ := failedStores.LoadOrStore(filepath.Clean(path), &failure{ch: make(chan struct{})})
	f.(*failure).once.Do(func() { close(f.(*failure).ch) })
}

// forgetFailed forgets what was reported for the index in dir: it is
// opened or closed.
func forgetFailed(dir string) { failedStores.Delete(storeKey(dir)) }

// isPanic reports whether a background error of scorch is a panic it
// recovered.
func isPanic(err error) bool { return errors.Is(err, scorch.ErrAsyncPanic) }

func storeKey(dir string) string { return filepath.Join(dir, "store") }

// errBackground is returned by a sync whose writes stopped because scorch's
// background work failed.
var errBackground = errors.New("the index stopped writing to the disk (its files are damaged)")

// closeGrace is how long closing an index waits, once scorch's background
// work panicked, before giving up: the index then stays open until brief
// exits. (A variable for tests.)
var closeGrace = 2 * time.Second

// closeIndex closes a bleve index. bleve panics when an index is closed
// twice, and a damaged index may panic while closing: both become errors.
// Closing waits for scorch to finish what it is writing, however long that
// takes, unless its background work panicked (see storeFailure).
func closeIndex(idx bleve.Index) error {
	dir := idx.Name() // the index folder; "" in memory
	if dir == "" {
		return closeNow(idx)
	}
	failed := storeFailure(dir)
	defer forgetFailed(dir)
	done := make(chan error, 1)
	go func() { done <- closeNow(idx) }()
	select {
	case err := <-done:
		return err
	case <-failed:
	}
	select {
	case err := <-done:
		return err
	case <-time.After(closeGrace):
		return fmt.Errorf("close the index in %s: its background work failed, and closing it did not end within %s; it stays open until brief exits", dir, closeGrace)
	}
}

// closeNow closes idx, making a panic an error.
func closeNow(idx bleve.Index) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("close the index: %v", r)
		}
	}()
	return idx.Close()
}
