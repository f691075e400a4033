package state

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Damaged state files: every damaged copy is kept whole under a name of its
// own, and what can still be read from it is kept.

// asides returns the damaged copies kept beside path, oldest name first.
func asides(t *testing.T, path string) []string {
	t.Helper()
	found, err := filepath.Glob(path + ".corrupt-*")
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(found)
	return found
}

func mustWrite(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestCorruptFile(t *testing.T) {
	bad := map[string]string{
		"garbage":        "\x00\x01 not json",
		"truncated":      `{"version": 1, "briefings": {"a.md": {"position": {"anch`,
		"array":          `[1, 2]`,
		"null":           `null`,
		"no version":     `{"briefings": {}}`,
		"string version": `{"version": "1"}`,
		"wrong shape":    `{"version": 1, "briefings": ["a.md"]}`,
		"bad time":       `{"version": 1, "briefings": {"a.md": {"position": {"updated": "yesterday"}}}}`,
	}
	for name, content := range bad {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, stateFile)
			mustWrite(t, path, []byte(content))
			s, warnings, err := Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			kept := asides(t, path)
			if len(kept) != 1 {
				t.Fatalf("damaged copies kept: %q", kept)
			}
			want := path + " is damaged; moved it aside whole as " + filepath.Base(kept[0]) + "; nothing in it could be read"
			if len(warnings) != 1 || warnings[0] != want {
				t.Fatalf("warnings = %q\nwant %q", warnings, want)
			}
			if backup, err := os.ReadFile(kept[0]); err != nil || string(backup) != content {
				t.Fatalf("the damaged copy: %q, %v", backup, err)
			}
			if _, ok := s.Position("a.md"); ok {
				t.Fatal("a damaged file yielded a position")
			}
			// The damaged file was replaced by a good one at once.
			open(t, dir)
			s.SetPosition("b.md", Position{Anchor: "b"})
			save(t, s)
			if p, ok := open(t, dir).Position("b.md"); !ok || p.Anchor != "b" {
				t.Fatalf("after replacing the damaged file: %+v, %v", p, ok)
			}
			if backup, _ := os.ReadFile(kept[0]); string(backup) != content || len(asides(t, path)) != 1 {
				t.Fatal("the damaged copy was lost or copied again")
			}
		})
	}
}

// The entries before the damage (and those around an entry of the wrong
// shape) are recovered and written back at once.
func TestDamagedFileIsSalvaged(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, stateFile)
	content := `{"version": 1, "briefings": {
  "/lib/a.md": {"position": {"anchor": "one", "fraction": 0.5, "updated": "2026-11-01T10:00:00Z"}},
  "/lib/b.md": {"bookmarks": {"anchors": ["x", "y"], "updated": "2026-11-01T10:00:00Z"}},
  "/lib/wrong.md": {"position": "not an object"},
  "/lib/c.md": {"position": {"anchor": "three", "fraction": 1, "updated": "2026-11-02T10:00:00Z"}},
  "/lib/d.md": {"position": {"anchor": "fo` + "\x00\x00\x00 the disk gave up here"
	mustWrite(t, path, []byte(content))
	s, warnings, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	kept := asides(t, path)
	want := path + " is damaged; moved it aside whole as " + filepath.Base(kept[0]) +
		" and recovered the reading positions and bookmarks of 3 briefings from it"
	if len(warnings) != 1 || warnings[0] != want {
		t.Fatalf("warnings = %q\nwant %q", warnings, want)
	}
	for _, store := range []*Store{s, open(t, dir)} { // in memory, and on disk already
		if p, ok := store.Position("/lib/a.md"); !ok || p.Anchor != "one" || p.Fraction != 0.5 {
			t.Errorf("a.md: %+v, %v", p, ok)
		}
		if got := store.Bookmarks("/lib/b.md"); !slices.Equal(got, []string{"x", "y"}) {
			t.Errorf("b.md bookmarks: %q", got)
		}
		if p, ok := store.Position("/lib/c.md"); !ok || p.Anchor != "three" {
			t.Errorf("c.md: %+v, %v", p, ok)
		}
		if _, ok := store.Position("/lib/d.md"); ok {
			t.Error("the cut entry was made up")
		}
	}
}

func TestDamagedHistoryIsSalvaged(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, historyFile)
	mustWrite(t, path, []byte(`{"version": 1, "queries": [{"query": "grain", "at": "2026-11-02T10:00:00Z"}, 7, {"query": "sanctions", "at": "2026-11-01T10:00:00Z"}, {"query": "cut`))
	s, warnings, err := Open(dir)
	if err != nil || len(warnings) != 1 || !strings.HasSuffix(warnings[0], " and recovered 2 search queries from it") {
		t.Fatalf("Open: %q, %v", warnings, err)
	}
	if got := s.History(); !slices.Equal(got, []string{"grain", "sanctions"}) {
		t.Errorf("history: %q", got)
	}
}

// A second damage never overwrites the copy of the first: each is kept
// whole under its own name, even within the same second.
func TestDamagedTwice(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, stateFile)
	first := `{"version": 1, "briefings": {"/lib/old.md": {"bookmarks": {"anchors": ["kept"], "updated": "2026-11-01T10:00:00Z"}}` + "\x00"
	second := "garbage the second time"
	for i, content := range []string{first, second} {
		mustWrite(t, path, []byte(content))
		if _, warnings, err := Open(dir); err != nil || len(warnings) != 1 || !strings.Contains(warnings[0], "moved it aside whole as ") {
			t.Fatalf("damage %d: %q, %v", i+1, warnings, err)
		}
	}
	kept := asides(t, path)
	if len(kept) != 2 {
		t.Fatalf("damaged copies: %q", kept)
	}
	var got []string
	for _, k := range kept {
		data, _ := os.ReadFile(k)
		got = append(got, string(data))
	}
	slices.Sort(got)
	want := []string{first, second}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("the damaged copies hold %q, want both damaged files", got)
	}
}

// A state file over 32 MiB (brief never writes one: it keeps 5,000
// briefings) is moved aside whole, never cut, and the entries in its first
// 32 MiB are recovered, with memory bounded by the cap.
func TestHugeStateFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, stateFile)
	var sb bytes.Buffer
	sb.WriteString(`{"version": 1, "briefings": {`)
	for i := 0; sb.Len() < maxFileSize+4<<20; i++ {
		if i > 0 {
			sb.WriteString(",\n")
		}
		fmt.Fprintf(&sb, `"/lib/%08d.md": {"position": {"anchor": "s%d", "fraction": 0.5, "updated": "2026-11-01T10:00:00Z"}}`, i, i)
	}
	sb.WriteString("}}\n")
	content := sb.Bytes()
	mustWrite(t, path, content)
	s, warnings, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	kept := asides(t, path)
	if len(kept) != 1 {
		t.Fatalf("damaged copies: %q", kept)
	}
	want := fmt.Sprintf("%s is 36 MiB, far larger than brief ever writes; moved it aside whole as %s and recovered the reading positions and bookmarks of %d briefings from its first 32 MiB",
		path, filepath.Base(kept[0]), maxBriefings)
	if len(warnings) != 1 || warnings[0] != want {
		t.Fatalf("warnings = %q\nwant %q", warnings, want)
	}
	if backup, err := os.ReadFile(kept[0]); err != nil || !bytes.Equal(backup, content) {
		t.Fatalf("the copy kept aside is not whole: %d of %d bytes, %v", len(backup), len(content), err)
	}
	if len(s.briefings) != maxBriefings {
		t.Errorf("recovered %d briefings, want the cap, %d", len(s.briefings), maxBriefings)
	}
	if info, err := os.Stat(path); err != nil || info.Size() > 2<<20 {
		t.Errorf("the file written back: %v, %v", info, err)
	}
}

// A file damaged while brief runs (by another program) is found by Save:
// kept aside, its readable entries merged, and the user told.
func TestDamagedWhileRunning(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	s.SetPosition("/lib/mine.md", Position{Anchor: "mine"})
	path := filepath.Join(dir, stateFile)
	mustWrite(t, path, []byte(`{"version": 1, "briefings": {"/lib/theirs.md": {"position": {"anchor": "theirs", "updated": "2026-11-01T10:00:00Z"}}, `))
	err := s.Save()
	var notice *Notice
	if err == nil || !errors.As(err, &notice) || !strings.Contains(err.Error(), "is damaged; moved it aside whole as state.json.corrupt-") ||
		!strings.HasSuffix(err.Error(), "recovered the reading position and bookmarks of 1 briefing from it") {
		t.Fatalf("Save: %v", err)
	}
	assertOneLine(t, err.Error())
	r := open(t, dir)
	for path, anchor := range map[string]string{"/lib/mine.md": "mine", "/lib/theirs.md": "theirs"} {
		if p, ok := r.Position(path); !ok || p.Anchor != anchor {
			t.Errorf("%s after the save: %+v, %v", path, p, ok)
		}
	}
	if len(asides(t, path)) != 1 {
		t.Errorf("damaged copies: %q", asides(t, path))
	}
}

// Where the damaged file cannot be moved aside, it is not replaced either:
// replacing it would lose it.
func TestDamagedFileThatCannotBeMovedAside(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root ignores permissions; the reliability suite mounts a read-only folder")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, stateFile)
	content := `{"version": 1, "briefings": {"/lib/a.md": {"position": {"anchor": "x", "updated": "2026-11-01T10:00:00Z"}}, ` + "\x00"
	mustWrite(t, path, []byte(content))
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o700) })
	s, warnings, err := Open(dir)
	want := path + " is damaged and could not be moved aside (no permission to write in " + dir +
		"); it is left as it is, and reading positions and bookmarks will not be saved over it; recovered the reading position and bookmarks of 1 briefing from it for now"
	if err != nil || len(warnings) != 1 || warnings[0] != want {
		t.Fatalf("Open: %v\n got %q\nwant %q", err, warnings, want)
	}
	s.SetPosition("/lib/b.md", Position{Anchor: "y"})
	if err := s.Save(); err == nil || !strings.Contains(err.Error(), "could not be moved aside") {
		t.Fatalf("Save over a damaged file that cannot be kept: %v", err)
	}
	if data, _ := os.ReadFile(path); string(data) != content {
		t.Error("the damaged file was replaced without a copy")
	}
}
