// Package quotes ties highlights to briefings: it makes a highlight from a
// passage of a section's text, finds the highlights of a briefing again
// after its file changed, cites them (title, author, date, section,
// source) and writes them out as a quote sheet in markdown, plain text,
// HTML or W3C Web Annotation JSON-LD.
//
// A highlight is anchored in a section's plain text: the text a reader
// sees, briefings.PlainText of the section's body (the text the index
// searches and the reader's find works on), so that neither markdown
// syntax nor the width of the screen moves it.
package quotes

import (
	"encoding/hex"
	"hash/fnv"

	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/internal/anchor"
	"github.com/briefreader/brief/internal/state"
)

// minContext is how many characters of a quote's context must agree for
// it to be taken in another section than its own.
const minContext = 8

// textVersion changes when the plain text highlights are anchored in is
// made differently, so that every highlight is found again.
const textVersion = "1"

// Texts returns the plain text of each part of a briefing a highlight can
// be in: the lead first, then each section's body.
func Texts(b *briefings.Briefing) []string {
	out := make([]string, len(b.Sections)+1)
	out[0] = briefings.PlainText(b.Lead, b.Refs)
	for i, s := range b.Sections {
		out[i+1] = briefings.PlainText(s.Body(), b.Refs)
	}
	return out
}

// SectionText returns the plain text of section i (-1: the lead).
func SectionText(b *briefings.Briefing, i int) string {
	if i < 0 || i >= len(b.Sections) {
		return briefings.PlainText(b.Lead, b.Refs)
	}
	return briefings.PlainText(b.Sections[i].Body(), b.Refs)
}

// Fingerprint identifies a briefing's text: highlights anchored in a text
// with the same fingerprint need not be looked for again.
func Fingerprint(b *briefings.Briefing) string {
	h := fnv.New64a()
	h.Write([]byte(textVersion))
	h.Write([]byte(b.Text))
	return hex.EncodeToString(h.Sum(nil))
}

// New makes a highlight of text[start:end], text being the plain text of
// section i of b (-1: the lead), as SectionText returns it.
func New(b *briefings.Briefing, section int, text string, start, end int, note string) state.Highlight {
	h := state.Highlight{Briefing: b.Path, Note: note, Quote: anchor.NewSelector(text, start, end)}
	place(&h, b, section, Fingerprint(b))
	return h
}

// place records the section and the briefing's names in h.
func place(h *state.Highlight, b *briefings.Briefing, section int, fingerprint string) {
	h.Section, h.Heading = "", ""
	if section >= 0 && section < len(b.Sections) {
		h.Section, h.Heading = b.Sections[section].Anchor, b.Sections[section].Heading
	}
	h.Title, h.Fingerprint = b.Title, fingerprint
}

// Reanchor finds the highlights of briefing b in its current text and
// returns those whose anchoring changed, for HighlightStore.Reanchored:
// each is either found (at its new place, its quote and context taken
// from the current text) or marked state.LostText and kept as it was.
// Highlights anchored in the same text are not looked at again. texts,
// if not nil, are Texts(b).
func Reanchor(b *briefings.Briefing, hs []state.Highlight, texts []string) []state.Highlight {
	fp := Fingerprint(b)
	var changed []state.Highlight
	for _, h := range hs {
		if h.Fingerprint == fp && h.Lost != state.LostFile {
			continue
		}
		if texts == nil {
			texts = Texts(b)
		}
		section, m, ok := locate(b, texts, h)
		if ok {
			h.Quote = anchor.NewSelector(texts[section+1], m.Start, m.End)
			h.Lost = state.Found
			place(&h, b, section, fp)
		} else {
			h.Lost = state.LostText
			h.Title, h.Fingerprint = b.Title, fp
		}
		changed = append(changed, h)
	}
	return changed
}

// locate looks for a highlight's quote: word for word in its own section,
// then in the others (it may have moved, or its heading changed), then
// approximately in its own section, or in all of them when its section
// is gone. It returns the section (-1: the lead) and the match.
func locate(b *briefings.Briefing, texts []string, h state.Highlight) (int, anchor.Match, bool) {
	own := -1
	if h.Section != "" {
		own = b.SectionIndex(h.Section)
	}
	ownExists := h.Section == "" || own >= 0
	if ownExists {
		if m, ok := anchor.FindExact(texts[own+1], h.Quote); ok {
			return own, m, true
		}
	}
	best, bestSection, found := anchor.Match{}, 0, false
	for i, text := range texts {
		if ownExists && i == own+1 {
			continue
		}
		// Elsewhere, the context must agree too: the same words in other
		// company are another passage.
		m, ok := anchor.FindExact(text, h.Quote)
		if ok && m.Score >= minContext && (!found || m.Score > best.Score) {
			best, bestSection, found = m, i-1, true
		}
	}
	if found {
		return bestSection, best, true
	}
	if ownExists {
		m, ok := anchor.FindFuzzy(texts[own+1], h.Quote)
		return own, m, ok
	}
	for i, text := range texts {
		if m, ok := anchor.FindFuzzy(text, h.Quote); ok {
			return i - 1, m, true
		}
	}
	return 0, anchor.Match{}, false
}

// Missing marks the highlights of a briefing whose file is gone or cannot
// be read, and returns those that changed.
func Missing(hs []state.Highlight) []state.Highlight {
	var changed []state.Highlight
	for _, h := range hs {
		if h.Lost != state.LostFile {
			h.Lost = state.LostFile
			changed = append(changed, h)
		}
	}
	return changed
}
