package cli

import (
	"context"
	"net"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/index"
	"github.com/briefreader/brief/internal/remote"
)

// brief search beside a watcher that answers prints the watcher's answer,
// sanitized like any other, and searches by itself, saying why, when it
// declines.
func TestSearchAsksTheWatcher(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	writeFile(t, filepath.Join(lib, "a.md"), "# Harbour\n\nThe quokka quay.\n")
	roots, _ := briefings.ResolveRoots([]string{lib})
	socket := index.AnswerSocket(cache, roots)
	var asked atomic.Int32
	var decline atomic.Bool
	srv, err := remote.Listen(socket, func(_ context.Context, req index.Request) remote.Reply {
		asked.Add(1)
		if decline.Load() {
			return remote.Reply{Declined: "changes are waiting"}
		}
		return remote.Reply{Results: &index.Results{Total: 1, Hits: []index.Hit{{
			Path: filepath.Join(lib, "elsewhere.md"), Anchor: "answer", Title: "From the watcher\x1b]52;c;aGk=\a",
			Heading: "Answer", Score: 2, Snippets: []index.Snippet{{Text: "the " + req.Query + " it found", Matches: [][2]int{{4, 4 + len(req.Query)}}}},
		}}}}
	})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()

	out, errOut, code := run(t, "--index-dir", cache, "-L", lib, "search", "quokka")
	if code != 0 || !strings.Contains(out, "From the watcher") || !strings.Contains(out, "the quokka it found") || asked.Load() != 1 {
		t.Fatalf("beside an answering watcher: exit %d, asked %d times\n%s%s", code, asked.Load(), out, errOut)
	}
	if strings.ContainsRune(out, '\x1b') {
		t.Errorf("the watcher's answer reached the terminal unsanitized: %q", out)
	}

	decline.Store(true)
	out, errOut, code = run(t, "--index-dir", cache, "-L", lib, "search", "quokka")
	if code != 0 || !strings.Contains(out, "a.md#harbour") || strings.Contains(out, "From the watcher") {
		t.Fatalf("beside a watcher that declines: exit %d\n%s%s", code, out, errOut)
	}
	if !strings.Contains(errOut, "watcher did not answer (changes are waiting)") {
		t.Errorf("the search did not say why it looked at the files itself: %q", errOut)
	}

	before := asked.Load()
	_, _, _ = run(t, "--index-dir", cache, "-L", lib, "search", "in:highlights quokka")
	if asked.Load() != before {
		t.Error("a search of the highlights, which live with the asker, was sent to the watcher")
	}
}

// A watcher that takes too long is given up on, and the search says so
// and answers by itself.
func TestSearchBesideASilentWatcher(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	writeFile(t, filepath.Join(lib, "a.md"), "# Harbour\n\nThe quokka quay.\n")
	roots, _ := briefings.ResolveRoots([]string{lib})
	ln, err := net.Listen("unix", index.AnswerSocket(cache, roots))
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			defer c.Close() // accepted, never answered
		}
	}()
	old := remote.AskTimeout
	remote.AskTimeout = 50 * time.Millisecond
	t.Cleanup(func() { remote.AskTimeout = old })
	out, errOut, code := run(t, "--index-dir", cache, "-L", lib, "search", "quokka")
	if code != 0 || !strings.Contains(out, "a.md#harbour") || !strings.Contains(errOut, "did not answer within 50ms") {
		t.Fatalf("beside a silent watcher: exit %d\n%s%s", code, out, errOut)
	}
}
