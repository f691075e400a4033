package ui

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/index"
	"github.com/briefreader/brief/internal/catalog"
	"github.com/briefreader/brief/internal/hostile"
	"github.com/briefreader/brief/internal/search"
)

// hostileLibrary writes the hostile fixtures and loads them.
func hostileLibrary(t *testing.T) (string, []*briefings.Briefing) {
	t.Helper()
	dir := t.TempDir()
	if _, err := hostile.WriteDir(dir); err != nil {
		t.Fatal(err)
	}
	lib := briefings.Load([]string{dir}, briefings.LoadOptions{})
	return dir, lib.Briefings
}

func checkSafe(t *testing.T, where, screen string) {
	t.Helper()
	if bad := hostile.ForeignEscape(screen); bad != "" {
		t.Errorf("%s: escape sequence that is not styling: %s", where, bad)
	}
}

// TestHostileFilesInEveryScreen renders every hostile fixture in the
// library list, the reader (with find), the presenter (every page of every
// section), the notes follower and the search screen, and scans what would
// reach the terminal.
func TestHostileFilesInEveryScreen(t *testing.T) {
	dir, list := hostileLibrary(t)

	lib := newLibrary(newStyles(true))
	lib.setSize(100, 30)
	lib.setLibrary(catalog.Load([]string{dir}, catalog.Options{}))
	checkSafe(t, "library", lib.view())
	lib.showing = &problemList{}
	checkSafe(t, "problems", lib.view())

	for _, b := range list {
		if b.RelPath == "many-headings.md" {
			continue // 10,000 sections: covered by the renderer's own test
		}
		r := openReader(t, b, nil, 100, 30)
		for range 5 {
			checkSafe(t, "reader "+b.RelPath, r.view())
			press(r, "space")
		}
		press(r, "/")
		typeText(r, "a")
		checkSafe(t, "reader find "+b.RelPath, r.view())
		press(r, "esc", "t")
		checkSafe(t, "contents "+b.RelPath, r.view())
		press(r, "esc", "o")
		checkSafe(t, "links "+b.RelPath, r.view())

		status := filepath.Join(t.TempDir(), "presenting.json")
		p, _ := newTestPresenter(t, b, -1, 100, 30, PresentOptions{StatusPath: status})
		for part := range p.deck.parts {
			for page := range p.deck.part(part).pages {
				p.part, p.page = part, page
				p.share()
				checkSafe(t, "presenter "+b.RelPath, p.view())
				n := newConsoleModel(ConsoleOptions{StatusPath: status})
				n.refresh()
				checkSafe(t, "console "+b.RelPath, n.render(100, 40, true))
				checkSafe(t, "narrow console "+b.RelPath, n.render(60, 30, true))
			}
		}
	}

	svc, err := search.Open(context.Background(), search.Options{
		Roots: []briefings.Root{{Path: dir, Dir: true}}, Index: index.Options{Dir: t.TempDir(), Log: discardLog{}},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, err := svc.Sync(ctx, nil); err != nil {
		t.Fatal(err)
	}
	s := newTestSearcher(t, svc)
	hits := 0
	for _, q := range []string{"body", "text", "heading", "pwned", "aGFja2Vk", "title", "deep", "refs", "innocent"} {
		s.input.SetValue(q)
		searchNow(s)
		hits += len(s.hits)
		checkSafe(t, "search "+q, s.view())
	}
	if hits < 5 {
		t.Errorf("only %d hits: the search screen was barely exercised", hits)
	}
}
