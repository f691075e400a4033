package state

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

// Tests of the files on disk: damaged, newer, unreadable, unwritable.

func TestMissingAndEmptyFiles(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{stateFile, historyFile} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(" \n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	s := open(t, dir) // no warning for an empty file
	s.AddHistory("x")
	save(t, s)
	if asides, _ := filepath.Glob(filepath.Join(dir, "*.corrupt*")); len(asides) > 0 {
		t.Errorf("an empty file was treated as damaged: %q", asides)
	}
}

func TestNewerVersion(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, stateFile)
	content := `{"version": 9, "briefings": {"a.md": {"position": {"anchor": "x", "fraction": 0.5, "updated": "2026-01-01T00:00:00Z"}, "colour": "red"}}, "themes": {}}`
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	s, warnings, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], "newer version") {
		t.Fatalf("warnings = %q", warnings)
	}
	assertOneLine(t, warnings[0])
	if p, ok := s.Position("a.md"); !ok || p.Anchor != "x" {
		t.Errorf("what this version understands was not read: %+v, %v", p, ok)
	}
	s.SetPosition("b.md", Position{Anchor: "y"})
	s.AddHistory("still saved")
	err = s.Save()
	if err == nil || !strings.Contains(err.Error(), "newer version of brief") {
		t.Fatalf("Save over a newer file: %v", err)
	}
	assertOneLine(t, err.Error())
	if data, _ := os.ReadFile(path); string(data) != content {
		t.Error("a newer-format file was overwritten")
	}
	if r, _, _ := Open(dir); !slices.Equal(r.History(), []string{"still saved"}) {
		t.Errorf("the other file was not saved: %q", r.History())
	}
}

func TestStateFileIsAFolder(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, stateFile), 0o700); err != nil {
		t.Fatal(err)
	}
	s, warnings, err := Open(dir)
	if err != nil || len(warnings) != 1 {
		t.Fatalf("Open: %q, %v", warnings, err)
	}
	assertOneLine(t, warnings[0])
	s.SetPosition("a.md", Position{})
	err = s.Save()
	if want := "cannot save reading positions and bookmarks: " + filepath.Join(dir, stateFile) + " is a folder, not a regular file"; err == nil || err.Error() != want {
		t.Fatalf("Save:\n got %v\nwant %s", err, want)
	}
}

// Works as root too: the state folder cannot be created because a file is
// where its parent should be.
func TestUnwritableFolder(t *testing.T) {
	base := t.TempDir()
	file := filepath.Join(base, "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	s := open(t, filepath.Join(file, "brief"))
	s.SetPosition("a.md", Position{Anchor: "x"})
	s.AddHistory("q")
	err := s.Save()
	if err == nil {
		t.Fatal("Save succeeded under a regular file")
	}
	want := "cannot save reading positions, bookmarks and search history: " + file + " is a file, not a folder"
	if err.Error() != want {
		t.Fatalf("Save error:\n got %q\nwant %q", err, want)
	}
	if !errors.Is(err, syscall.ENOTDIR) {
		t.Errorf("error does not wrap ENOTDIR: %#v", err)
	}
	// The store keeps working, and saves once the way is clear.
	if p, ok := s.Position("a.md"); !ok || p.Anchor != "x" {
		t.Fatal("store lost its state after a failed save")
	}
	if err := os.Remove(file); err != nil {
		t.Fatal(err)
	}
	save(t, s)
	if got := open(t, s.Dir()).History(); !slices.Equal(got, []string{"q"}) {
		t.Fatalf("after retry: %q", got)
	}
}

func TestReadOnlyFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root ignores permissions; TestUnwritableFolder covers this case")
	}
	dir := t.TempDir()
	s := open(t, dir)
	s.SetPosition("a.md", Position{Anchor: "old"})
	save(t, s)
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o700) })
	s.SetPosition("a.md", Position{Anchor: "new"})
	err := s.Save()
	if want := "cannot save reading positions and bookmarks: no permission to write in " + dir; err == nil || err.Error() != want {
		t.Fatalf("Save error:\n got %v\nwant %s", err, want)
	}
	if p, _ := s.Position("a.md"); p.Anchor != "new" {
		t.Fatal("store lost its state after a failed save")
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	save(t, s)
	if p, _ := open(t, dir).Position("a.md"); p.Anchor != "new" {
		t.Fatalf("after retry: %+v", p)
	}
}

// A failure at any step of a write (a full disk, say) leaves the old file
// whole, no temporary file behind, and the change still waiting to be saved.
func TestFailedWriteKeepsOldFile(t *testing.T) {
	for _, stage := range []string{"created", "half-written", "written", "synced"} {
		t.Run(stage, func(t *testing.T) {
			dir := t.TempDir()
			s := open(t, dir)
			s.SetPosition("a.md", Position{Anchor: "old"})
			save(t, s)
			old, _ := os.ReadFile(filepath.Join(dir, stateFile))

			s.SetPosition("a.md", Position{Anchor: "new"})
			s.hook = func(st string) error {
				if st == stage {
					return &os.PathError{Op: "write", Path: filepath.Join(dir, ".tmp"), Err: syscall.ENOSPC}
				}
				return nil
			}
			err := s.Save()
			if want := "cannot save reading positions and bookmarks: the disk is full (" + dir + ")"; err == nil || err.Error() != want {
				t.Fatalf("Save error:\n got %v\nwant %s", err, want)
			}
			if now, _ := os.ReadFile(filepath.Join(dir, stateFile)); string(now) != string(old) {
				t.Fatalf("state file changed by a failed save:\n%s", now)
			}
			assertNoTemps(t, dir)
			s.hook = nil
			save(t, s)
			if p, _ := open(t, dir).Position("a.md"); p.Anchor != "new" {
				t.Fatalf("retry did not save: %+v", p)
			}
		})
	}
}

func assertNoTemps(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), tempSuffix) {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

// A state folder that cannot be created says which folder and why (it
// used to say "/ is read-only" when the folder was under "/").
func TestFolderThatCannotBeCreated(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root ignores permissions")
	}
	base := t.TempDir()
	if err := os.Chmod(base, 0o500); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(base, 0o700) })
	dir := filepath.Join(base, ".local", "state", "brief")
	s := open(t, dir)
	s.SetPosition("a.md", Position{Anchor: "x"})
	want := "cannot save reading positions and bookmarks: no permission to create " + dir + " in " + base
	if err := s.Save(); err == nil || err.Error() != want {
		t.Fatalf("Save:\n got %v\nwant %s", err, want)
	}
}
