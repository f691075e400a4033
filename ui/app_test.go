package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/briefreader/brief/internal/catalog"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"
)

// probeMsg runs a function on the model inside the program's event loop,
// where reading it is safe. A program filter (not the model) handles it.
type probeMsg struct{ fn func(*Model) }

func probeFilter(m tea.Model, msg tea.Msg) tea.Msg {
	if p, ok := msg.(probeMsg); ok {
		p.fn(m.(*Model))
		return nil
	}
	return msg
}

// sampleCatalog lists the sample library.
func sampleCatalog() *catalog.Catalog { return catalog.Load(nil, catalog.Options{}) }

// teatestModel is a running test program.
type teatestModel = teatest.TestModel

// startApp runs the app in a test program at 80×24 with a fixed colour
// profile and environment, on the given library.
func startApp(t *testing.T, load func() *catalog.Catalog) *teatest.TestModel {
	t.Helper()
	return startAppWith(t, Options{
		Load:  func(func(int, int)) *catalog.Catalog { return load() },
		Style: "dark",
		Store: newStore(t, t.TempDir()),
	})
}

// startAppWith runs the app with the given options.
func startAppWith(t *testing.T, opts Options) *teatest.TestModel {
	t.Helper()
	m := New(opts)
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 24),
		teatest.WithProgramOptions(
			tea.WithColorProfile(colorprofile.ANSI256),
			tea.WithEnvironment([]string{"TERM=xterm-256color", "SSH_TTY=test"}),
			tea.WithFilter(probeFilter),
		))
	t.Cleanup(func() {
		_ = tm.Quit()
		tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
		m.closeWrites() // as Run does: no write after the test's folders go
	})
	return tm
}

// inspect returns what fn computes from the model, read in the event loop.
func inspect[T any](t *testing.T, tm *teatest.TestModel, fn func(*Model) T) T {
	t.Helper()
	ch := make(chan T, 1)
	tm.Send(probeMsg{func(m *Model) { ch <- fn(m) }})
	select {
	case v := <-ch:
		return v
	case <-time.After(5 * time.Second):
		t.Fatal("the program did not answer a probe within 5 s")
	}
	var zero T
	return zero
}

// waitForScreen polls the screen (the model's view without styling) until
// it contains all of want, failing after a deadline.
func waitForScreen(t *testing.T, tm *teatest.TestModel, want ...string) string {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		screen := inspect(t, tm, func(m *Model) string { return ansi.Strip(m.View().Content) })
		missing := ""
		for _, w := range want {
			if !strings.Contains(screen, w) {
				missing = w
				break
			}
		}
		if missing == "" {
			return screen
		}
		if time.Now().After(deadline) {
			t.Fatalf("screen never showed %q:\n%s", missing, screen)
		}
		time.Sleep(10 * time.Millisecond) // poll interval, bounded by the deadline
	}
}

// waitUntil polls a condition on the model until it holds or a deadline.
func waitUntil(t *testing.T, tm *teatest.TestModel, what string, cond func(*Model) bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !inspect(t, tm, cond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting until %s", what)
		}
		time.Sleep(10 * time.Millisecond) // poll interval, bounded by the deadline
	}
}

// readerReady reports that the reader is open and fully rendered.
func readerReady(m *Model) bool {
	return m.screen() == readerScreen && m.rd.doc != nil && m.rd.next == nil && m.rd.doc.complete()
}

func goldenView(t *testing.T, tm *teatest.TestModel) {
	t.Helper()
	golden.RequireEqual(t, inspect(t, tm, func(m *Model) string { return m.View().Content }))
}

func openUkraine(t *testing.T, tm *teatest.TestModel) {
	t.Helper()
	waitForScreen(t, tm, "3 briefings")
	tm.Type("jj")
	tm.Send(keyMsg("enter"))
	waitUntil(t, tm, "the reader is ready", readerReady)
}

func TestGoldenLibrary(t *testing.T) {
	tm := startApp(t, sampleCatalog)
	waitForScreen(t, tm, "3 briefings", "Ukraine, ATACMS")
	goldenView(t, tm)
}

func TestGoldenReader(t *testing.T) {
	tm := startApp(t, sampleCatalog)
	openUkraine(t, tm)
	goldenView(t, tm)
}

func TestGoldenTOC(t *testing.T) {
	tm := startApp(t, sampleCatalog)
	openUkraine(t, tm)
	tm.Type("tj")
	waitForScreen(t, tm, "Contents")
	goldenView(t, tm)
}

func TestGoldenFind(t *testing.T) {
	tm := startApp(t, sampleCatalog)
	openUkraine(t, tm)
	tm.Type("/korea")
	waitForScreen(t, tm, "/korea", "found")
	goldenView(t, tm)
}

func TestGoldenHelp(t *testing.T) {
	tm := startApp(t, sampleCatalog)
	openUkraine(t, tm)
	tm.Type("?")
	waitForScreen(t, tm, "Reading keys")
	goldenView(t, tm)
}

func TestAppOpenAndGoBack(t *testing.T) {
	tm := startApp(t, sampleCatalog)
	openUkraine(t, tm)
	tm.Type("3")
	waitForScreen(t, tm, "› Shifting the Balance")
	tm.Type("q")
	waitForScreen(t, tm, "3 briefings")
	// Opening it again returns to the same section.
	tm.Send(keyMsg("enter"))
	waitUntil(t, tm, "the reader is back", readerReady)
	waitForScreen(t, tm, "› Shifting the Balance")
}

func TestAppShowsProblems(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "good.md"), []byte("# Good\n\ntext\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "bad.md"), []byte(strings.Repeat("\x00\x01", 100)), 0o644); err != nil {
		t.Fatal(err)
	}
	tm := startApp(t, func() *catalog.Catalog { return catalog.Load([]string{dir}, catalog.Options{}) })
	waitForScreen(t, tm, "1 briefing", "1 file did not load (!)")
	tm.Type("!")
	waitForScreen(t, tm, "Files with problems", "bad.md", "binary")
	tm.Send(keyMsg("esc"))
	waitForScreen(t, tm, "Good")
}

func TestAppLiveReload(t *testing.T) {
	tm, path, write := openLiveBriefing(t)
	tm.Type("3")
	waitForScreen(t, tm, "› Second")

	write("# Live\n\n## Inserted\n\nNew.\n\n## First\n\nOne.\n\n## Second\n\nTwo, edited.\n")
	tm.Send(filesChangedMsg{paths: []string{path}})
	waitForScreen(t, tm, "Two, edited.", "› Second")

	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	tm.Send(filesChangedMsg{paths: []string{path}})
	waitForScreen(t, tm, "does not exist; showing the last version")
	tm.Type("q")
	waitForScreen(t, tm, "0 briefings")
}

func TestAppFollowsLinksBetweenBriefings(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.md", "---\ntitle: First\ndate: 2025-01-02\n---\n## Start\n\nRead [the second part](b.md#part-two) next,\nor [back here](#end).\n\n## End\n\nDone.\n")
	write("b.md", "---\ntitle: Second\ndate: 2025-01-01\n---\n## Part one\n\nOne.\n\n## Part two\n\nTwo.\n")
	tm := startApp(t, func() *catalog.Catalog { return catalog.Load([]string{dir}, catalog.Options{}) })
	waitForScreen(t, tm, "2 briefings")
	tm.Send(keyMsg("enter")) // First is the newest
	waitUntil(t, tm, "First is open", readerReady)
	tm.Type("1o")
	waitForScreen(t, tm, "Links in this section", "the second part", "→ b.md#part-two")
	tm.Send(keyMsg("enter"))
	waitUntil(t, tm, "Second is open at part two", func(m *Model) bool {
		return readerReady(m) && m.rd.b.Title == "Second" && m.rd.current() == 1
	})
	tm.Send(keyMsg("esc"))
	waitUntil(t, tm, "back in First at Start", func(m *Model) bool {
		return readerReady(m) && m.rd.b.Title == "First" && m.rd.current() == 0
	})
	tm.Type("oj")
	tm.Send(keyMsg("enter"))
	waitUntil(t, tm, "the in-briefing link jumped", func(m *Model) bool { return m.rd.current() == 1 })
	tm.Send(keyMsg("esc"))
	waitForScreen(t, tm, "2 briefings")
}

// TestAppFollowsReferenceLinksInACycle: chapters of a book written for
// mdBook link each other with reference links to ".html" pages, the
// definitions at the end of the file. The "o" list has them, enter opens
// the markdown chapter, a cycle of links goes round as often as it is
// followed and esc comes back along it; a javascript: definition is text.
func TestAppFollowsReferenceLinksInACycle(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("ch01.md", "## One\n\nGo on to [the next chapter][next], not [this][bad].\n\n[next]: ch02.html\n[bad]: javascript:alert(1)\n")
	write("ch02.md", "## Two\n\nBack to [the first chapter][back].\n\n[back]: ch01.html#one\n")
	tm := startApp(t, func() *catalog.Catalog { return catalog.Load([]string{dir}, catalog.Options{}) })
	waitForScreen(t, tm, "2 briefings")
	tm.Send(keyMsg("enter"))
	waitUntil(t, tm, "a chapter is open", readerReady)
	first := inspect(t, tm, func(m *Model) string { return m.rd.b.Title })
	screen := waitForScreen(t, tm, "not this.")
	if strings.Contains(screen, "javascript") || strings.Contains(screen, "ch02.html") {
		t.Errorf("the reader shows link targets it should not:\n%s", screen)
	}
	titles := []string{first}
	for range 4 {
		tm.Type("o")
		screen := waitForScreen(t, tm, "Links in this section")
		if strings.Contains(screen, "javascript") {
			t.Fatalf("a javascript: link is listed:\n%s", screen)
		}
		tm.Send(keyMsg("enter"))
		prev := titles[len(titles)-1]
		waitUntil(t, tm, "the other chapter is open", func(m *Model) bool {
			return readerReady(m) && m.rd.b.Title != prev
		})
		titles = append(titles, inspect(t, tm, func(m *Model) string { return m.rd.b.Title }))
	}
	if titles[1] == titles[0] || titles[2] != titles[0] || titles[3] != titles[1] {
		t.Fatalf("following went %q", titles)
	}
	for i := len(titles) - 2; i >= 0; i-- {
		tm.Send(keyMsg("esc"))
		want := titles[i]
		waitUntil(t, tm, "back at "+want, func(m *Model) bool { return readerReady(m) && m.rd.b.Title == want })
	}
	tm.Send(keyMsg("esc"))
	waitForScreen(t, tm, "2 briefings")
}
