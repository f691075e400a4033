package index

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
)

// stuckIndex is an index whose Close waits until released, as scorch's
// does when its persister panicked inside a bolt transaction (bolt's
// writer lock stays held).
type stuckIndex struct {
	anIndex
	dir     string
	release chan struct{}
}

func (s stuckIndex) Name() string { return s.dir }
func (s stuckIndex) Close() error { <-s.release; return nil }

// anIndex is bleve.Index under a name that does not hide its Index method.
type anIndex = bleve.Index

// scorchPanic is what scorch reports when its background work panicked.
func scorchPanic(dir string) {
	persistFailed(scorch.NewScorchError("persister", "panic: invalid freelist page, path: "+dir, scorch.ErrAsyncPanic), filepath.Join(dir, "store"))
}

// closeWithin closes idx in a goroutine; it fails the test when that does
// not end within hangLimit.
func closeWithin(t *testing.T, idx bleve.Index) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- closeIndex(idx) }()
	select {
	case err := <-done:
		return err
	case <-time.After(hangLimit):
		t.Fatalf("closing the index did not end within %s (a hang)", hangLimit)
		return nil
	}
}

func TestCloseGivesUpAfterABackgroundPanic(t *testing.T) {
	closeGrace = 10 * time.Millisecond
	t.Cleanup(func() { closeGrace = 2 * time.Second })
	dir := t.TempDir()
	idx := stuckIndex{dir: dir, release: make(chan struct{})}
	defer close(idx.release)
	scorchPanic(dir) // before the close, as when the persister died at open
	if err := closeWithin(t, idx); err == nil {
		t.Error("closing an index whose background work panicked: no error")
	}

	// A panic reported while the close waits.
	other := stuckIndex{dir: t.TempDir(), release: make(chan struct{})}
	defer close(other.release)
	done := make(chan error, 1)
	go func() { done <- closeIndex(other) }()
	scorchPanic(other.dir)
	select {
	case err := <-done:
		if err == nil {
			t.Error("no error")
		}
	case <-time.After(hangLimit):
		t.Fatalf("closing the index did not end within %s (a hang)", hangLimit)
	}
}

// Without a panic, closing waits for the index, however long it takes.
func TestCloseWaitsForAnIndexThatIsNotBroken(t *testing.T) {
	idx := stuckIndex{dir: t.TempDir(), release: make(chan struct{})}
	done := make(chan error, 1)
	go func() { done <- closeIndex(idx) }()
	select {
	case err := <-done:
		t.Fatalf("closeIndex returned before the index closed: %v", err)
	default:
	}
	close(idx.release)
	if err := <-done; err != nil {
		t.Errorf("close: %v", err)
	}
}

// A sync waiting for its writes to reach the disk stops when scorch's
// background work panicked, also when the panic came before it watched.
func TestWaitPersistedStopsOnABackgroundPanic(t *testing.T) {
	dir := t.TempDir()
	forgetFailed(dir)
	scorchPanic(dir)
	w := &batchWriter{ctx: context.Background(), broken: storeFailure(dir)}
	done := make(chan error, 1)
	go func() { done <- w.waitPersisted(make(chan error)) }()
	select {
	case err := <-done:
		if !errors.Is(err, errBackground) {
			t.Errorf("waitPersisted: %v, want %v", err, errBackground)
		}
	case <-time.After(hangLimit):
		t.Fatalf("waitPersisted did not end within %s (a hang)", hangLimit)
	}
	forgetFailed(dir)
}
