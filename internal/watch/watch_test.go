package watch

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

const deadline = 5 * time.Second // guard against a hang; events arrive far sooner

func isBriefing(name string) bool {
	switch filepath.Ext(name) {
	case ".md", ".txt":
		return true
	}
	return false
}

func start(t *testing.T, roots ...string) *Watcher {
	t.Helper()
	w, err := New(roots, isBriefing)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// await reads batches until every path in want has been seen, and returns
// all the paths seen. No batch may hold a path twice.
func await(t *testing.T, w *Watcher, want ...string) []string {
	t.Helper()
	var seen []string
	timeout := time.After(deadline)
	for {
		missing := slices.DeleteFunc(slices.Clone(want), func(p string) bool { return slices.Contains(seen, p) })
		if len(missing) == 0 {
			return seen
		}
		select {
		case batch, ok := <-w.Events():
			if !ok {
				t.Fatalf("Events closed while waiting for %q", missing)
			}
			if len(slices.Compact(slices.Clone(batch))) != len(batch) || !slices.IsSorted(batch) {
				t.Fatalf("batch not sorted and de-duplicated: %q", batch)
			}
			seen = append(seen, batch...)
		case err := <-w.Errors():
			t.Fatalf("error while waiting for %q: %v", missing, err)
		case <-timeout:
			t.Fatalf("no event for %q within %v; saw %q", missing, deadline, seen)
		}
	}
}

func assertNotSeen(t *testing.T, seen []string, paths ...string) {
	t.Helper()
	for _, p := range paths {
		if slices.Contains(seen, p) {
			t.Errorf("unexpected event for %s (saw %q)", p, seen)
		}
	}
}

func TestWriteCreateRemove(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	a, b, other := filepath.Join(root, "a.md"), filepath.Join(root, "b.txt"), filepath.Join(root, "notes.tmp")
	write(t, a, "# A")
	w := start(t, root)

	write(t, a, "# A, changed")
	await(t, w, a)
	write(t, other, "not a briefing")
	write(t, b, "B")
	seen := await(t, w, b)
	assertNotSeen(t, seen, other)
	if err := os.Remove(a); err != nil {
		t.Fatal(err)
	}
	await(t, w, a)
}

func TestNewSubfolders(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	w := start(t, root)

	deep := filepath.Join(root, "2026", "november", "c.md")
	write(t, deep, "# C") // MkdirAll then write: likely before the watches exist
	await(t, w, deep)
	write(t, deep, "# C, changed") // the new folders are watched now
	await(t, w, deep)

	hidden := filepath.Join(root, ".git", "x.md")
	modules := filepath.Join(root, "node_modules", "pkg", "README.md")
	write(t, hidden, "x")
	write(t, modules, "x")
	sentinel := filepath.Join(root, "2026", "sentinel.md")
	write(t, sentinel, "s") // events come in order: anything for the above would be seen first
	seen := await(t, w, sentinel)
	assertNotSeen(t, seen, hidden, modules)
}

// Editors that save by renaming a new file over the old one.
func TestRenameOver(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	a := filepath.Join(root, "sub", "a.md")
	write(t, a, "old")
	w := start(t, root)

	// vim with 'backupcopy=no': move the original aside, write anew, drop the backup.
	if err := os.Rename(a, a+"~"); err != nil {
		t.Fatal(err)
	}
	write(t, a, "new")
	if err := os.Remove(a + "~"); err != nil {
		t.Fatal(err)
	}
	seen := await(t, w, a)
	assertNotSeen(t, seen, a+"~")

	// Write a temporary file, then rename it over the real one.
	tmp := filepath.Join(root, "sub", ".a.md.swp")
	write(t, tmp, "newer")
	if err := os.Rename(tmp, a); err != nil {
		t.Fatal(err)
	}
	await(t, w, a)
	write(t, a, "newest") // still watched after both
	await(t, w, a)
}

func TestSingleFileRoot(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	one, two := filepath.Join(dir, "one.md"), filepath.Join(dir, "two.md")
	write(t, one, "1")
	write(t, two, "2")
	later := filepath.Join(dir, "later.markdown") // not there yet, and not an extension onlyExt knows
	w := start(t, one, later)

	write(t, two, "2, changed")
	tmp := filepath.Join(dir, "one.md.tmp")
	write(t, tmp, "1, changed")
	if err := os.Rename(tmp, one); err != nil {
		t.Fatal(err)
	}
	seen := await(t, w, one)
	assertNotSeen(t, seen, two, tmp)
	write(t, later, "created after New")
	await(t, w, later)
}

func TestFolderRemovedOrMoved(t *testing.T) {
	t.Parallel()
	root, outside := t.TempDir(), t.TempDir()
	sub := filepath.Join(root, "sub")
	write(t, filepath.Join(sub, "a.md"), "a")
	moving := filepath.Join(root, "moving")
	write(t, filepath.Join(moving, "b.md"), "b")
	arriving := filepath.Join(outside, "arriving")
	write(t, filepath.Join(arriving, "inner", "c.md"), "c")
	w := start(t, root)

	if err := os.RemoveAll(sub); err != nil {
		t.Fatal(err)
	}
	await(t, w, sub, filepath.Join(sub, "a.md"))

	// Moved out of the library: the folder's path stands for its files.
	if err := os.Rename(moving, filepath.Join(outside, "moved")); err != nil {
		t.Fatal(err)
	}
	await(t, w, moving)
	// And a change in the moved folder is no longer the library's business.
	write(t, filepath.Join(outside, "moved", "b.md"), "b, changed")

	// Moved into the library: its files are reported and it is watched.
	here := filepath.Join(root, "arrived")
	if err := os.Rename(arriving, here); err != nil {
		t.Fatal(err)
	}
	c := filepath.Join(here, "inner", "c.md")
	seen := await(t, w, c)
	write(t, c, "c, changed")
	seen = append(seen, await(t, w, c)...)
	assertNotSeen(t, seen, filepath.Join(moving, "b.md")) // a stale watch would say this
	for _, p := range seen {
		if strings.HasPrefix(p, outside) {
			t.Errorf("event for a path outside the library: %s", p)
		}
	}
}

// Batches wait for a receiver without losing or repeating anything.
func TestSlowReceiver(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	w := start(t, root)
	var want []string
	for _, name := range []string{"a.md", "b.md", "c.md"} {
		p := filepath.Join(root, name)
		for range 5 {
			write(t, p, "x")
		}
		want = append(want, p)
	}
	await(t, w, want...) // nothing was read while the files were written
}

// The system's limit on watches: keep what could be watched, say so once,
// and look at the rest at an interval.
func TestWatchLimit(t *testing.T) {
	defer func(d time.Duration) { pollInterval = d }(pollInterval)
	pollInterval = 20 * time.Millisecond
	root := t.TempDir()
	for _, d := range []string{"a/x", "a/y", "b", "c/z"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	allowed := 2 // root and its first subfolder, a
	w, err := newWatcher([]string{root}, isBriefing, func(fs *fsnotify.Watcher, path string) error {
		if allowed == 0 {
			return syscall.ENOSPC // what inotify_add_watch says at fs.inotify.max_user_watches
		}
		allowed--
		return fs.Add(path)
	})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()

	select {
	case err := <-w.Errors():
		if want := "live reload is off for 5 folders: too many watches; looking for changes every 20ms instead"; err.Error() != want {
			t.Fatalf("error %q, want %q", err, want)
		}
		if !errors.Is(err, syscall.ENOSPC) {
			t.Errorf("error does not wrap ENOSPC: %#v", err)
		}
	case <-time.After(deadline):
		t.Fatal("no error for the watch limit")
	}
	watched, unwatched := filepath.Join(root, "a", "watched.md"), filepath.Join(root, "b", "unwatched.md")
	write(t, unwatched, "x")
	write(t, watched, "x")
	await(t, w, watched, unwatched)
	// A file replaced by a folder, and a folder removed with its files.
	if err := os.Remove(unwatched); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(unwatched, "inside"), 0o755); err != nil {
		t.Fatal(err)
	}
	deep := filepath.Join(root, "c", "z", "deep.md")
	write(t, deep, "x")
	await(t, w, unwatched, deep)
	if err := os.RemoveAll(filepath.Join(root, "c")); err != nil {
		t.Fatal(err)
	}
	await(t, w, deep)
	select {
	case err := <-w.Errors():
		t.Fatalf("a second error: %v", err)
	default:
	}
}

func TestRootThatCannotBeWatched(t *testing.T) {
	t.Parallel()
	missing := filepath.Join(t.TempDir(), "no", "such", "briefing.md")
	w := start(t, missing)
	select {
	case err := <-w.Errors():
		if msg := err.Error(); !strings.HasPrefix(msg, "live reload is off for "+filepath.Dir(missing)+": ") || strings.Contains(msg, "\n") {
			t.Fatalf("error %q", msg)
		}
	case <-time.After(deadline):
		t.Fatal("no error for a root in a missing folder")
	}
}

func TestCloseStopsEverything(t *testing.T) {
	before := runtime.NumGoroutine()
	root := t.TempDir()
	w, err := New([]string{root, filepath.Join(root, "file.md")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(root, "pending.md"), "never received")
	if err := w.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if err := w.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	// Both channels are closed (a batch may have been on its way).
	for range w.Events() {
	}
	if _, ok := <-w.Errors(); ok {
		t.Fatal("Errors still open after Close")
	}
	// A goroutine that has run its last statement is counted until the
	// scheduler gets round to ending it: yield until then, within a deadline.
	after := runtime.NumGoroutine()
	for end := time.Now().Add(deadline); after > before && time.Now().Before(end); {
		runtime.Gosched()
		after = runtime.NumGoroutine()
	}
	if after > before {
		buf := make([]byte, 1<<16)
		t.Fatalf("%d goroutines before New, %d after Close:\n%s", before, after, buf[:runtime.Stack(buf, true)])
	}
}

// A change is told to OnStir at once, before its batch is delivered: a
// cache can know it is behind during the quiet period.
func TestOnStirComesBeforeTheBatch(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	w := start(t, root)
	stirred := make(chan time.Time, 8)
	w.OnStir(func() { stirred <- time.Now() })
	a := filepath.Join(root, "a.md")
	write(t, a, "# A")
	await(t, w, a)
	delivered := time.Now()
	select {
	case at := <-stirred:
		if !at.Before(delivered) {
			t.Errorf("stirred at %v, after the batch came at %v", at, delivered)
		}
	default:
		t.Fatal("OnStir was not called before the batch was delivered")
	}
	if len(stirred) != 0 {
		t.Errorf("one batch stirred %d more times", len(stirred))
	}
}
