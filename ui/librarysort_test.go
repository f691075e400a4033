package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/internal/catalog"
	"github.com/charmbracelet/x/ansi"
)

func entry(path, title string, date string) briefings.Entry {
	e := briefings.Entry{Path: path, RelPath: strings.TrimPrefix(path, "/lib/"), Title: title, Sections: 1, Words: 10}
	if date != "" {
		e.Date, _ = time.Parse("2006-01-02", date)
	}
	return e
}

func catalogOf(entries ...briefings.Entry) *catalog.Catalog {
	return &catalog.Catalog{Roots: []briefings.Root{{Path: "/lib", Dir: true}}, Entries: entries}
}

func visibleTitles(l *library) []string {
	var out []string
	for _, it := range l.list.VisibleItems() {
		out = append(out, it.(libraryItem).e.Title)
	}
	return out
}

func newTestLibrary() *library {
	l := newLibrary(newStyles(true))
	l.setSize(80, 40)
	steady := l.list.FilterInput.Styles()
	steady.Cursor.Blink = false
	l.list.FilterInput.SetStyles(steady)
	return l
}

// The cached list shows first, then the checked one, with a file new since
// the last run at the top: the cursor is on the first entry, not on the
// one that was first in the cache.
func TestLibraryCursorStartsOnTheFirstEntry(t *testing.T) {
	l := newTestLibrary()
	runAll(l.setLibrary(catalogOf(entry("/lib/a.md", "Older", "2024-01-01"), entry("/lib/b.md", "Oldest", "2023-01-01"))))
	runAll(l.setLibrary(catalogOf(entry("/lib/a.md", "Older", "2024-01-01"), entry("/lib/b.md", "Oldest", "2023-01-01"),
		entry("/lib/c.md", "Newest", "2025-01-01"))))
	if e, _ := l.selected(); e.Title != "Newest" || l.list.Index() != 0 {
		t.Errorf("cursor on %q (row %d), want the first entry", e.Title, l.list.Index())
	}
	// Once the user has moved it, the cursor stays on its briefing.
	runAll(cmdOf(l.update(keyMsg("down"))))
	runAll(l.setLibrary(catalogOf(entry("/lib/a.md", "Older", "2024-01-01"), entry("/lib/b.md", "Oldest", "2023-01-01"),
		entry("/lib/c.md", "Newest", "2025-01-01"), entry("/lib/d.md", "Newer still", "2026-01-01"))))
	if e, _ := l.selected(); e.Title != "Older" {
		t.Errorf("cursor moved off the chosen briefing to %q", e.Title)
	}
}

// After the briefing under the cursor (the last one) is deleted, the cursor
// is on a real row.
func TestLibraryCursorAfterDeletion(t *testing.T) {
	l := newTestLibrary()
	runAll(l.setLibrary(catalogOf(entry("/lib/a.md", "A", "2024-03-01"), entry("/lib/b.md", "B", "2024-02-01"),
		entry("/lib/c.md", "C", "2024-01-01"))))
	runAll(cmdOf(l.update(keyMsg("G"))))
	if e, _ := l.selected(); e.Title != "C" {
		t.Fatalf("G went to %q", e.Title)
	}
	runAll(l.replaceAll(map[string]*briefings.Entry{"/lib/c.md": nil}))
	e, ok := l.selected()
	if !ok || e.Title != "B" {
		t.Errorf("after deleting the last briefing the cursor is on %q (ok %v, row %d of %d)", e.Title, ok, l.list.Index(), len(l.list.Items()))
	}
	if !strings.Contains(ansi.Strip(l.view()), "▌ B") {
		t.Errorf("no row is marked:\n%s", ansi.Strip(l.view()))
	}
	// Deleting one in the middle leaves the cursor on the row after it.
	runAll(cmdOf(l.update(keyMsg("g"))))
	runAll(l.replaceAll(map[string]*briefings.Entry{"/lib/a.md": nil}))
	if e, ok := l.selected(); !ok || e.Title != "B" {
		t.Errorf("after deleting the first briefing the cursor is on %q", e.Title)
	}
}

// "/" then enter with nothing typed is no filter: the header counts the
// briefings instead of `3 of 3 match ""`.
func TestLibraryEmptyFilter(t *testing.T) {
	l := newTestLibrary()
	runAll(l.setLibrary(sampleCatalog()))
	runAll(cmdOf(l.update(keyMsg("/"))))
	if h := ansi.Strip(l.header()); strings.Contains(h, "match") {
		t.Errorf("header while the filter is empty: %q", h)
	}
	runAll(cmdOf(l.update(keyMsg("enter"))))
	if h := ansi.Strip(l.header()); strings.Contains(h, "match") || !strings.Contains(h, "3 briefings") {
		t.Errorf("header after an empty filter: %q", h)
	}
	if l.list.FilterState() != 0 {
		t.Errorf("an empty filter is still applied")
	}
}

// o cycles the order: date (then reading order), title, path.
func TestLibraryOrderKey(t *testing.T) {
	l := newTestLibrary()
	runAll(l.setLibrary(catalogOf(entry("/lib/ch10.md", "Alpha ten", ""), entry("/lib/ch2.md", "Beta two", ""),
		entry("/lib/z.md", "Charlie news", "2024-01-01"))))
	if got := strings.Join(visibleTitles(l), ","); got != "Charlie news,Beta two,Alpha ten" {
		t.Errorf("by date: %s", got)
	}
	runAll(cmdOf(l.update(keyMsg("o"))))
	if got := strings.Join(visibleTitles(l), ","); got != "Alpha ten,Beta two,Charlie news" {
		t.Errorf("by title: %s", got)
	}
	if h := ansi.Strip(l.header()); !strings.Contains(h, "by title") {
		t.Errorf("header does not say the order: %q", h)
	}
	runAll(cmdOf(l.update(keyMsg("o"))))
	if got := strings.Join(visibleTitles(l), ","); got != "Beta two,Alpha ten,Charlie news" {
		t.Errorf("by path: %s", got)
	}
	runAll(cmdOf(l.update(keyMsg("o"))))
	if got := strings.Join(visibleTitles(l), ","); got != "Charlie news,Beta two,Alpha ten" {
		t.Errorf("back to date: %s", got)
	}
}
