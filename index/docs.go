package index

import (
	"path"
	"path/filepath"
	"strconv"
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
	date, year, month := "", "", ""
	if !b.Date.IsZero() {
		date = b.Date.UTC().Format(time.RFC3339)
		year = strconv.Itoa(b.Date.UTC().Year())
		month = b.Date.UTC().Format("2006-01")
	}
	base := sectionDoc{Path: b.Path, RelPath: b.RelPath, Title: b.Title, Tags: tags, Author: strings.TrimSpace(b.Author),
		Date: date, Year: year, Month: month, Folders: folders(b.RelPath)}
	docs := make([]sectionDoc, 0, len(b.Sections)+1)
	if lead := briefings.PlainText(b.Lead, b.Refs); lead != "" {
		d := base
		d.Body = lead
		d.Markdown, d.Depth = b.Lead, float64(b.LeadDepth)
		docs = append(docs, d)
	}
	for i, s := range b.Sections {
		d := base
		d.Anchor, d.Heading, d.Ordinal = s.Anchor, s.Heading, float64(s.Ordinal)
		d.HeadingPath = b.HeadingPath(i)
		d.Body = briefings.PlainText(s.Body(), b.Refs)
		d.Markdown, d.Depth = s.Markdown, float64(s.Depth)
		docs = append(docs, d)
	}
	lang := b.Lang
	if lang == "" {
		lang = detectLanguageCode(sampleText(b.Title, docs))
	}
	for i := range docs {
		docs[i].Lang = lang
	}
	return docs
}

// folders returns the folders a briefing is in, from its path relative to
// its library root, each with its parents: "europe/east/kyiv.md" is in
// "europe" and "europe/east". A briefing at the root is in none.
func folders(rel string) []string {
	dir := path.Dir(filepath.ToSlash(rel))
	if dir == "." || dir == "/" || dir == "" || strings.HasPrefix(dir, "..") {
		return nil
	}
	var out []string
	for i := 0; i <= len(dir); i++ {
		if i == len(dir) || dir[i] == '/' {
			if i > 0 {
				out = append(out, dir[:i])
			}
		}
	}
	return out
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
