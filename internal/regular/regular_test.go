//go:build unix

package regular

import (
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// within fails the test if fn has not returned by the deadline: the files
// here would block a plain open(2) forever.
func within(t *testing.T, fn func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); fn() }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("blocked (a hang)")
	}
}

func TestOpenRefusesWhatIsNotARegularFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "notes.md")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	sock := filepath.Join(dir, "s.md")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	link := filepath.Join(dir, "link.md")
	if err := os.Symlink(fifo, link); err != nil {
		t.Fatal(err)
	}
	cases := map[string]string{
		fifo:       "is a named pipe (FIFO), not a regular file",
		link:       "is a named pipe (FIFO), not a regular file",
		sock:       "is a socket, not a regular file",
		os.DevNull: "is a device, not a regular file",
		dir:        "is a folder, not a regular file",
	}
	for path, want := range cases {
		within(t, func() {
			f, err := Open(path)
			if err == nil {
				f.Close()
				t.Errorf("Open(%s) succeeded", path)
				return
			}
			var re *Error
			if !errors.As(err, &re) || re.Reason() != want || err.Error() != path+" "+want {
				t.Errorf("Open(%s) = %v, want %q", path, err, want)
			}
		})
	}
	within(t, func() {
		if _, err := ReadFile(fifo, 0); err == nil || !strings.Contains(err.Error(), "named pipe") {
			t.Errorf("ReadFile(fifo) = %v", err)
		}
	})
}

func TestReadFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.md")
	if err := os.WriteFile(path, []byte("# Title\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if data, err := ReadFile(path, 0); err != nil || string(data) != "# Title\n" {
		t.Fatalf("ReadFile = %q, %v", data, err)
	}
	if data, err := ReadFile(path, 8); err != nil || len(data) != 8 {
		t.Fatalf("ReadFile at its limit = %q, %v", data, err)
	}
	if _, err := ReadFile(path, 7); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("ReadFile over its limit = %v", err)
	}
	if _, err := ReadFile(filepath.Join(t.TempDir(), "none"), 0); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("ReadFile of a missing file = %v", err)
	}
}
