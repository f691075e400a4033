package quotes

import (
	"strings"
	"time"

	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/internal/state"
)

// Citation says where a quote comes from.
type Citation struct {
	// Title is the briefing's title.
	Title string
	// Author and Date are from the briefing's front matter, if given.
	Author string
	Date   time.Time
	// Section is the headings down to the quote's section, joined with
	// " › " ("" for the lead).
	Section string
	// Source is the source: URL (or other reference) from front matter.
	Source string
	// Path is the briefing's file.
	Path string
}

// Cite returns the citation of section i (-1: the lead) of b.
func Cite(b *briefings.Briefing, section int) Citation {
	c := Citation{Title: b.Title, Author: b.Author, Date: b.Date, Source: b.Source, Path: b.Path}
	if section >= 0 && section < len(b.Sections) {
		c.Section = strings.Join(b.HeadingPath(section), " › ")
	}
	return c
}

// CiteStored returns what can be said of a highlight's source without its
// briefing (a file that is gone): the title and heading it had.
func CiteStored(h state.Highlight) Citation {
	return Citation{Title: h.Title, Section: h.Heading, Path: h.Briefing}
}

// String is the citation on one line: "Title, Section. Author, 2
// January 2006. Source".
func (c Citation) String() string {
	parts := []string{c.Title}
	if c.Section != "" && c.Section != c.Title {
		parts[0] += ", " + c.Section
	}
	var by []string
	if c.Author != "" {
		by = append(by, c.Author)
	}
	if !c.Date.IsZero() {
		by = append(by, c.Date.Format("2 January 2006"))
	}
	if len(by) > 0 {
		parts = append(parts, strings.Join(by, ", "))
	}
	if c.Source != "" {
		parts = append(parts, c.Source)
	}
	for i, p := range parts {
		parts[i] = strings.TrimSuffix(oneLine(p), ".")
	}
	return strings.Join(parts, ". ") + "."
}

// Clip is what the reader copies for a highlight: the quote in quotation
// marks, the citation, and the note.
func Clip(h state.Highlight, c Citation) string {
	var sb strings.Builder
	sb.WriteString("“" + strings.TrimSpace(h.Quote.Exact) + "”\n— " + c.String() + "\n")
	if h.Note != "" {
		sb.WriteString("Note: " + h.Note + "\n")
	}
	return sb.String()
}

// oneLine joins the lines of s with spaces.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
