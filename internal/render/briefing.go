package render

import (
	"strings"

	"github.com/briefreader/brief/briefings"
)

// Header returns the markdown shown above a briefing's lead: its title as a
// level-1 heading and a line with its date, author and tags. When the text
// starts with its own level-1 heading, the header is empty and the line goes
// under that heading instead (see Section).
func (r *Renderer) Header(b *briefings.Briefing) string {
	if b.OpensWithTitle() {
		return ""
	}
	return "# " + briefings.EscapeMarkdown(b.Title) + "\n\n" + r.MetaLine(b)
}

// MetaLine is the italic markdown line with the briefing's date, author and
// tags, or "" when it has none of them.
func (r *Renderer) MetaLine(b *briefings.Briefing) string {
	var sb strings.Builder
	if meta := b.Byline(); len(meta) > 0 {
		sb.WriteString("*")
		sb.WriteString(briefings.EscapeMarkdown(strings.Join(meta, r.sep)))
		sb.WriteString("*\n\n")
	}
	return sb.String()
}

// Lead renders the header and lead of a briefing.
func (r *Renderer) Lead(b *briefings.Briefing) []string {
	return r.Markdown(r.Header(b)+b.Lead, b.LeadDepth, b.Refs)
}

// Section renders section i of a briefing, without its subsections. The
// opening title heading gets the date line under it.
func (r *Renderer) Section(b *briefings.Briefing, i int) []string {
	s := b.Sections[i]
	md := s.Markdown
	if i == 0 && b.OpensWithTitle() {
		md = md[:s.HeadingLen] + "\n" + r.MetaLine(b) + md[s.HeadingLen:]
	}
	return r.Markdown(md, s.Depth, b.Refs)
}

// Document renders the whole briefing: header, lead and every section, one
// section at a time so that one pathological section cannot stall the rest.
func (r *Renderer) Document(b *briefings.Briefing) []string {
	lines := r.Lead(b)
	for i := range b.Sections {
		lines = appendBlock(lines, r.Section(b, i))
	}
	return lines
}

// Subtree renders section i and its subsections.
func (r *Renderer) Subtree(b *briefings.Briefing, i int) []string {
	var lines []string
	for j := i; j < len(b.Sections) && b.Sections[j].Start < b.Sections[i].TreeEnd; j++ {
		lines = appendBlock(lines, r.Section(b, j))
	}
	return lines
}

// appendBlock joins rendered blocks with one blank line between them.
func appendBlock(lines, block []string) []string {
	if len(lines) > 0 && len(block) > 0 {
		lines = append(lines, "")
	}
	return append(lines, block...)
}
