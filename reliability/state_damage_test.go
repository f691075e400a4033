package reliability

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The user's state under damage: every damaged copy kept whole under its
// own name, what can be read carried over, a symbolic link written
// through. "0 lost work": every byte of every damaged file is somewhere,
// and every bookmark made is saved.

// briefMessages returns the lines brief printed after the app ended. (A
// key sent to quit may arrive once the app has left, and the terminal
// echoes it at the start of the line.)
func briefMessages(screen string) []string {
	var msgs []string
	for _, l := range strings.Split(screen, "\n") {
		if i := strings.Index(l, "brief: "); i >= 0 && i <= 2 && strings.Trim(l[:i], "q") == "" {
			msgs = append(msgs, l[i:])
		}
	}
	return msgs
}

// damagedAsides returns the damaged copies kept beside path.
func damagedAsides(t *testing.T, path string) []string {
	t.Helper()
	found, err := filepath.Glob(path + ".corrupt-*")
	must(t, err)
	return found
}

// openAndQuit starts the reader over the library, waits for its list
// (recording how long it took), checks the screen shows want, and quits;
// it returns the brief: lines printed after the app ended.
func openAndQuit(t *testing.T, s *session, lib, what string, want ...string) []string {
	t.Helper()
	start := time.Now()
	s.run("main.0", nil, "-L", lib, "--style", "dark")
	s.WaitFor("main.0", "5 briefings")
	answered(t, what, time.Since(start))
	if len(want) > 0 {
		s.WaitFor("main.0", want...)
	}
	if code := s.Quit("main.0"); code != "0" {
		t.Errorf("exit status %s:\n%s", code, s.Screen("main.0"))
	}
	return briefMessages(s.Screen("main.0"))
}

// TestStateDamagedTwice damages state.json, starts the reader, damages it
// again, starts it again: both damaged files are kept whole under their own
// names (the second used to overwrite the first), and the readable entries
// of the first are carried over.
func TestStateDamagedTwice(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	lib := generate(t, 5)
	for round := range rounds(3) {
		countRun(t, "state damaged twice: both copies kept whole, readable entries recovered", func() {
			e := newEnv(t)
			must(t, os.MkdirAll(e.state, 0o700))
			path := filepath.Join(e.state, "state.json")
			first := []byte(fmt.Sprintf(`{"version": 1, "briefings": {"/lib/kept-%d.md": {"bookmarks": {"anchors": ["a", "b"], "updated": "2026-11-01T10:00:00Z"}}, "/lib/cut.md": {"posi`, round))
			second := []byte("\x00\x01 damaged the second time")
			s := newSession(t, e, 200, 30)
			for i, content := range [][]byte{first, second} {
				must(t, os.WriteFile(path, content, 0o600))
				msgs := openAndQuit(t, s, lib, "the reader's list over a damaged state file", "is damaged; moved it aside whole as")
				want := "brief: note: " + path + " is damaged; moved it aside whole as state.json.corrupt-"
				if len(msgs) != 1 || !strings.HasPrefix(msgs[0], want) {
					t.Errorf("damage %d: messages %q, want one starting %q\n%s", i+1, msgs, want, s.Screen("main.0"))
				}
				if i == 0 {
					data, _ := os.ReadFile(path)
					if !bytes.Contains(data, []byte(fmt.Sprintf("/lib/kept-%d.md", round))) {
						t.Errorf("the readable entry of the first damage was not carried over:\n%s", data)
					}
				}
			}
			asides := damagedAsides(t, path)
			var kept [][]byte
			for _, a := range asides {
				data, err := os.ReadFile(a)
				must(t, err)
				kept = append(kept, data)
			}
			if len(kept) != 2 || !(bytes.Equal(kept[0], first) && bytes.Equal(kept[1], second) || bytes.Equal(kept[0], second) && bytes.Equal(kept[1], first)) {
				t.Errorf("the damaged copies %q do not hold both damaged files whole", asides)
			}
		})
	}
}

// TestStateDamagedWhenHuge gives the reader a 40 MiB state file (brief
// never writes more than about 1 MiB): it is moved aside whole (it used to
// be copied cut at 32 MiB), the entries of its first 32 MiB are recovered
// within the cap, and the list still comes up at once.
func TestStateDamagedWhenHuge(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	lib := generate(t, 5)
	for range rounds(3) {
		countRun(t, "state damaged when huge (40 MiB): moved aside whole, the first 32 MiB salvaged", func() {
			e := newEnv(t)
			must(t, os.MkdirAll(e.state, 0o700))
			path := filepath.Join(e.state, "state.json")
			var sb bytes.Buffer
			sb.WriteString(`{"version": 1, "briefings": {`)
			for i := 0; sb.Len() < 40<<20; i++ {
				if i > 0 {
					sb.WriteString(",\n")
				}
				fmt.Fprintf(&sb, `"/lib/%08d.md": {"position": {"anchor": "s%d", "fraction": 0.5, "updated": "2026-11-01T10:00:00Z"}}`, i, i)
			}
			sb.WriteString("}}\n")
			sum := sha256.Sum256(sb.Bytes())
			must(t, os.WriteFile(path, sb.Bytes(), 0o600))
			s := newSession(t, e, 250, 30)
			msgs := openAndQuit(t, s, lib, "the reader's list over a 40 MiB state file")
			want := "brief: note: " + path + " is 40 MiB, far larger than brief ever writes; moved it aside whole as state.json.corrupt-"
			if len(msgs) != 1 || !strings.HasPrefix(msgs[0], want) || !strings.HasSuffix(msgs[0], "and recovered the reading positions and bookmarks of 5000 briefings from its first 32 MiB") {
				t.Errorf("messages %q, want one starting %q", msgs, want)
			}
			asides := damagedAsides(t, path)
			if len(asides) != 1 {
				t.Fatalf("damaged copies: %q", asides)
			}
			data, err := os.ReadFile(asides[0])
			must(t, err)
			if sha256.Sum256(data) != sum {
				t.Errorf("the copy kept aside is not the whole file: %d bytes", len(data))
			}
		})
	}
}

// TestSymlinkedStateFile keeps state.json in a dotfiles folder, linked into
// the state folder: bookmarks are written through the link (it used to be
// replaced by a regular file, and the dotfile never updated again). Where
// the target's folder is read-only, the link is replaced and the user is
// told once, with nothing lost.
func TestSymlinkedStateFile(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	lib := generate(t, 5)
	bookmark := func(t *testing.T, s *session, down int) []string {
		t.Helper()
		s.run("main.0", nil, "-L", lib, "--style", "dark")
		s.WaitFor("main.0", "5 briefings")
		for range down {
			s.Keys("main.0", "j")
		}
		s.Keys("main.0", "Enter")
		s.WaitFor("main.0", "? help")
		s.Keys("main.0", "]")
		s.Keys("main.0", "m")
		s.WaitFor("main.0", "★") // the section is bookmarked
		if code := s.Quit("main.0"); code != "0" {
			t.Errorf("exit status %s", code)
		}
		return briefMessages(s.Screen("main.0"))
	}
	isLink := func(path string) bool {
		info, err := os.Lstat(path)
		return err == nil && info.Mode()&os.ModeSymlink != 0
	}
	for range rounds(3) {
		countRun(t, "symlinked state file: written through the link", func() {
			e := newEnv(t)
			dotfiles := filepath.Join(e.home, "dotfiles", "brief")
			must(t, os.MkdirAll(dotfiles, 0o700))
			must(t, os.MkdirAll(e.state, 0o700))
			link, target := filepath.Join(e.state, "state.json"), filepath.Join(dotfiles, "state.json")
			must(t, os.Symlink(target, link))
			s := newSession(t, e, 200, 30)
			for i := range 2 {
				if msgs := bookmark(t, s, i); len(msgs) != 0 {
					t.Errorf("messages: %q", msgs)
				}
				data, _ := os.ReadFile(target)
				if !isLink(link) || strings.Count(string(data), `"anchors"`) != i+1 {
					t.Errorf("after bookmark %d: link kept %v, the target holds %d bookmark lists", i+1, isLink(link), strings.Count(string(data), `"anchors"`))
				}
			}
		})
	}
	if os.Geteuid() != 0 {
		t.Skip("a read-only folder for the link's target needs root to mount")
	}
	for range rounds(3) {
		countRun(t, "symlinked state file whose target is read-only: replaced, told once, nothing lost", func() {
			e := newEnv(t)
			dotfiles := filepath.Join(e.home, "dotfiles")
			mountTmpfs(t, dotfiles, "1m")
			must(t, os.MkdirAll(e.state, 0o700))
			link, target := filepath.Join(e.state, "state.json"), filepath.Join(dotfiles, "state.json")
			must(t, os.WriteFile(target, []byte(`{"version": 1, "briefings": {"/lib/from-dotfiles.md": {"bookmarks": {"anchors": ["x"], "updated": "2026-11-01T10:00:00Z"}}}}`), 0o600))
			if out, err := exec.Command("mount", "-o", "remount,ro", dotfiles).CombinedOutput(); err != nil {
				t.Fatalf("remount read-only: %v: %s", err, out)
			}
			must(t, os.Symlink(target, link))
			s := newSession(t, e, 300, 30)
			msgs := bookmark(t, s, 0)
			want := "brief: note: " + link + " is a symbolic link to " + target + ", which cannot be written (" + dotfiles +
				" is on a read-only file system); saved reading positions and bookmarks in a regular file in its place"
			if len(msgs) != 1 || msgs[0] != want {
				t.Errorf("messages %q\nwant %q", msgs, want)
			}
			if msgs := bookmark(t, s, 1); len(msgs) != 0 {
				t.Errorf("told again: %q", msgs)
			}
			data, _ := os.ReadFile(link)
			if isLink(link) || !strings.Contains(string(data), "/lib/from-dotfiles.md") || strings.Count(string(data), `"anchors"`) != 3 {
				t.Errorf("the state after two bookmarks (link kept: %v):\n%s", isLink(link), data)
			}
		})
	}
}
