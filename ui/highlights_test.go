package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/internal/catalog"
	"github.com/briefreader/brief/internal/quotes"
	"github.com/briefreader/brief/internal/state"
	"github.com/charmbracelet/x/ansi"
)

const hlBrief = `---
title: Grain corridor
author: Desk
date: 2026-11-02
source: https://example.org/grain
---
# Grain corridor

## Background

Ships left Odesa in August. The corridor carried **33 million** tonnes of grain before it closed in July, and insurers, shipowners and the navy all claimed the credit for it.

Ports reopened later.

## Outlook

Nobody expects a new deal before spring.
`

func highlightStore(t *testing.T) *state.HighlightStore {
	t.Helper()
	s, warnings, err := state.OpenHighlights(t.TempDir())
	if err != nil || len(warnings) > 0 {
		t.Fatalf("%v %q", err, warnings)
	}
	return s
}

func parseBrief(t *testing.T, text string) *briefings.Briefing {
	t.Helper()
	b, err := briefings.Parse("grain.md", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	b.Path = "/lib/grain.md"
	return b
}

// highlightReader opens a briefing with a highlight store, at a width
// where the long sentence wraps.
func highlightReader(t *testing.T, b *briefings.Briefing, store *state.HighlightStore, width int) *reader {
	t.Helper()
	r := newReader(b, newStyles(true), nil, "dark", 100)
	r.hl = newReaderHighlights(store, b)
	drive(r, r.setSize(width, 30))
	return r
}

// markedLines returns the plain text of the cells drawn in the highlight
// style, line by line.
func markedText(t *testing.T, r *reader) string {
	t.Helper()
	var sb strings.Builder
	for n := 0; n < r.doc.total(); n++ {
		styled, _ := r.doc.line(n)
		drawn := r.hl.draw(r, styled, n)
		if drawn == styled {
			continue
		}
		// The drawn line differs where highlights are: find those cells by
		// drawing every cell's style back.
		p := r.doc.at(n)
		for _, sp := range r.hl.blockSpans(r.doc, p.block) {
			if sp.line == p.line {
				plain := ansi.Strip(styled)
				sb.WriteString(ansi.Cut(plain, sp.start, sp.end) + "|")
			}
		}
	}
	return sb.String()
}

func TestHighlightTheSentenceOfAFindMatch(t *testing.T) {
	store := highlightStore(t)
	r := highlightReader(t, parseBrief(t, hlBrief), store, 50)
	press(r, "/")
	typeText(r, "insurers")
	out := press(r, "enter", "h")
	list := store.ForBriefing("/lib/grain.md")
	want := "The corridor carried 33 million tonnes of grain before it closed in July, and insurers, shipowners and the navy all claimed the credit for it."
	if len(list) != 1 || list[0].Quote.Exact != want || list[0].Section != "background" {
		t.Fatalf("highlights = %+v", list)
	}
	if !strings.Contains(plainView(r), "Highlighted “The corridor carried") {
		t.Errorf("no message:\n%s", plainView(r))
	}
	saved := false
	for _, m := range out {
		if s, ok := m.(highlightsSavedMsg); ok && s.err == nil {
			saved = true
		}
	}
	if !saved {
		t.Error("the highlight was not saved")
	}
	// It is drawn on its words, over the lines it wraps onto, and only
	// on them.
	drawn := strings.ReplaceAll(markedText(t, r), "|", " ")
	if strings.Join(strings.Fields(drawn), " ") != want {
		t.Errorf("drawn over %q", drawn)
	}
	// At another width it is drawn on the same words.
	drive(r, r.setSize(80, 30))
	drawn = strings.ReplaceAll(markedText(t, r), "|", " ")
	if strings.Join(strings.Fields(drawn), " ") != want {
		t.Errorf("at width 80, drawn over %q", drawn)
	}
	// h again on the same sentence makes no second highlight.
	press(r, "h")
	if n := len(store.ForBriefing("/lib/grain.md")); n != 1 {
		t.Errorf("%d highlights after h twice", n)
	}
}

func TestHighlightWithoutAFindSaysHow(t *testing.T) {
	r := highlightReader(t, parseBrief(t, hlBrief), highlightStore(t), 60)
	press(r, "h")
	if !strings.Contains(plainView(r), "Find a phrase with / first") {
		t.Errorf("view:\n%s", plainView(r))
	}
}

func TestVisualModeMarksAPassageAcrossParagraphs(t *testing.T) {
	store := highlightStore(t)
	r := highlightReader(t, parseBrief(t, hlBrief), store, 50)
	press(r, "/")
	typeText(r, "claimed")
	press(r, "enter", "v", "w", "w", ")")
	if !strings.Contains(plainView(r), "VISUAL") {
		t.Fatalf("not in visual mode:\n%s", plainView(r))
	}
	press(r, "j", "j") // on to the next paragraph
	press(r, "enter")
	list := store.ForBriefing("/lib/grain.md")
	if len(list) != 1 {
		t.Fatalf("highlights = %+v", list)
	}
	got := list[0].Quote.Exact
	if !strings.HasPrefix(got, "claimed the credit for it.") || !strings.Contains(got, "\n\nPorts") {
		t.Errorf("visual passage = %q", got)
	}
	// esc leaves visual mode without a highlight.
	press(r, "v", "w", "esc")
	if n := len(store.ForBriefing("/lib/grain.md")); n != 1 {
		t.Errorf("esc kept a highlight: %d", n)
	}
}

func TestNoteListCopyAndDelete(t *testing.T) {
	store := highlightStore(t)
	r := highlightReader(t, parseBrief(t, hlBrief), store, 80)
	press(r, "/")
	typeText(r, "Ships left")
	press(r, "enter", "h", "a")
	typeText(r, "call the ministry")
	press(r, "enter")
	h := store.ForBriefing("/lib/grain.md")[0]
	if h.Note != "call the ministry" {
		t.Fatalf("note = %q", h.Note)
	}
	out := press(r, "Y")
	if len(out) == 0 {
		t.Fatal("Y copied nothing")
	}
	press(r, "H")
	view := plainView(r)
	if !strings.Contains(view, "Highlights in this briefing") || !strings.Contains(view, "✎ call the ministry") ||
		!strings.Contains(view, "“Ships left Odesa in August.”") {
		t.Errorf("list:\n%s", view)
	}
	press(r, "d")
	if len(store.ForBriefing("/lib/grain.md")) != 1 || !strings.Contains(plainView(r), "Press d again") {
		t.Fatal("one d deleted the highlight")
	}
	press(r, "d")
	if len(store.ForBriefing("/lib/grain.md")) != 0 {
		t.Error("d d did not delete the highlight")
	}
}

func TestHighlightsFollowTheFileWhenItChanges(t *testing.T) {
	store := highlightStore(t)
	b := parseBrief(t, hlBrief)
	r := highlightReader(t, b, store, 60)
	press(r, "/")
	typeText(r, "Nobody expects")
	press(r, "enter", "h")
	edited := strings.Replace(hlBrief, "## Outlook\n", "## Outlook\n\nA paragraph was added.\n", 1)
	edited = strings.Replace(edited, "Ships left Odesa in August. ", "", 1)
	b2 := parseBrief(t, edited)
	drive(r, r.replace(b2))
	if got := strings.TrimSuffix(markedText(t, r), "|"); got != "Nobody expects a new deal before spring." {
		t.Errorf("after the edit, drawn over %q", got)
	}
	if h := store.ForBriefing("/lib/grain.md")[0]; h.Quote.Start != len("A paragraph was added.\n\n") || h.Lost != state.Found {
		t.Errorf("re-anchored = %+v", h)
	}
	// The sentence is deleted: kept, listed as not found, not drawn.
	b3 := parseBrief(t, strings.Replace(edited, "Nobody expects a new deal before spring.", "", 1))
	drive(r, r.replace(b3))
	if got := markedText(t, r); got != "" {
		t.Errorf("a lost highlight is drawn over %q", got)
	}
	press(r, "H")
	if !strings.Contains(plainView(r), "not found in the current text") {
		t.Errorf("list:\n%s", plainView(r))
	}
}

func TestHighlightsUnderNoColorAreUnderlined(t *testing.T) {
	st := newStyles(true)
	st.noColor = true
	if !st.marked().GetUnderline() {
		t.Error("NO_COLOR highlights have no underline")
	}
	if newStyles(false).marked().GetBackground() == nil {
		t.Error("highlights have no background colour")
	}
}

func TestHostileNotesAreShownSafely(t *testing.T) {
	dir := t.TempDir()
	content := `{"version": 1, "highlights": {"x": {"id": "x", "briefing": "/lib/grain.md", "section": "outlook",
	"quote": {"exact": "Nobody expects", "start": 0, "end": 14}, "note": "\u001b]52;c;ZXZpbA==\u0007 \u001b[2J` + strings.Repeat("long ", 20000) + `"}}}`
	if err := os.WriteFile(filepath.Join(dir, "highlights.json"), []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	store, _, err := state.OpenHighlights(dir)
	if err != nil {
		t.Fatal(err)
	}
	r := highlightReader(t, parseBrief(t, hlBrief), store, 80)
	press(r, "H")
	view := r.view()
	if strings.Contains(view, "\x1b]") || strings.Contains(view, "\x07") || strings.Contains(view, "\x1b[2J") {
		t.Errorf("the list writes a note's escape sequences: %q", view)
	}
	for _, line := range strings.Split(plainView(r), "\n") {
		if ansi.StringWidth(line) > 80 {
			t.Errorf("a line is wider than the screen: %d", ansi.StringWidth(line))
		}
	}
}

func TestLibraryHighlightsOpenTheReaderThere(t *testing.T) {
	store := highlightStore(t)
	b := briefings.LoadSample().Briefings[0]
	text := quotes.SectionText(b, 1)
	quote := strings.Join(strings.Fields(text)[:6], " ")
	i := strings.Index(text, quote)
	if i < 0 {
		t.Fatalf("%q not in %q", quote, text)
	}
	h := store.Add(quotes.New(b, 1, text, i, i+len(quote), "sample note"))
	tm := startAppWith(t, Options{Highlights: store, Style: "dark",
		Load: func(func(int, int)) *catalog.Catalog { return sampleCatalog() }})
	waitUntil(t, tm, "the library is listed", func(m *Model) bool { return m.library != nil })
	tm.Send(keyMsg("H"))
	waitUntil(t, tm, "the list of the library's highlights", func(m *Model) bool {
		v := ansi.Strip(m.View().Content)
		return strings.Contains(v, "Highlights in the library") && strings.Contains(v, "✎ sample note")
	})
	tm.Send(keyMsg("enter"))
	waitUntil(t, tm, "the reader at the highlight", func(m *Model) bool {
		return m.screen() == readerScreen && m.rd != nil && m.rd.b.Path == b.Path && m.rd.hl.current == h.ID &&
			m.rd.hl.lineOf(m.rd.doc, h.ID) >= m.rd.top
	})
}
