package quotes

import (
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/internal/state"
)

// Format is a quote sheet's format.
type Format int

const (
	// Markdown is ready to paste into a story draft written in markdown.
	Markdown Format = iota
	// Text is plain text, ready to paste anywhere.
	Text
	// HTML is a standalone page, styled like brief's handouts.
	HTML
	// JSONLD is W3C Web Annotation JSON-LD.
	JSONLD
)

// ParseFormat reads a format name: md (markdown), txt (text), html, json
// (jsonld).
func ParseFormat(name string) (Format, error) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "md", "markdown", "":
		return Markdown, nil
	case "txt", "text":
		return Text, nil
	case "html", "htm":
		return HTML, nil
	case "json", "jsonld", "json-ld":
		return JSONLD, nil
	}
	return 0, fmt.Errorf("unknown format %q: use md, txt, html or json", name)
}

// Item is one quote of a sheet: a highlight, where it is from, and where
// it is in its section's text.
type Item struct {
	Highlight state.Highlight
	Cite      Citation
	// Start and End are the quote's offsets in its section's plain text
	// counted in characters, as the W3C TextPositionSelector counts them;
	// -1 when not known (the quote was not found).
	Start, End int
}

// ItemOf makes the item of a highlight of b, whose section texts are
// texts (Texts(b)).
func ItemOf(b *briefings.Briefing, texts []string, h state.Highlight) Item {
	it := Item{Highlight: h, Start: -1, End: -1}
	section := -1
	if h.Section != "" {
		section = b.SectionIndex(h.Section)
	}
	it.Cite = Cite(b, section)
	if h.Lost == state.Found && section+1 < len(texts) {
		text := texts[section+1]
		if h.Quote.End <= len(text) && text[h.Quote.Start:h.Quote.End] == h.Quote.Exact {
			it.Start = utf8.RuneCountInString(text[:h.Quote.Start])
			it.End = it.Start + utf8.RuneCountInString(h.Quote.Exact)
		}
	}
	return it
}

// Sheet is a quote sheet.
type Sheet struct {
	Items []Item
	// Generated is when the sheet was made.
	Generated time.Time
}

// Write writes the sheet in a format.
func (s Sheet) Write(w io.Writer, f Format) error {
	items := make([]Item, len(s.Items))
	for i, it := range s.Items {
		items[i] = shown(it)
	}
	s.Items = items
	var err error
	switch f {
	case Text:
		_, err = io.WriteString(w, s.text())
	case HTML:
		_, err = io.WriteString(w, s.html())
	case JSONLD:
		err = s.jsonLD(w)
	default:
		_, err = io.WriteString(w, s.markdown())
	}
	if err != nil {
		return fmt.Errorf("write the quote sheet: %w", err)
	}
	return nil
}

// lostNote says why a quote is not in its briefing's current text, or "".
func lostNote(h state.Highlight) string {
	switch h.Lost {
	case state.LostText:
		return "not found in the current text; quoted as it was"
	case state.LostFile:
		return "the briefing's file is gone or cannot be read; quoted as it was"
	}
	return ""
}

// summary is the sheet's one-line description.
func (s Sheet) summary() string {
	files := map[string]bool{}
	for _, it := range s.Items {
		files[it.Highlight.Briefing] = true
	}
	n := fmt.Sprintf("%d quotes from %d briefings", len(s.Items), len(files))
	switch {
	case len(s.Items) == 1:
		n = "1 quote from 1 briefing"
	case len(files) == 1:
		n = fmt.Sprintf("%d quotes from 1 briefing", len(s.Items))
	}
	return n + ", " + s.Generated.Format("2 January 2006")
}

func (s Sheet) text() string {
	var sb strings.Builder
	sb.WriteString("Quotes\n" + s.summary() + "\n")
	for _, it := range s.Items {
		h := it.Highlight
		sb.WriteString("\n“" + strings.TrimSpace(h.Quote.Exact) + "”\n")
		sb.WriteString("— " + it.Cite.String() + "\n")
		if h.Note != "" {
			sb.WriteString("Note: " + h.Note + "\n")
		}
		if l := lostNote(h); l != "" {
			sb.WriteString("(" + l + ")\n")
		}
	}
	return sb.String()
}

func (s Sheet) markdown() string {
	var sb strings.Builder
	sb.WriteString("# Quotes\n\n*" + s.summary() + "*\n")
	for _, it := range s.Items {
		h := it.Highlight
		sb.WriteString("\n")
		for _, line := range strings.Split(strings.TrimSpace(h.Quote.Exact), "\n") {
			if line = briefings.EscapeMarkdown(line); line == "" {
				sb.WriteString(">\n")
			} else {
				sb.WriteString("> " + line + "\n")
			}
		}
		sb.WriteString("\n— " + markdownCitation(it.Cite) + "\n")
		if h.Note != "" {
			sb.WriteString("\n**Note:** " + escapeLines(h.Note) + "\n")
		}
		if l := lostNote(h); l != "" {
			sb.WriteString("\n*(" + l + ")*\n")
		}
	}
	return sb.String()
}

// escapeLines escapes each line of s for markdown, joining them with
// hard line breaks.
func escapeLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = briefings.EscapeMarkdown(l)
	}
	return strings.Join(lines, "\\\n")
}

// markdownCitation is the citation for markdown: escaped, with a web
// source as an autolink.
func markdownCitation(c Citation) string {
	if !webURL(c.Source) {
		return briefings.EscapeMarkdown(c.String())
	}
	src := c.Source
	c.Source = ""
	return briefings.EscapeMarkdown(c.String()) + " <" + src + ">"
}

// webURL reports whether s is one http or https address that can stand
// as a link.
func webURL(s string) bool {
	return briefings.URLKindOf(s) == briefings.WebURL && strings.Contains(s, "://") &&
		!strings.ContainsAny(s, " \t\n<>\"'`")
}

// visible shows the control characters of s (other than newline and tab)
// as the symbols of the Unicode Control Pictures block, "␛" for escape,
// so that nothing written to a sheet can drive a terminal it is printed
// on. The store cleans notes and quotes already; a sheet does not rely
// on it.
func visible(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\n' && c != '\t' || c == 0x7f || c == 0xc2 {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case r < 0x20:
			return 0x2400 + r
		case r == 0x7f:
			return 0x2421
		case r >= 0x80 && r <= 0x9f:
			return utf8.RuneError
		}
		return r
	}, s)
}

// shown returns the item with every text made visible (see visible).
func shown(it Item) Item {
	h := &it.Highlight
	h.Quote.Exact, h.Note = visible(h.Quote.Exact), visible(h.Note)
	c := &it.Cite
	c.Title, c.Author, c.Section, c.Source = visible(c.Title), visible(c.Author), visible(c.Section), visible(c.Source)
	return it
}
