package ui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/briefreader/brief/internal/anchor"
	"github.com/briefreader/brief/internal/state"
)

// libraryHighlights saves 10,000 highlights of 10,000 briefings, with
// notes on a third of them, and returns the store's folder.
func libraryHighlights(b *testing.B) string {
	dir := b.TempDir()
	s, _, err := state.OpenHighlights(dir)
	if err != nil {
		b.Fatal(err)
	}
	const sentence = "The corridor carried thirty-three million tonnes of grain before it closed in July, and insurers claimed the credit."
	for i := range 10_000 {
		text := fmt.Sprintf("Paragraph %d of the section. %s More words follow here.", i, sentence)
		at := strings.Index(text, "The corridor")
		h := state.Highlight{Briefing: fmt.Sprintf("/lib/%05d/briefing-%d.md", i/500, i), Section: "background",
			Title: fmt.Sprintf("Briefing number %d on the grain corridor", i), Heading: "Background",
			Quote: anchor.NewSelector(text, at, at+len(sentence))}
		if i%3 == 0 {
			h.Note = "check the tonnage with the ministry"
		}
		s.Add(h)
	}
	if err := s.Save(); err != nil {
		b.Fatal(err)
	}
	return dir
}

// BenchmarkLibraryHighlightsList measures opening the library-wide list of
// 10,000 highlights across 10,000 briefings (H in the library), as the UI
// goroutine does it: listing them newest first, drawing the first screen,
// and seeing that no other window saved meanwhile (one stat; what other
// windows saved is read in the background, BenchmarkHighlightsReload).
func BenchmarkLibraryHighlightsList(b *testing.B) {
	dir := libraryHighlights(b)
	store, _, err := state.OpenHighlights(dir)
	if err != nil {
		b.Fatal(err)
	}
	st := newStyles(true)
	for b.Loop() {
		l := newHighlightList(store, store.All(), true)
		if lines := l.view(st, 100, 30); len(lines) != 30 || len(l.shown) != 10_000 {
			b.Fatalf("%d lines, %d shown", len(lines), len(l.shown))
		}
		if store.Reload() {
			b.Fatal("the file was read again though nothing changed")
		}
	}
}

// BenchmarkHighlightsReload measures reading 10,000 highlights that
// another window saved (in the background, after the list is up).
func BenchmarkHighlightsReload(b *testing.B) {
	dir := libraryHighlights(b)
	for b.Loop() {
		b.StopTimer()
		store, _, err := state.OpenHighlights(dir)
		if err != nil {
			b.Fatal(err)
		}
		other, _, _ := state.OpenHighlights(dir)
		other.Add(state.Highlight{Briefing: "/lib/other.md", Quote: anchor.Selector{Exact: "from another window"}})
		if err := other.Save(); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if !store.Reload() || store.Len() != 10_001 {
			b.Fatal("the other window's highlight was not read")
		}
		b.StopTimer()
		other.Delete(other.All()[0].ID)
		_ = other.Save()
		b.StartTimer()
	}
}

// BenchmarkLibraryHighlightsFilter measures one keystroke of the list's
// filter over 10,000 highlights.
func BenchmarkLibraryHighlightsFilter(b *testing.B) {
	store, _, err := state.OpenHighlights(libraryHighlights(b))
	if err != nil {
		b.Fatal(err)
	}
	l := newHighlightList(store, store.All(), true)
	st := newStyles(true)
	for b.Loop() {
		l.list.filter.input.SetValue("ministry 99")
		l.applyFilter()
		_ = l.view(st, 100, 30)
	}
}

// BenchmarkOpenHighlights measures loading 10,000 highlights at start.
func BenchmarkOpenHighlights(b *testing.B) {
	dir := libraryHighlights(b)
	for b.Loop() {
		if s, _, err := state.OpenHighlights(dir); err != nil || s.Len() != 10_000 {
			b.Fatal(err)
		}
	}
}
