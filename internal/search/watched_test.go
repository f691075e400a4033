package search

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/index"
	"github.com/briefreader/brief/internal/remote"
)

// waitWatched checks what a search opened now sees.
func waitWatched(t *testing.T, s *Service, want bool, why string) {
	t.Helper()
	got, reason := s.Watched()
	if got != want || why != "" && !strings.Contains(reason, why) {
		t.Fatalf("watched = %v (%s), want %v (%s)", got, reason, want, why)
	}
}

// A live service that a watcher follows claims the index; a search beside
// it trusts the index only while every change it was told of is indexed.
func TestWatchedIndex(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	write(t, filepath.Join(lib, "a.md"), "# A\n\n## Harbour\n\nThe zanzibar harbour.\n")
	watcher := open(t, lib, cache, true)
	// Each "other" is a brief search in another process: it opens the
	// index (a copy of the watcher's, as it is then) and asks.
	other := func() *Service { return open(t, lib, cache, false) }
	waitWatched(t, other(), false, "nothing watches")

	watcher.Watching(true)
	waitFresh(t, watcher)
	waitWatched(t, other(), true, "")
	opened := other()

	// A change seen but not indexed yet: the index is not trusted.
	watcher.live.watching.changed()
	if ok, why := other().Watched(); ok || !strings.Contains(why, "catching up") {
		t.Errorf("with a change waiting: watched = %v (%s)", ok, why)
	}
	write(t, filepath.Join(lib, "b.md"), "# B\n\n## Quay\n\nThe quokka quay.\n")
	watcher.Changed([]string{filepath.Join(lib, "b.md")})
	waitFresh(t, watcher)
	ans, err := other().SyncAndSearch(context.Background(), index.Request{Query: "quokka"}, nil)
	if err != nil || strings.Join(places(ans), " ") != "b.md#quay" {
		t.Errorf("search beside the watcher: %v %v", places(ans), err)
	}
	// A search that opened its copy before the watcher's last sync has an
	// older index: it checks the files.
	if ok, why := opened.Watched(); ok || !strings.Contains(why, "since this search opened") {
		t.Errorf("an older copy: watched = %v (%s)", ok, why)
	}

	watcher.Watching(false) // the watcher stopped following (watches ran out)
	waitWatched(t, other(), false, "nothing watches")
	watcher.Watching(true)
	waitFresh(t, watcher)
	waitWatched(t, other(), true, "")
	if err := watcher.Close(); err != nil {
		t.Fatal(err)
	}
	waitWatched(t, other(), false, "nothing watches")
}

// waitFresh waits for the watcher's claim to say every change is indexed.
func waitFresh(t *testing.T, watcher *Service) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		w := &watcher.live.watching
		w.mu.Lock()
		fresh := w.watch != nil && w.watch.Syncs() > 0 && !w.pending
		w.mu.Unlock()
		if fresh {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the watcher never caught up")
		}
		time.Sleep(5 * time.Millisecond) // polls the watcher's state, not a screen
	}
}

// A watcher answers the searches of other processes on its socket while
// every change it saw is indexed, declines while one waits, and stops
// answering when it stops watching.
func TestWatcherAnswersOthers(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	write(t, filepath.Join(lib, "a.md"), "# A\n\n## Harbour\n\nThe zanzibar harbour.\n")
	watcher := open(t, lib, cache, true)
	roots, _ := briefings.ResolveRoots([]string{lib})
	socket := index.AnswerSocket(cache, roots)
	if socket == "" {
		t.Fatalf("no socket for %s in %s", lib, cache)
	}
	ask := func(query string) (Answer, error) {
		reply, err := remote.Ask(context.Background(), socket, index.Request{Query: query})
		return Answer{Results: reply.Results}, err
	}
	if _, err := ask("zanzibar"); err == nil {
		t.Fatal("a service that does not watch answered")
	}

	watcher.Watching(true)
	waitFresh(t, watcher)
	ans, err := ask("zanzibar")
	if err != nil || strings.Join(places(ans), " ") != "a.md#harbour" {
		t.Fatalf("asked the watcher: %v %v", places(ans), err)
	}
	if _, err := ask("in:highlights zanzibar"); err == nil {
		t.Error("the watcher answered a search of the asker's highlights")
	}

	watcher.live.watching.changed() // a change seen, not indexed yet
	var declined *remote.DeclinedError
	if _, err := ask("zanzibar"); !errors.As(err, &declined) || !strings.Contains(declined.Why, "catching up with changes") {
		t.Errorf("with a change waiting: %v, want declined", err)
	}
	write(t, filepath.Join(lib, "b.md"), "# B\n\n## Quay\n\nThe quokka quay.\n")
	watcher.Changed([]string{filepath.Join(lib, "b.md")})
	waitFresh(t, watcher)
	if ans, err := ask("quokka"); err != nil || strings.Join(places(ans), " ") != "b.md#quay" {
		t.Errorf("after the change was indexed: %v %v", places(ans), err)
	}

	watcher.Watching(false)
	if _, err := ask("zanzibar"); err == nil {
		t.Error("the watcher still answers after it stopped watching")
	}
	watcher.Watching(true)
	waitFresh(t, watcher)
	if _, err := ask("zanzibar"); err != nil {
		t.Errorf("watching again: %v", err)
	}
	if err := watcher.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(socket); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the socket outlived the service: %v", err)
	}
}

// A watcher that could not claim the index (another watcher held it, and
// its own was a private copy) takes the claim, and the answering, over
// once the other is gone.
func TestSecondWatcherTakesOver(t *testing.T) {
	old := retryEvery
	retryEvery = 20 * time.Millisecond
	t.Cleanup(func() { retryEvery = old })
	lib, cache := t.TempDir(), t.TempDir()
	write(t, filepath.Join(lib, "a.md"), "# A\n\n## Harbour\n\nThe zanzibar harbour.\n")
	first := open(t, lib, cache, true)
	first.Watching(true)
	waitFresh(t, first)
	second := open(t, lib, cache, true) // beside the first: a private copy
	second.Watching(true)
	roots, _ := briefings.ResolveRoots([]string{lib})
	socket := index.AnswerSocket(cache, roots)
	if _, err := remote.Ask(context.Background(), socket, index.Request{Query: "zanzibar"}); err != nil {
		t.Fatalf("the first watcher does not answer: %v", err)
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		reply, err := remote.Ask(context.Background(), socket, index.Request{Query: "zanzibar"})
		if err == nil && len(reply.Results.Hits) == 1 {
			break // only the second can answer now
		}
		if time.Now().After(deadline) {
			t.Fatalf("the second watcher never took over: %v", err)
		}
		time.Sleep(10 * time.Millisecond) // polls another goroutine's progress, not a screen
	}
	waitFresh(t, second)
	if ok, why := open(t, lib, cache, false).Watched(); !ok {
		t.Errorf("after the takeover a search does not trust the index: %s", why)
	}
}
