package index

import (
	"strings"
	"time"

	"github.com/briefreader/brief/briefings"
)

// sectionDocs turns a briefing into one document per section: the lead
// (when it has text) and every heading. Section text is the plain text of
// the section's own markdown, without its heading and without presenter
// notes.
func sectionDocs(b *briefings.Briefing) []sectionDoc {
	tags := make([]string, 0, len(b.Tags))
	for _, t := range b.Tags {
		if t = strings.TrimSpace(t); t != "" {
			tags = append(tags, strings.ToLower(t))
		}
	}
	date := ""
	if !b.Date.IsZero() {
		date = b.Date.UTC().Format(time.RFC3339)
	}
	base := sectionDoc{Path: b.Path, RelPath: b.RelPath, Title: b.Title, Tags: tags, Author: b.Author, Date: date}
	docs := make([]sectionDoc, 0, len(b.Sections)+1)
	if lead := briefings.PlainText(b.Lead, b.Refs); lead != "" {
		d := base
		d.Body = lead
		docs = append(docs, d)
	}
	for i, s := range b.Sections {
		d := base
		d.Anchor, d.Heading, d.Ordinal = s.Anchor, s.Heading, float64(s.Ordinal)
		d.HeadingPath = b.HeadingPath(i)
		d.Body = briefings.PlainText(s.Body(), b.Refs)
		docs = append(docs, d)
	}
	lang := b.Lang
	if lang == "" {
		lang = detectLanguage(sampleText(b.Title, docs))
	}
	for i := range docs {
		docs[i].Lang = lang
	}
	return docs
}

// sampleText is the beginning of a briefing's text, enough to tell its
// language.
func sampleText(title string, docs []sectionDoc) string {
	var sb strings.Builder
	sb.WriteString(title)
	for _, d := range docs {
		if sb.Len() > 4096 {
			break
		}
		sb.WriteString("\n")
		sb.WriteString(d.Heading)
		sb.WriteString("\n")
		sb.WriteString(d.Body[:min(len(d.Body), 4096)])
	}
	return sb.String()
}
