package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/internal/catalog"
	"github.com/briefreader/brief/internal/state"
)

// twelveSections is a briefing with more sections than digit keys.
func twelveSections(t *testing.T) *briefings.Briefing {
	t.Helper()
	var sb strings.Builder
	sb.WriteString("# Twelve\n\nThe lead.\n\n")
	for i := 1; i <= 11; i++ {
		fmt.Fprintf(&sb, "## Part %d\n\n%s\n\n", i, strings.Repeat(fmt.Sprintf("Text of part %d. ", i), 40))
	}
	b, err := briefings.Parse("twelve.md", []byte(sb.String()))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestReaderSectionsPastNine(t *testing.T) {
	b := twelveSections(t)
	r := openReader(t, b, nil, 80, 24)
	press(r, "1")
	if r.current() != 0 {
		t.Fatalf("1 went to section %d", r.current()+1)
	}
	if !strings.Contains(plainView(r), "Another digit for 10–12, or enter") {
		t.Errorf("no hint for sections past 9:\n%s", plainView(r))
	}
	press(r, "1", "enter")
	if r.current() != 10 {
		t.Errorf("1 1 enter went to section %d, want 11", r.current()+1)
	}
	press(r, "1", "2", "enter")
	if r.current() != 11 || r.b.Sections[r.current()].Heading != "Part 11" {
		t.Errorf("1 2 enter went to section %d", r.current()+1)
	}
	// A key other than a digit ends the number: 1, j, then 2 is section 2.
	press(r, "1", "j", "2")
	if r.current() != 1 {
		t.Errorf("1 j 2 went to section %d, want 2", r.current()+1)
	}
	press(r, "1", "9")
	if !strings.Contains(plainView(r), "there is no section 19") {
		t.Errorf("19 in a 12-section briefing says nothing:\n%s", plainView(r))
	}
}

func TestReaderSaysWhyNothingHappened(t *testing.T) {
	b := sampleBriefing(t, "ukraine")
	r := openReader(t, b, nil, 80, 24)
	press(r, "9")
	if v := plainView(r); !strings.Contains(v, "This briefing has 6 sections: there is no section 9.") {
		t.Errorf("9 in a 6-section briefing:\n%s", v)
	}
	press(r, "[")
	if v := plainView(r); !strings.Contains(v, "This is the start of the briefing") {
		t.Errorf("[ at the start:\n%s", v)
	}
	press(r, "6")
	msgs := press(r, "]")
	if len(msgs) != 1 {
		t.Fatalf("] on the last section asked the app for %v", msgs)
	}
	if _, ok := msgs[0].(nextBriefingIntent); !ok {
		t.Errorf("] on the last section: %#v", msgs[0])
	}
}

// ] at the end of a chapter offers the next one in reading order, and a
// second ] opens it.
func TestReaderNextChapter(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"ch2.md":  "# Chapter two\n\n## Only part\n\nText two.\n",
		"ch10.md": "# Chapter ten\n\nText ten.\n",
		"ch1.md":  "# Chapter one\n\n## First part\n\nText one.\n\n## Last part\n\nMore.\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	lib := func() *catalog.Catalog { return catalog.Load([]string{dir}, catalog.Options{}) }
	tm := startAppWith(t, Options{
		Load:  func(func(int, int)) *catalog.Catalog { return lib() },
		Style: "dark", Store: newStore(t, t.TempDir()), Open: filepath.Join(dir, "ch1.md"),
	})
	waitUntil(t, tm, "the reader is ready", readerReady)
	tm.Type("3")
	tm.Type("]")
	waitForScreen(t, tm, "End of this briefing. ] again reads the next: “Chapter two”.")
	tm.Type("]")
	waitForScreen(t, tm, "Chapter two", "Only part")
	tm.Type("2]")
	waitForScreen(t, tm, "] again reads the next: “Chapter ten”.")
	tm.Type("j2]")
	waitForScreen(t, tm, "] again reads the next: “Chapter ten”.") // offered again, not opened
	if path := inspect(t, tm, func(m *Model) string { return m.rd.b.Path }); filepath.Base(path) != "ch2.md" {
		t.Errorf("j between the two ] opened %s", path)
	}
}

// esc in a reader opened from a search hit goes back to the results in
// one press; after a find (/), the first esc clears the find.
func TestReaderEscBackToResults(t *testing.T) {
	b := sampleBriefing(t, "ukraine")
	r := openReader(t, b, nil, 80, 24)
	r.openAt(sectionOf(1), []string{"korean"})
	msgs := press(r, "esc")
	if len(msgs) != 1 {
		t.Fatalf("esc from a search hit: %v", msgs)
	}
	if _, ok := msgs[0].(backIntent); !ok {
		t.Errorf("esc from a search hit: %#v", msgs[0])
	}
	r = openReader(t, b, nil, 80, 24)
	press(r, "/")
	typeText(r, "troops")
	press(r, "enter")
	if msgs := press(r, "esc"); len(msgs) != 0 || r.find.match != nil {
		t.Errorf("esc after a find: %v, find still on: %v", msgs, r.find.match != nil)
	}
}

// A reader left where it opened does not record a position when it
// closes: another window's newer position stays.
func TestReaderUnmovedKeepsOtherWindowsPosition(t *testing.T) {
	dir := t.TempDir()
	b := sampleBriefing(t, "ukraine")
	a := newStore(t, dir)
	r := openReader(t, b, a, 80, 24) // window A opens the briefing
	other := newStore(t, dir)        // window B reads on, and saves
	other.SetPosition(b.Path, state.Position{Anchor: b.Sections[4].Anchor})
	if err := other.Save(); err != nil {
		t.Fatal(err)
	}
	r.savePosition() // A closes without having moved
	if err := a.Save(); err != nil {
		t.Fatal(err)
	}
	if p, _ := newStore(t, dir).Position(b.Path); p.Anchor != b.Sections[4].Anchor {
		t.Errorf("the window that did not move overwrote the position with %q", p.Anchor)
	}
	press(r, "3")
	r.savePosition()
	if err := a.Save(); err != nil {
		t.Fatal(err)
	}
	if p, _ := newStore(t, dir).Position(b.Path); p.Anchor != b.Sections[2].Anchor {
		t.Errorf("a move was not recorded: %q", p.Anchor)
	}
}
