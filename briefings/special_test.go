//go:build unix

package briefings

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// noHang fails the test unless fn returns in time: a FIFO without a writer
// blocks a plain open(2) forever.
func noHang(t *testing.T, fn func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); fn() }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("blocked on a special file (a hang)")
	}
}

// specialFiles makes a folder holding a briefing, a FIFO, a socket, a
// symbolic link loop and a dangling link, all with briefing names.
func specialFiles(t *testing.T) (dir string) {
	t.Helper()
	dir = t.TempDir()
	writeFile(t, filepath.Join(dir, "real.md"), "# Real\n")
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.md"), 0o600); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	l, err := net.Listen("unix", filepath.Join(dir, "socket.md"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	if err := os.Symlink("loop.md", filepath.Join(dir, "loop.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("gone.md", filepath.Join(dir, "dangling.md")); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestSpecialFilesByName(t *testing.T) {
	dir := specialFiles(t)
	want := map[string]string{
		"pipe.md":     "is a named pipe (FIFO), not a regular file; brief reads only regular files",
		"socket.md":   "is a socket, not a regular file; brief reads only regular files",
		"loop.md":     "is a symbolic link loop (it leads back to itself)",
		"dangling.md": "is a symbolic link to gone.md, which does not exist",
	}
	for name, msg := range want {
		path := filepath.Join(dir, name)
		noHang(t, func() {
			if _, err := StatFile(path); err == nil || err.Error() != msg {
				t.Errorf("StatFile(%s) = %v, want %q", name, err, msg)
			}
			lib := Load([]string{path}, LoadOptions{})
			if len(lib.Briefings) != 0 || len(lib.Problems) != 1 || lib.Problems[0].Err.Error() != msg {
				t.Errorf("Load(%s): %d briefings, problems %v; want %q", name, len(lib.Briefings), lib.Problems, msg)
			}
			// A file replaced by a FIFO after it was found is not opened
			// blocking either.
			if _, err := ReadFile(File{Path: path, RelPath: name}, LoadOptions{}); err == nil {
				t.Errorf("ReadFile(%s) succeeded", name)
			}
		})
	}
	if _, err := StatFile(dir); err == nil || !strings.Contains(err.Error(), "is a folder") {
		t.Errorf("StatFile(folder) = %v", err)
	}
}

// In a folder, a FIFO or socket is skipped without a word (it is no
// briefing); a link loop or a dangling link is reported as what it is.
func TestSpecialFilesInAFolder(t *testing.T) {
	dir := specialFiles(t)
	var lib *Library
	noHang(t, func() { lib = Load([]string{dir}, LoadOptions{}) })
	if len(lib.Briefings) != 1 || lib.Briefings[0].Title != "Real" {
		t.Fatalf("briefings: %v", lib.Briefings)
	}
	got := map[string]string{}
	for _, p := range lib.Problems {
		got[filepath.Base(p.Path)] = p.Err.Error()
	}
	want := map[string]string{
		"loop.md":     "is a symbolic link loop (it leads back to itself)",
		"dangling.md": "is a symbolic link to gone.md, which does not exist",
	}
	if len(got) != len(want) {
		t.Errorf("problems: %q, want %q", got, want)
	}
	for name, msg := range want {
		if got[name] != msg {
			t.Errorf("%s: %q, want %q", name, got[name], msg)
		}
	}
}

func TestRacy(t *testing.T) {
	scan := time.Date(2026, 12, 1, 9, 0, 10, 0, time.UTC)
	cases := []struct {
		name         string
		mtime, ctime time.Time
		want         bool
	}{
		{"settled", scan.Add(-time.Hour), scan.Add(-time.Hour), false},
		{"no inode change time", scan.Add(-time.Hour), time.Time{}, false},
		{"modified in the window", scan.Add(-time.Second), scan.Add(-time.Second), true},
		{"modified after the scan began", scan.Add(time.Second), scan.Add(time.Second), true},
		{"at the edge of the window", scan.Add(-RacyWindow), scan.Add(-RacyWindow), false},
		{"time restored, inode changed in the window", scan.Add(-time.Hour), scan.Add(-time.Second), true},
		{"no modification time", time.Time{}, time.Time{}, true},
	}
	for _, c := range cases {
		if got := (File{ModTime: c.mtime, ChangeTime: c.ctime}).Racy(scan); got != c.want {
			t.Errorf("%s: Racy = %v, want %v", c.name, got, c.want)
		}
	}
}
