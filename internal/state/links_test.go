//go:build unix

package state

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A state file kept elsewhere (dotfiles in a repository) and linked into
// the state folder is written through its link: the target is replaced
// atomically in its own folder and the link stays.

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

func isLink(path string) bool {
	info, err := os.Lstat(path)
	return err == nil && info.Mode()&os.ModeSymlink != 0
}

func TestSymlinkedStateFileIsWrittenThrough(t *testing.T) {
	for _, relative := range []bool{false, true} {
		t.Run(map[bool]string{false: "absolute link", true: "relative link"}[relative], func(t *testing.T) {
			base := t.TempDir()
			dir, dotfiles := filepath.Join(base, "state"), filepath.Join(base, "dotfiles", "brief")
			for _, d := range []string{dir, dotfiles} {
				if err := os.MkdirAll(d, 0o700); err != nil {
					t.Fatal(err)
				}
			}
			target := filepath.Join(dotfiles, stateFile)
			link := filepath.Join(dir, stateFile)
			linkTo := target
			if relative {
				linkTo = filepath.Join("..", "dotfiles", "brief", stateFile)
			}
			symlink(t, linkTo, link) // a link to a file not there yet
			for i, anchor := range []string{"first", "second"} {
				s := open(t, dir)
				s.SetPosition("/lib/a.md", Position{Anchor: anchor})
				save(t, s)
				if !isLink(link) {
					t.Fatalf("save %d replaced the link with a regular file", i+1)
				}
				if p, ok := open(t, dir).Position("/lib/a.md"); !ok || p.Anchor != anchor {
					t.Fatalf("save %d: %+v, %v", i+1, p, ok)
				}
				if data, err := os.ReadFile(target); err != nil || !strings.Contains(string(data), anchor) {
					t.Fatalf("save %d did not reach the link's target: %v", i+1, err)
				}
			}
			assertNoTemps(t, dotfiles)
		})
	}
}

// A link whose target cannot be written for good (its folder is gone, the
// links loop) is replaced by a regular file holding the state, and the
// user is told once.
func TestSymlinkThatCannotBeWrittenThrough(t *testing.T) {
	cases := map[string]struct {
		link func(t *testing.T, dir string)
		want string
	}{
		"its folder is gone": {
			link: func(t *testing.T, dir string) {
				symlink(t, "/nonexistent/dotfiles/state.json", filepath.Join(dir, stateFile))
			},
			want: "is a symbolic link to /nonexistent/dotfiles/state.json, which cannot be written (its folder /nonexistent/dotfiles does not exist); saved reading positions and bookmarks in a regular file in its place",
		},
		"a loop": {
			link: func(t *testing.T, dir string) {
				symlink(t, "other.json", filepath.Join(dir, stateFile))
				symlink(t, stateFile, filepath.Join(dir, "other.json"))
			},
			want: "which cannot be written (the links lead back to themselves); saved reading positions and bookmarks in a regular file in its place",
		},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			c.link(t, dir)
			s, _, err := Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			s.SetPosition("/lib/a.md", Position{Anchor: "kept"})
			err = s.Save()
			var notice *Notice
			if !errors.As(err, &notice) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("Save: %v\nwant a notice with %q", err, c.want)
			}
			assertOneLine(t, err.Error())
			if isLink(filepath.Join(dir, stateFile)) {
				t.Fatal("the link is still there: the state was not saved")
			}
			// Told once: the next save writes the regular file quietly.
			s.SetPosition("/lib/a.md", Position{Anchor: "again"})
			save(t, s)
			if p, ok := open(t, dir).Position("/lib/a.md"); !ok || p.Anchor != "again" {
				t.Fatalf("after: %+v, %v", p, ok)
			}
		})
	}
}

// A passing fault (a full disk where the target is) fails the save and
// keeps the link: it is not a reason to give up on the user's dotfiles.
func TestSymlinkAndAFullDisk(t *testing.T) {
	base := t.TempDir()
	dir, dotfiles := filepath.Join(base, "state"), filepath.Join(base, "dotfiles")
	for _, d := range []string{dir, dotfiles} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	symlink(t, filepath.Join(dotfiles, stateFile), filepath.Join(dir, stateFile))
	s := open(t, dir)
	s.SetPosition("/lib/a.md", Position{Anchor: "x"})
	s.hook = func(stage string) error {
		if stage == "written" {
			return &os.PathError{Op: "write", Path: filepath.Join(dotfiles, ".tmp"), Err: syscall.ENOSPC}
		}
		return nil
	}
	if err := s.Save(); err == nil || !strings.Contains(err.Error(), "the disk is full") {
		t.Fatalf("Save: %v", err)
	}
	if !isLink(filepath.Join(dir, stateFile)) {
		t.Fatal("a full disk made brief replace the link")
	}
	s.hook = nil
	save(t, s)
	if !isLink(filepath.Join(dir, stateFile)) {
		t.Fatal("the retry replaced the link")
	}
}

// A damaged file behind a link is kept aside beside the link's target.
func TestDamagedFileBehindALink(t *testing.T) {
	base := t.TempDir()
	dir, dotfiles := filepath.Join(base, "state"), filepath.Join(base, "dotfiles")
	for _, d := range []string{dir, dotfiles} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	target := filepath.Join(dotfiles, stateFile)
	mustWrite(t, target, []byte("damaged"))
	symlink(t, target, filepath.Join(dir, stateFile))
	_, warnings, err := Open(dir)
	if err != nil || len(warnings) != 1 || !strings.HasPrefix(warnings[0], target+" is damaged; moved it aside whole as "+target+".corrupt-") {
		t.Fatalf("Open: %q, %v", warnings, err)
	}
	if kept := asides(t, target); len(kept) != 1 {
		t.Fatalf("copies beside the target: %q", kept)
	}
	if !isLink(filepath.Join(dir, stateFile)) {
		t.Fatal("the repair replaced the link")
	}
	open(t, dir)
}

// A named pipe in place of the state file is not opened (it would block).
func TestStateFileIsAFIFO(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, stateFile)
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Skipf("no FIFOs: %v", err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		s, warnings, err := Open(dir)
		if err != nil || len(warnings) != 1 || !strings.Contains(warnings[0], "is a named pipe (FIFO), not a regular file") {
			t.Errorf("Open: %q, %v", warnings, err)
			return
		}
		s.SetPosition("/lib/a.md", Position{})
		if err := s.Save(); err == nil || !strings.Contains(err.Error(), "named pipe") {
			t.Errorf("Save: %v", err)
		}
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Open or Save blocked on a FIFO")
	}
}

// The notices of saves are kept for the end of the program, once.
func TestNoticesAreKeptForTheEnd(t *testing.T) {
	dir := t.TempDir()
	symlink(t, "/nonexistent/dotfiles/state.json", filepath.Join(dir, stateFile))
	s := open(t, dir)
	s.SetPosition("/lib/a.md", Position{Anchor: "x"})
	err := s.Save()
	if notices := s.Notices(); len(notices) != 1 || err == nil || notices[0] != err.Error() {
		t.Fatalf("Notices() = %q after Save() = %v", notices, err)
	}
	if notices := s.Notices(); len(notices) != 0 {
		t.Errorf("Notices() again = %q", notices)
	}
}
