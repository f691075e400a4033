package reliability

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
)

// liveWait bounds the wait for the app's index to catch up with a change:
// indexing 10,000 dropped files takes a while.
const liveWait = 5 * time.Minute

// waitScreen polls a pane until cond holds, for at most limit.
func waitScreen(t *testing.T, s *session, limit time.Duration, what string, cond func(string) bool) string {
	t.Helper()
	deadline := time.Now().Add(limit)
	for {
		screen := s.Screen("main.0")
		if cond(screen) {
			return screen
		}
		if time.Now().After(deadline) {
			t.Fatalf("never %s:\n%s", what, screen)
		}
		time.Sleep(50 * time.Millisecond) // poll interval, bounded by the deadline
	}
}

// searchFor types a new query on the search screen and waits for the
// status line to say how many sections match: want, or any when want < 0.
func searchFor(t *testing.T, s *session, q string, want int, limit time.Duration) {
	t.Helper()
	s.Keys("main.0", "C-u")
	s.Text("main.0", q)
	status := fmt.Sprintf("%d sections in", want)
	if want == 1 {
		status = "1 section in"
	}
	waitScreen(t, s, limit, fmt.Sprintf("found %q (%s)", q, status), func(screen string) bool {
		if !strings.Contains(screen, "search: "+q) {
			return false
		}
		if want < 0 {
			return strings.Contains(screen, " in ") && (strings.Contains(screen, "section in") || strings.Contains(screen, "sections in"))
		}
		return strings.Contains(screen, status)
	})
}

// sameAsFresh checks that the index the app left equals a fresh build of
// what is on disk now.
func sameAsFresh(t *testing.T, e *env, lib string) {
	t.Helper()
	fresh := newEnv(t)
	fresh.mustBrief(t, "-L", lib, "index")
	if d := takeSnapshot(t, lib, fresh.cache).diff(takeSnapshot(t, lib, e.cache)); d != "" {
		t.Errorf("the app's index differs from a fresh build: %s", d)
	}
}

// TestLiveIndexUnderBadInput keeps the app open on a library, its search
// screen showing, while the library is abused: a file rewritten 100 times
// a second, thousands of files dropped in at once, a file replaced by a
// folder, the library folder deleted. The app keeps answering searches,
// the index ends equal to a fresh build of what is on disk, and the
// reading position saved before is still there.
func TestLiveIndexUnderBadInput(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	base := generate(t, 40)
	dropped := 1000
	if long {
		dropped = 10000
	}
	start := func(t *testing.T) (*env, string, *session) {
		e := newEnv(t)
		lib := filepath.Join(t.TempDir(), "lib")
		must(t, os.CopyFS(lib, os.DirFS(base)))
		e.mustBrief(t, "-L", lib, "index")
		s := newSession(t, e, 140, 30)
		s.run("main.0", nil, "-L", lib, "--style", "dark", "-q", "government")
		s.WaitFor("main.0", "sections in")
		return e, lib, s
	}
	finish := func(t *testing.T, e *env, lib string, s *session) {
		t.Helper()
		if code := s.Quit("main.0"); code != "0" {
			t.Errorf("exit status %s", code)
		}
		if _, err := os.Stat(lib); err == nil {
			sameAsFresh(t, e, lib)
		}
	}

	countRun(t, "the app: a file rewritten 100 times a second for 3 s", func() {
		e, lib, s := start(t)
		path := filepath.Join(lib, "hot.md")
		stop := time.Now().Add(3 * time.Second)
		for i := 0; time.Now().Before(stop); i++ {
			must(t, os.WriteFile(path, []byte(fmt.Sprintf("# Hot\n\n## Now\n\nThe word zqhot%dx.\n", i)), 0o644))
			if i%50 == 0 {
				searchFor(t, s, "government", -1, 10*time.Second) // answers meanwhile
			}
			time.Sleep(10 * time.Millisecond) // the pace of the writes, not a wait for the app
		}
		must(t, os.WriteFile(path, []byte("# Hot\n\n## Now\n\nThe word zqhotlastx.\n"), 0o644))
		searchFor(t, s, "zqhotlastx", 1, liveWait)
		finish(t, e, lib, s)
	})
	countRun(t, fmt.Sprintf("the app: %d files dropped in at once", dropped), func() {
		e, lib, s := start(t)
		staging := filepath.Join(filepath.Dir(lib), "staging")
		must(t, os.MkdirAll(staging, 0o755))
		drop := generate(t, dropped)
		must(t, os.CopyFS(filepath.Join(staging, "dropped"), os.DirFS(drop)))
		must(t, os.WriteFile(filepath.Join(staging, "dropped", "marker.md"), []byte("# Marker\n\nzqdroppedx\n"), 0o644))
		at := time.Now()
		must(t, os.Rename(filepath.Join(staging, "dropped"), filepath.Join(lib, "dropped")))
		searchFor(t, s, "government", -1, 10*time.Second)
		latency("the app's search while it indexes files dropped in at once", time.Since(at))
		searchFor(t, s, "zqdroppedx", 1, liveWait)
		figure(fmt.Sprintf("the app finding a file among %d dropped in at once", dropped), time.Since(at).Round(100*time.Millisecond).String())
		finish(t, e, lib, s)
	})
	countRun(t, "the app: a file replaced by a folder", func() {
		e, lib, s := start(t)
		path := filepath.Join(lib, "shape.md")
		must(t, os.WriteFile(path, []byte("# Shape\n\nzqfilex\n"), 0o644))
		searchFor(t, s, "zqfilex", 1, liveWait)
		must(t, os.Remove(path))
		must(t, os.MkdirAll(path, 0o755))
		must(t, os.WriteFile(filepath.Join(path, "inside.md"), []byte("# Inside\n\nzqfolderx\n"), 0o644))
		searchFor(t, s, "zqfolderx", 1, liveWait)
		searchFor(t, s, "zqfilex", 0, liveWait)
		finish(t, e, lib, s)
	})
	countRun(t, "the app: the library folder deleted", func() {
		e, lib, s := start(t)
		s.Keys("main.0", "Escape")
		s.WaitFor("main.0", "40 briefings")
		s.Keys("main.0", "Enter")
		s.WaitFor("main.0", "? help")
		s.Keys("main.0", "]", "]", "m") // a bookmark in the state
		s.WaitFor("main.0", "Bookmarked")
		s.Keys("main.0", "Escape") // alone: escape and s together are alt+s
		s.WaitFor("main.0", "40 briefings")
		s.Keys("main.0", "s")
		s.WaitFor("main.0", "search:")
		must(t, os.RemoveAll(lib))
		searchFor(t, s, "government", 0, liveWait)
		finish(t, e, lib, s)
		state, err := os.ReadFile(filepath.Join(e.state, "state.json"))
		if err != nil || !strings.Contains(string(state), `"bookmarks"`) {
			t.Errorf("the state lost the bookmark (%v): %.300s", err, state)
		}
		dirs := indexDirs(e.cache)
		if len(dirs) != 1 {
			t.Fatalf("indexes: %q", dirs)
		}
		idx, err := bleve.OpenUsing(dirs[0], map[string]any{"read_only": true})
		if err != nil {
			t.Fatal(err)
		}
		defer idx.Close()
		if got := readDocs(t, idx); len(got.docs) != 0 || got.files != 0 {
			t.Errorf("the index of the deleted library still holds %d documents, %d files", len(got.docs), got.files)
		}
	})
}
