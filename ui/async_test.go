package ui

import (
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/index"
	"github.com/briefreader/brief/internal/catalog"
	"github.com/briefreader/brief/internal/search"
)

// The presenter's / search runs off the UI goroutine: while the search
// service takes its time (here it blocks until released), the slides keep
// paging; its answer, once it comes, moves to the match.
func TestPresenterPagesWhileASearchBlocks(t *testing.T) {
	svc := newFakeSearch()
	svc.block = make(chan struct{})
	b := sampleBriefing(t, "ukraine")
	tm := startAppWith(t, Options{
		Load:           func(func(int, int)) *catalog.Catalog { return sampleCatalog() },
		Style:          "dark",
		Store:          newStore(t, t.TempDir()),
		Present:        &PresentRequest{Path: b.Path, Section: -1},
		PresentOptions: PresentOptions{StatusPath: filepath.Join(t.TempDir(), "presenting.json")},
		OpenSearch:     func() (SearchService, error) { return svc, nil },
	})
	waitUntil(t, tm, "presenting with search", func(m *Model) bool {
		return m.screen() == presenterScreen && m.pr != nil && m.pr.search != nil
	})
	tm.Type("/sphere of influence")
	tm.Send(keyMsg("enter"))
	waitUntil(t, tm, "the search was asked", func(*Model) bool { return len(svc.requests()) > 0 })
	tm.Send(keyMsg("space"))
	waitUntil(t, tm, "the next slide, the search still blocked", func(m *Model) bool { return m.pr.part == 1 })
	tm.Send(keyMsg("space"))
	waitUntil(t, tm, "the slide after", func(m *Model) bool { return m.pr.part == 2 || m.pr.page == 1 })
	close(svc.block)
	want := b.SectionIndex(findSection(t, b, "sphere of influence"))
	waitUntil(t, tm, "the answer moved to the match", func(m *Model) bool { return m.pr.section() == want })
}

// findSection returns the anchor of the first section whose text holds s.
func findSection(t *testing.T, b *briefings.Briefing, s string) string {
	t.Helper()
	for _, sec := range b.Sections {
		if containsFold(sec.Heading+" "+sec.Body(), s) {
			return sec.Anchor
		}
	}
	t.Fatalf("no section of %s holds %q", b.RelPath, s)
	return ""
}

func containsFold(text, s string) bool {
	return strings.Contains(strings.ToLower(text), strings.ToLower(s))
}

// Files that change on disk go to the search service, and when it says
// that the index changed, the results on screen are searched again: a
// briefing saved while its words are on screen shows up.
func TestSearchResultsFollowTheIndex(t *testing.T) {
	svc := newFakeSearch()
	var mu sync.Mutex
	saved := false
	svc.answer = func(req index.Request) (search.Answer, error) {
		mu.Lock()
		defer mu.Unlock()
		res := &index.Results{}
		if saved {
			res.Hits = []index.Hit{{Path: "/lib/new.md", RelPath: "new.md", Title: "Saved just now", Heading: "Quixotic"}}
			res.Total = 1
		}
		return search.Answer{Results: res}, nil
	}
	tm := startAppWith(t, Options{
		Load:       func(func(int, int)) *catalog.Catalog { return sampleCatalog() },
		Style:      "dark",
		Store:      newStore(t, t.TempDir()),
		Query:      "quixotic",
		OpenSearch: func() (SearchService, error) { return svc, nil },
	})
	waitForScreen(t, tm, "0 sections in")
	mu.Lock()
	saved = true
	mu.Unlock()
	tm.Send(filesChangedMsg{paths: []string{"/lib/new.md"}})
	waitUntil(t, tm, "the change went to the service", func(*Model) bool {
		svc.mu.Lock()
		defer svc.mu.Unlock()
		return len(svc.changed) == 1 && svc.changed[0][0] == "/lib/new.md"
	})
	svc.updates <- search.Update{Progress: &index.Progress{Done: 0, Total: 1}}
	waitForScreen(t, tm, "Indexing 0 of 1 files")
	svc.updates <- search.Update{Synced: true, Changed: true, Stats: index.SyncStats{Added: 1}}
	waitForScreen(t, tm, "Saved just now › Quixotic", "1 section in")
}

// What the watcher has to say (it ran out of watches) is shown once.
func TestWatcherNoticeIsShown(t *testing.T) {
	notices := make(chan string, 1)
	notices <- "live reload is off for 3 folders: too many watches; looking for changes every 2s instead"
	tm := startAppWith(t, Options{
		Load:  func(func(int, int)) *catalog.Catalog { return sampleCatalog() },
		Style: "dark",
		Store: newStore(t, t.TempDir()),
		Watch: func([]briefings.Root) (<-chan []string, <-chan string, func()) {
			return make(chan []string), notices, func() {}
		},
	})
	waitForScreen(t, tm, "live reload is off for 3 folders: too many watches; looking for changes")
}

// The briefing enter opens is read off the UI goroutine; keys typed right
// after enter still reach the reader it opens, not the list.
func TestKeysTypedWhileABriefingOpensReachIt(t *testing.T) {
	tm := startApp(t, sampleCatalog)
	waitForScreen(t, tm, "3 briefings")
	tm.Send(keyMsg("enter"))
	tm.Send(keyMsg("]"))
	tm.Send(keyMsg("]"))
	waitUntil(t, tm, "the reader is ready", readerReady)
	waitUntil(t, tm, "two sections on", func(m *Model) bool { return m.rd.current() == 1 })
}

// The index's first sync may look at the folders before the watcher does:
// once the watcher runs, the service is told to look again, so a file saved
// in between is not missed.
func TestWatchingStartsASync(t *testing.T) {
	svc := newFakeSearch()
	tm := startAppWith(t, Options{
		Load: func(func(int, int)) *catalog.Catalog {
			// The list comes after the service has opened and searched.
			for deadline := time.Now().Add(5 * time.Second); len(svc.requests()) == 0 && time.Now().Before(deadline); {
				runtime.Gosched()
			}
			return sampleCatalog()
		},
		Style:      "dark",
		Store:      newStore(t, t.TempDir()),
		Query:      "quixotic",
		OpenSearch: func() (SearchService, error) { return svc, nil },
		Watch: func([]briefings.Root) (<-chan []string, <-chan string, func()) {
			return make(chan []string), nil, func() {}
		},
	})
	waitUntil(t, tm, "the service was told to look again", func(*Model) bool {
		svc.mu.Lock()
		defer svc.mu.Unlock()
		return len(svc.changed) == 1 && len(svc.changed[0]) > 0
	})
}
