package quotes

import (
	"html"
	"strings"

	"github.com/briefreader/brief/internal/export"
)

// sheetStyle adds the quote sheet's own rules to the handouts' style.
const sheetStyle = `figure.quote { margin: 0 0 2.2em; break-inside: avoid; page-break-inside: avoid; }
figure.quote blockquote { color: var(--text); font-size: 1.15rem; margin-bottom: 0.5em; }
figure.quote figcaption { color: var(--muted); font-size: 0.95rem; }
figure.quote .note { margin: 0.5em 0 0; padding: 0.4em 0.8em; background: var(--tint); white-space: pre-wrap; }
figure.quote .lost { color: var(--muted); font-style: italic; margin: 0.3em 0 0; }
`

// html is the sheet as a standalone page: no scripts, nothing loaded, a
// policy that forbids both, every text escaped, links only to web
// addresses.
func (s Sheet) html() string {
	var sb strings.Builder
	sb.WriteString("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n")
	sb.WriteString("<meta http-equiv=\"Content-Security-Policy\" content=\"" + export.ContentSecurityPolicy + "\">\n")
	sb.WriteString("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	sb.WriteString("<meta name=\"generator\" content=\"brief\">\n")
	sb.WriteString("<title>Quotes</title>\n<style>\n" + export.StyleSheet() + sheetStyle + "</style>\n</head>\n<body>\n<article>\n")
	sb.WriteString("<header>\n<h1 class=\"title\">Quotes</h1>\n<p class=\"meta\">" + html.EscapeString(s.summary()) + "</p>\n</header>\n")
	for _, it := range s.Items {
		h := it.Highlight
		sb.WriteString("<figure class=\"quote\">\n<blockquote")
		if webURL(it.Cite.Source) {
			sb.WriteString(" cite=\"" + html.EscapeString(it.Cite.Source) + "\"")
		}
		sb.WriteString(">\n")
		for _, para := range strings.Split(strings.TrimSpace(h.Quote.Exact), "\n\n") {
			lines := strings.Split(strings.TrimSpace(para), "\n")
			for i, l := range lines {
				lines[i] = html.EscapeString(l)
			}
			sb.WriteString("<p>" + strings.Join(lines, "<br>\n") + "</p>\n")
		}
		sb.WriteString("</blockquote>\n<figcaption>— " + htmlCitation(it.Cite) + "</figcaption>\n")
		if h.Note != "" {
			sb.WriteString("<p class=\"note\"><strong>Note:</strong> " + html.EscapeString(h.Note) + "</p>\n")
		}
		if l := lostNote(h); l != "" {
			sb.WriteString("<p class=\"lost\">(" + html.EscapeString(l) + ")</p>\n")
		}
		sb.WriteString("</figure>\n")
	}
	sb.WriteString("</article>\n</body>\n</html>\n")
	return sb.String()
}

// htmlCitation is the citation with the title in <cite> and a web source
// as a link.
func htmlCitation(c Citation) string {
	src := c.Source
	c.Source = ""
	title := c.Title
	c.Title = "\x00" // placeholder, replaced after escaping
	text := html.EscapeString(c.String())
	text = strings.Replace(text, "\x00", "<cite>"+html.EscapeString(oneLine(title))+"</cite>", 1)
	switch {
	case src == "":
	case webURL(src):
		text += " <a href=\"" + html.EscapeString(src) + "\">" + html.EscapeString(src) + "</a>"
	default:
		text += " " + html.EscapeString(oneLine(src))
	}
	return text
}
