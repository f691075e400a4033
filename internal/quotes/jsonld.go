package quotes

import (
	"encoding/json"
	"io"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"github.com/briefreader/brief/internal/state"
)

// The JSON-LD sheet follows the W3C Web Annotation Data Model: an
// AnnotationCollection whose one page holds an Annotation per highlight.
// Its target is the briefing's file, with a TextQuoteSelector (the quote
// and its context) and, for a quote found in the current text, a
// FragmentSelector naming the section refined by a TextPositionSelector
// (offsets in characters in the section's plain text). The note is a
// TextualBody. What the model has no word for (the briefing's title,
// author, date and source) is said with schema.org terms.

type annotationCollection struct {
	Context []any          `json:"@context"`
	Type    string         `json:"type"`
	Label   string         `json:"label"`
	Total   int            `json:"total"`
	Created string         `json:"created"`
	First   annotationPage `json:"first"`
}

type annotationPage struct {
	Type  string       `json:"type"`
	Items []annotation `json:"items"`
}

type annotation struct {
	ID         string          `json:"id"`
	Type       string          `json:"type"`
	Motivation string          `json:"motivation"`
	Created    string          `json:"created,omitempty"`
	Modified   string          `json:"modified,omitempty"`
	Body       *textualBody    `json:"body,omitempty"`
	Target     annotatedTarget `json:"target"`
}

type textualBody struct {
	Type    string `json:"type"`
	Value   string `json:"value"`
	Format  string `json:"format"`
	Purpose string `json:"purpose"`
}

type annotatedTarget struct {
	Source   annotatedSource `json:"source"`
	Selector []any           `json:"selector"`
}

type annotatedSource struct {
	ID            string `json:"id"`
	Type          string `json:"type"`
	Format        string `json:"format,omitempty"`
	Name          string `json:"schema:name,omitempty"`
	Author        string `json:"schema:author,omitempty"`
	DatePublished string `json:"schema:datePublished,omitempty"`
	URL           string `json:"schema:url,omitempty"`
}

type textQuoteSelector struct {
	Type   string `json:"type"`
	Exact  string `json:"exact"`
	Prefix string `json:"prefix,omitempty"`
	Suffix string `json:"suffix,omitempty"`
}

type fragmentSelector struct {
	Type      string                `json:"type"`
	Value     string                `json:"value"`
	Title     string                `json:"schema:name,omitempty"`
	RefinedBy *textPositionSelector `json:"refinedBy,omitempty"`
}

type textPositionSelector struct {
	Type  string `json:"type"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

func (s Sheet) jsonLD(w io.Writer) error {
	c := annotationCollection{
		Context: []any{"http://www.w3.org/ns/anno.jsonld", map[string]string{"schema": "http://schema.org/"}},
		Type:    "AnnotationCollection",
		Label:   "Quotes: " + s.summary(),
		Total:   len(s.Items),
		Created: s.Generated.UTC().Format(time.RFC3339),
		First:   annotationPage{Type: "AnnotationPage", Items: make([]annotation, 0, len(s.Items))},
	}
	for _, it := range s.Items {
		c.First.Items = append(c.First.Items, annotationOf(it))
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(c)
}

func annotationOf(it Item) annotation {
	h := it.Highlight
	a := annotation{
		ID:         "urn:brief:highlight:" + h.ID,
		Type:       "Annotation",
		Motivation: "highlighting",
		Created:    timeText(h.Created),
		Modified:   timeText(later(h.Updated, h.Anchored)),
	}
	if h.Note != "" {
		a.Motivation = "commenting"
		a.Body = &textualBody{Type: "TextualBody", Value: h.Note, Format: "text/plain", Purpose: "commenting"}
	}
	src := annotatedSource{ID: fileURI(h.Briefing), Type: "Text", Format: formatOf(h.Briefing),
		Name: it.Cite.Title, Author: it.Cite.Author, URL: it.Cite.Source}
	if !it.Cite.Date.IsZero() {
		src.DatePublished = it.Cite.Date.Format("2006-01-02")
	}
	sel := []any{textQuoteSelector{Type: "TextQuoteSelector", Exact: h.Quote.Exact, Prefix: h.Quote.Prefix, Suffix: h.Quote.Suffix}}
	if it.Start >= 0 && h.Lost == state.Found {
		sel = append(sel, fragmentSelector{Type: "FragmentSelector", Value: h.Section, Title: it.Cite.Section,
			RefinedBy: &textPositionSelector{Type: "TextPositionSelector", Start: it.Start, End: it.End}})
	}
	a.Target = annotatedTarget{Source: src, Selector: sel}
	return a
}

// fileURI names a briefing as a URI: file:///path, or the built-in
// sample's own name.
func fileURI(path string) string {
	if !filepath.IsAbs(path) {
		return "urn:brief:" + url.PathEscape(path)
	}
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(path)}
	return u.String()
}

func formatOf(path string) string {
	if strings.HasSuffix(strings.ToLower(path), ".txt") {
		return "text/plain"
	}
	return "text/markdown"
}

func timeText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
