package reliability

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/briefreader/brief/briefings"
)

// mountCoarse mounts on dir a small ext2 file system with 128-byte inodes,
// whose time stamps have a resolution of one second (as FAT's two, or many
// network shares'), from a loop file. It skips unless it runs as root on
// Linux with mkfs.ext2.
func mountCoarse(t *testing.T, dir string) {
	t.Helper()
	if runtime.GOOS != "linux" || os.Geteuid() != 0 {
		t.Skip("needs root on Linux to mount a loop file system")
	}
	mkfs, err := exec.LookPath("mkfs.ext2")
	if err != nil {
		t.Skip("mkfs.ext2 is not installed (e2fsprogs)")
	}
	img := filepath.Join(t.TempDir(), "stick.img")
	must(t, os.WriteFile(img, nil, 0o600))
	must(t, os.Truncate(img, 16<<20))
	if out, err := exec.Command(mkfs, "-q", "-F", "-I", "128", img).CombinedOutput(); err != nil {
		t.Skipf("mkfs.ext2: %v: %s", err, out)
	}
	must(t, os.MkdirAll(dir, 0o755))
	if out, err := exec.Command("mount", "-o", "loop", img, dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a loop file system here: %v: %s", err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", dir).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v: %s", dir, err, out)
		}
	})
	probe := filepath.Join(dir, "probe")
	must(t, os.WriteFile(probe, nil, 0o644))
	info, err := os.Stat(probe)
	must(t, err)
	must(t, os.Remove(probe))
	if info.ModTime().Nanosecond() != 0 {
		t.Skip("this file system keeps time stamps finer than a second")
	}
}

// listedTitle returns the title brief list --json gives the file rel.
func listedTitle(t *testing.T, e *env, lib, rel string) string {
	t.Helper()
	r := e.mustBrief(t, "list", "--json", "-L", lib)
	var list []struct {
		Title   string `json:"title"`
		RelPath string `json:"rel_path"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &list); err != nil {
		t.Fatalf("list --json: %v", err)
	}
	for _, b := range list {
		if b.RelPath == rel {
			return b.Title
		}
	}
	return ""
}

// searchedTitle returns the title of the first hit of a search for word
// in the file rel, or "".
func searchedTitle(t *testing.T, e *env, lib, rel, word string) string {
	t.Helper()
	r := e.brief(t, "search", "--json", "--no-sync", "-L", lib, word)
	var doc struct {
		Hits []struct {
			RelPath string `json:"rel_path"`
			Title   string `json:"title"`
		} `json:"hits"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("search --json: %v\n%s", err, r.stdout)
	}
	for _, h := range doc.Hits {
		if h.RelPath == rel {
			return h.Title
		}
	}
	return ""
}

// rewrite replaces the file at path with text of the same size and gives
// it back the modification time it had, as an editor or a sync tool that
// restores times does.
func rewrite(t *testing.T, path, text string) {
	t.Helper()
	info, err := os.Stat(path)
	must(t, err)
	if int64(len(text)) != info.Size() {
		t.Fatalf("the new text is %d bytes, the file %d", len(text), info.Size())
	}
	must(t, os.WriteFile(path, []byte(text), 0o644))
	must(t, os.Chtimes(path, info.ModTime(), info.ModTime()))
}

// settle waits until every time stamp of path is out of the racy window,
// so that the next listing trusts it: a wait for the clock, not for brief.
func settle(t *testing.T, path string) {
	t.Helper()
	info, err := os.Stat(path)
	must(t, err)
	changed := info.ModTime()
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		changed = time.Unix(st.Ctim.Unix())
	}
	until := changed.Add(briefings.RacyWindow + time.Second)
	for time.Now().Before(until) {
		time.Sleep(50 * time.Millisecond) // waiting for the clock to pass a point, bounded by it
	}
}

// TestSameSizeSameTimeOnACoarseFileSystem changes briefings on a file
// system with one-second time stamps without changing their size or
// modification time: within the same second (nothing in the file's stat
// changes but the content), and after the racy window with the old time
// put back (as sync tools do). The library list used to keep the old title
// forever, even after brief index --rebuild; no list, and no search after
// a brief index of a change within the second, may show a stale title.
func TestSameSizeSameTimeOnACoarseFileSystem(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	e := newEnv(t)
	lib := filepath.Join(e.home, "stick")
	mountCoarse(t, lib)
	text := func(round int, word string) string {
		return fmt.Sprintf("# Round %02d %s\n\nThe %s%02d briefing, changed in place.\n", round, word, word, round)
	}
	for i := range 4 {
		must(t, os.WriteFile(filepath.Join(lib, fmt.Sprintf("other-%d.md", i)), []byte(text(99, "other")), 0o644))
	}
	for round := range rounds(5) {
		rel := fmt.Sprintf("b%02d.md", round)
		path := filepath.Join(lib, rel)
		must(t, os.WriteFile(path, []byte(text(round, "alpha")), 0o644))
		e.mustBrief(t, "index", "-L", lib) // indexes and lists it
		if got := listedTitle(t, e, lib, rel); got != fmt.Sprintf("Round %02d alpha", round) {
			t.Fatalf("round %d: listed as %q before any change", round, got)
		}

		rewrite(t, path, text(round, "bravo"))
		countRun(t, "same size and time, changed within the same second (1 s time stamps): the list", func() {
			if got := listedTitle(t, e, lib, rel); got != fmt.Sprintf("Round %02d bravo", round) {
				t.Errorf("round %d: a change within the second: listed as %q (a stale title)", round, got)
			}
		})
		countRun(t, "same size and time, changed within the same second: list and search after brief index", func() {
			e.mustBrief(t, "index", "-L", lib)
			want := fmt.Sprintf("Round %02d bravo", round)
			if got := listedTitle(t, e, lib, rel); got != want {
				t.Errorf("round %d: after brief index, listed as %q", round, got)
			}
			if got := searchedTitle(t, e, lib, rel, fmt.Sprintf("bravo%02d", round)); got != want {
				t.Errorf("round %d: after brief index, searched as %q", round, got)
			}
		})

		settle(t, path)
		if got := listedTitle(t, e, lib, rel); got != fmt.Sprintf("Round %02d bravo", round) { // now trusted
			t.Fatalf("round %d: listed as %q once settled", round, got)
		}
		e.mustBrief(t, "index", "-L", lib) // the index trusts it too now
		rewrite(t, path, text(round, "delta"))
		countRun(t, "same size, old time put back after the racy window: list and search (after brief index)", func() {
			want := fmt.Sprintf("Round %02d delta", round)
			if got := listedTitle(t, e, lib, rel); got != want {
				t.Errorf("round %d: a change with its time put back: listed as %q (a stale title)", round, got)
			}
			e.mustBrief(t, "index", "-L", lib)
			if got := listedTitle(t, e, lib, rel); got != want {
				t.Errorf("round %d: after brief index, listed as %q", round, got)
			}
			if got := searchedTitle(t, e, lib, rel, fmt.Sprintf("delta%02d", round)); got != want {
				t.Errorf("round %d: after brief index, searched as %q (the index trusted size and time)", round, got)
			}
			e.mustBrief(t, "index", "--rebuild", "-L", lib)
			if got := listedTitle(t, e, lib, rel); got != want {
				t.Errorf("round %d: after brief index --rebuild, listed as %q", round, got)
			}
			if got := searchedTitle(t, e, lib, rel, fmt.Sprintf("delta%02d", round)); got != want {
				t.Errorf("round %d: after brief index --rebuild, searched as %q", round, got)
			}
		})
	}
}
