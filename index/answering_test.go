package index

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefreader/brief/briefings"
)

// The socket a watcher answers on is named by the set of roots it
// watches, so an asker finds it from its own roots, and only a watcher of
// exactly those roots; an index that is not on disk has none.
func TestAnswerSocket(t *testing.T) {
	dir, err := os.MkdirTemp("", "ans")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	a, b := briefings.Root{Path: "/lib/a"}, briefings.Root{Path: "/lib/b"}
	ab := AnswerSocket(dir, []briefings.Root{a, b})
	if ab == "" || filepath.Dir(ab) != dir {
		t.Fatalf("socket of a and b = %q, want one in %s", ab, dir)
	}
	if ba := AnswerSocket(dir, []briefings.Root{b, a}); ba != ab {
		t.Errorf("the order of the roots changed the socket: %q, %q", ab, ba)
	}
	if only := AnswerSocket(dir, []briefings.Root{a}); only == ab || only == "" {
		t.Errorf("a alone: %q (a and b: %q)", only, ab)
	}
	if s := AnswerSocket(dir, []briefings.Root{a, {Path: briefings.BuiltinPrefix}}); s != "" {
		t.Errorf("with the built-in sample: %q, want none", s)
	}
	if s := AnswerSocket(dir, nil); s != "" {
		t.Errorf("no roots: %q", s)
	}
	deep := filepath.Join(t.TempDir(), strings.Repeat("d", 90))
	if s := AnswerSocket(deep, []briefings.Root{a}); s != "" {
		t.Errorf("a path too long for a socket: %q", s)
	}

	// The socket is among the things brief keeps in its folder, so a
	// folder holding only brief's things is still brief's.
	ln, err := net.Listen("unix", ab)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	if err := os.Remove(filepath.Join(dir, markerName)); err != nil {
		t.Fatal(err)
	}
	if got, err := OwnedDir(dir); err != nil || got != dir {
		t.Errorf("OwnedDir with a socket in it = %q, %v; want %s", got, err, dir)
	}
}
