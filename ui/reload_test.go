package ui

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/briefreader/brief/internal/catalog"
)

// openLiveBriefing writes live.md (a lead and two sections) into a new
// library and opens it in the reader. write replaces the file's text.
func openLiveBriefing(t *testing.T) (tm *teatestModel, path string, write func(string)) {
	t.Helper()
	dir := t.TempDir()
	path = filepath.Join(dir, "live.md")
	write = func(text string) {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("# Live\n\n## First\n\nOne.\n\n## Second\n\nTwo.\n")
	tm = startApp(t, func() *catalog.Catalog { return catalog.Load([]string{dir}, catalog.Options{}) })
	waitForScreen(t, tm, "Live")
	tm.Send(keyMsg("enter"))
	waitUntil(t, tm, "the reader is ready", readerReady)
	return tm, path, write
}

// When the briefing open in the reader or in the presenter changes on disk,
// the screen says what happened: reloaded, now empty, or gone (the last
// version stays on screen).
func TestReloadSaysWhatHappened(t *testing.T) {
	for _, presenting := range []bool{false, true} {
		tm, path, write := openLiveBriefing(t)
		if presenting {
			tm.Type("p")
			waitUntil(t, tm, "presenting", func(m *Model) bool { return m.screen() == presenterScreen && m.pr != nil })
		}
		write("# Live\n\n## First\n\nOne, edited.\n")
		tm.Send(filesChangedMsg{paths: []string{path}})
		waitForScreen(t, tm, "live.md changed on disk; reloaded.")
		write("")
		tm.Send(filesChangedMsg{paths: []string{path}})
		waitForScreen(t, tm, "live.md changed on disk and is now empty.")
		if err := os.Remove(path); err != nil {
			t.Fatal(err)
		}
		tm.Send(filesChangedMsg{paths: []string{path}})
		waitForScreen(t, tm, "live.md: does not exist; showing the last version.")
	}
}
