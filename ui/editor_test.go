package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefreader/brief/internal/catalog"
)

// Quitting the editor without saving (e, then :q!) does not report the
// file as changed; saving a change does.
func TestEditorQuitWithoutSaving(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "note.md")
	if err := os.WriteFile(path, []byte("# Note\n\n## One\n\nFirst text.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tm := startAppWith(t, Options{
		Load:  func(func(int, int)) *catalog.Catalog { return catalog.Load([]string{dir}, catalog.Options{}) },
		Style: "dark", Store: newStore(t, t.TempDir()), Open: path,
	})
	waitUntil(t, tm, "the reader is ready", readerReady)
	tm.Send(editorDoneMsg{path: path}) // the editor quit; the file is as it was
	screen := waitForScreen(t, tm, "note.md was not changed.")
	if strings.Contains(screen, "changed on disk") {
		t.Errorf("reported a change:\n%s", screen)
	}
	if err := os.WriteFile(path, []byte("# Note\n\n## One\n\nSecond text.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tm.Send(editorDoneMsg{path: path})
	waitForScreen(t, tm, "note.md changed on disk; reloaded.", "Second text.")
}
