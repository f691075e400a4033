package ui

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/briefreader/brief/index"
	"github.com/briefreader/brief/internal/render"
	"github.com/charmbracelet/x/ansi"
)

// maxSnippets is how many snippet lines a hit shows.
const maxSnippets = 2

// hitHeight is the number of lines a hit takes, with the blank after it.
func hitHeight(h index.Hit) int {
	return 3 + min(len(h.Snippets), maxSnippets)
}

// maxErrorLines is how many lines a query error may take.
const maxErrorLines = 4

// headerLines is the number of lines above the hits.
const searchHeaderLines = 4

// visibleHits is how many hits fit on the screen.
func (s *searcher) visibleHits() int {
	rows := s.height - searchHeaderLines - 1
	return max(rows/(3+maxSnippets), 1)
}

func (s *searcher) view() string {
	if s.help != nil {
		return strings.Join(s.help.view(s.width, s.height, s.st), "\n")
	}
	var lines []string
	if s.prompt != nil {
		lines = s.promptLines()
	} else {
		lines = append(append(lines, " "+s.input.View()), s.statusLines()...)
	}
	lines = append(lines, s.facetLine(), "")
	height := s.height - len(lines) - 1
	listWidth := s.listWidth()
	var body []string
	if s.filters != nil {
		body = s.filterLines(listWidth-2, height)
		for i := range body {
			body[i] = " " + body[i]
		}
	} else {
		body = s.hitLines(height)
	}
	if s.previewing() {
		body = beside(padLines(body, height), listWidth, s.previewLines(s.previewWidth(), height), s.st)
	}
	lines = padLines(append(lines, body...), s.height-1)
	hints := "type to search · ↑↓ choose · enter read · tab filters · esc back · ctrl+h help"
	if s.width >= previewFrom {
		hints = "type to search · ↑↓ choose · enter read · tab filters · ctrl+o sort · ctrl+g group · ctrl+s save · ctrl+t to file · esc back · ctrl+h help"
	}
	return strings.Join(append(lines, " "+s.st.subtle.Render(ansi.Truncate(hints, s.width-2, "…"))), "\n")
}

// statusLines are the lines under the query box: an error, a notice, or
// how many sections match.
func (s *searcher) statusLines() []string {
	switch {
	case s.err != "":
		// A query error says where and why: wrapped, not cut off.
		wrapped := render.WrapLines(cleanMessage(s.err), max(s.width-2, 10), "")
		if len(wrapped) > maxErrorLines {
			wrapped = wrapped[:maxErrorLines]
			wrapped[maxErrorLines-1] = ansi.Truncate(wrapped[maxErrorLines-1]+" …", s.width-2, "…")
		}
		var lines []string
		for _, l := range wrapped {
			lines = append(lines, " "+s.st.warning.Render(l))
		}
		return lines
	case s.notice != "":
		line := cleanMessage(s.notice)
		if status := s.status(); status != "" {
			line = status + " · " + line
		}
		return []string{" " + s.st.warning.Render(ansi.Truncate(line, s.width-2, "…"))}
	}
	return []string{" " + s.st.subtle.Render(ansi.Truncate(s.status(), s.width-2, "…"))}
}

// beside puts the preview's lines to the right of the list's, with a rule
// between them.
func beside(left []string, width int, right []string, st *styles) []string {
	out := make([]string, len(left))
	rule := st.border.Render("│")
	for i, l := range left {
		l = ansi.Truncate(l, width, "")
		r := ""
		if i < len(right) {
			r = right[i]
		}
		out[i] = l + strings.Repeat(" ", max(width-ansi.StringWidth(l), 0)) + rule + " " + r
	}
	return out
}

// facetLine shows the saved search opened, the filters of the query, and
// the top tags with their counts (tab chooses among all the facets).
func (s *searcher) facetLine() string {
	var parts []string
	if o := s.opened; o != nil {
		parts = append(parts, s.st.accent.Render("saved: "+render.Plain(o.name)))
	}
	if filters := index.QueryFilters(s.input.Value()); len(filters) > 0 {
		parts = append(parts, s.st.subtle.Render(fmt.Sprintf("%d %s (tab)", len(filters), plural(len(filters), "filter", "filters"))))
	}
	if len(s.tags) > 0 {
		tags := []string{s.st.subtle.Render("tags:")}
		for i, t := range s.tags {
			if i == maxFacetTags {
				break
			}
			text := fmt.Sprintf("%s %d", render.Plain(t.Tag), t.Count)
			if index.HasFilter(s.input.Value(), "tag", t.Tag) {
				text = s.st.selected.Render("[" + text + "]")
			} else {
				text = s.st.subtle.Render(text)
			}
			tags = append(tags, text)
		}
		parts = append(parts, strings.Join(tags, "  "))
	}
	if len(parts) == 0 {
		return ""
	}
	return ansi.Truncate(" "+strings.Join(parts, s.st.subtle.Render(" · ")), s.width, "…")
}

// rowHeight is the number of lines a row takes, with the blank after it.
func rowHeight(r row) int {
	h := hitHeight(r.hit)
	if r.more > 0 {
		h++
	}
	return h
}

// hitLines draws as many rows as fit in height lines, keeping the cursor
// in view.
func (s *searcher) hitLines(height int) []string {
	if len(s.rows) == 0 {
		if s.results != nil && strings.TrimSpace(s.query) != "" {
			lines := []string{"  " + s.st.subtle.Render("No section matches. Fewer words, or a * after a word, find more.")}
			for _, f := range s.results.NoMatch {
				lines = append(lines, "  "+s.st.warning.Render(ansi.Truncate(render.Plain(f)+" matches nothing in the library (removed or renamed?): tab takes it out.", s.listWidth()-4, "…")))
			}
			return lines
		}
		return nil
	}
	if s.cursor < s.offset {
		s.offset = s.cursor
	}
	for {
		used := 0
		for i := s.offset; i <= s.cursor; i++ {
			used += rowHeight(s.rows[i])
		}
		if used <= height || s.offset == s.cursor {
			break
		}
		s.offset++
	}
	var lines []string
	for i := s.offset; i < len(s.rows) && len(lines)+rowHeight(s.rows[i])-1 <= height; i++ {
		lines = append(lines, s.rowView(s.rows[i], i == s.cursor)...)
		lines = append(lines, "")
	}
	if uint64(len(s.hits)) < s.results.Total && s.offset+s.visibleHits() >= len(s.rows) {
		lines = append(lines, "  "+s.st.subtle.Render("…"))
	}
	return lines
}

// rowView draws a row: its hit, indented under its briefing's best hit
// when it is one of the others, and the count of sections not shown.
func (s *searcher) rowView(r row, selected bool) []string {
	if !r.member {
		lines := s.hitView(r.hit, selected)
		if r.more > 0 {
			more := fmt.Sprintf("+%d more %s in this briefing (ctrl+x)", r.more, plural(r.more, "section", "sections"))
			lines = append(lines, "    "+s.st.accent.Render(ansi.Truncate(more, max(s.listWidth()-6, 10), "…")))
		}
		return lines
	}
	s.indent = 2
	lines := s.hitView(r.hit, selected)
	s.indent = 0
	for i, l := range lines {
		lines[i] = "  " + l
	}
	return lines
}

// hitView draws one hit: briefing › section and date, snippets with the
// matched words highlighted, tags.
func (s *searcher) hitView(h index.Hit, selected bool) []string {
	bar := "  "
	titleStyle := s.st.title
	if selected {
		bar = s.st.selected.Render("▌ ")
		titleStyle = s.st.selected
	}
	width := max(s.listWidth()-4-s.indent, 10)
	date := ""
	if !h.Date.IsZero() {
		date = h.Date.Format("2 Jan 2006")
	}
	if s.isNew(h) {
		date = strings.TrimSpace("new " + date)
	}
	// The section matters more than the briefing's (often long) title.
	room := max(width-ansi.StringWidth(date)-2, 10)
	where := render.Plain(h.Title)
	if h.Heading != "" {
		heading := " › " + render.Plain(h.Heading)
		where = ansi.Truncate(where, max(room-ansi.StringWidth(heading), min(room, 12)), "…") + heading
	}
	where = ansi.Truncate(where, room, "…")
	gap := max(width-ansi.StringWidth(where)-ansi.StringWidth(date), 1)
	lines := []string{bar + titleStyle.Render(where) + strings.Repeat(" ", gap) + s.st.subtle.Render(date)}
	for i, sn := range h.Snippets {
		if i == maxSnippets {
			break
		}
		lines = append(lines, bar+"  "+snippetLine(sn, width-2, s.st.match))
	}
	meta := render.Plain(h.RelPath)
	if len(h.Tags) > 0 {
		meta = render.Plain(strings.Join(h.Tags, " · ")) + "  " + meta
	}
	line := s.st.subtle.Render(ansi.Truncate(meta, width-2, "…"))
	if missing := missingLine(h.Missing); missing != "" {
		// The words the section lacks come first: they say why it
		// ranks below the sections with every word.
		room := max(width-2-ansi.StringWidth(missing)-2, 0)
		line = s.st.warning.Render(missing) + "  " + s.st.subtle.Render(ansi.Truncate(meta, room, "…"))
		line = ansi.Truncate(line, width-2, "…")
	}
	lines = append(lines, bar+"  "+line)
	return lines
}

// missingLine says which words of the query a hit lacks: "missing: ukraine".
func missingLine(words []string) string {
	if len(words) == 0 {
		return ""
	}
	return "missing: " + render.Plain(strings.Join(words, ", "))
}

// snippetLine draws a snippet in width cells with its matches highlighted.
// The highlights come from the index's byte ranges into the snippet's plain
// text; every piece is sanitized on its own, so the ranges still hold.
// When the first match lies beyond the middle, the start is cut.
func snippetLine(sn index.Snippet, width int, match lipgloss.Style) string {
	text := sn.Text
	var sb strings.Builder
	last := 0
	cut := 0
	if len(sn.Matches) > 0 {
		if first := ansi.StringWidth(text[:sn.Matches[0][0]]); first > width/2 {
			cut = first - width/4
		}
	}
	for _, m := range sn.Matches {
		if m[0] < last || m[1] > len(text) {
			continue
		}
		sb.WriteString(render.Plain(text[last:m[0]]))
		sb.WriteString(match.Render(render.Plain(text[m[0]:m[1]])))
		last = m[1]
	}
	sb.WriteString(render.Plain(text[last:]))
	line := sb.String()
	prefix := ""
	if sn.Start > 0 || cut > 0 {
		prefix = "…"
	}
	if cut > 0 {
		line = ansi.TruncateLeft(line, cut, "")
	}
	suffix := ""
	if sn.After {
		suffix = "…"
	}
	return ansi.Truncate(prefix+line+suffix, width, "…")
}
