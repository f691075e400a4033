package export

import (
	"bytes"
	"html"
	"strings"

	"github.com/briefreader/brief/briefings"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// HTML returns a standalone HTML page of briefing b: a header with its
// title, date, author, tags and summary, then the chosen sections (indexes
// into b.Sections, each with its subsections; nil for the whole briefing,
// lead included), styled for the screen and for print.
//
// The page loads nothing and runs nothing: no scripts, no external style
// sheets or fonts, a Content-Security-Policy that forbids both, and images
// only as embedded data. Raw HTML in the briefing is dropped (presenter
// notes and pauses with it), links whose scheme is not http, https or
// mailto lose their link but keep their text, and section headings carry
// their section anchors as ids, so "#the-north-korean-factor" works.
func HTML(b *briefings.Briefing, sections []int, _ Options) ([]byte, error) {
	sel, d, err := prepare(b, sections, false)
	if err != nil {
		return nil, err
	}
	p := &page{doc: d, r: newHTMLRenderer(b)}
	title := sel.title(b)

	p.WriteString("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n")
	p.WriteString("<meta http-equiv=\"Content-Security-Policy\" content=\"" + contentSecurityPolicy + "\">\n")
	p.WriteString("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	p.WriteString("<meta name=\"generator\" content=\"brief\">\n")
	if b.Author != "" {
		p.WriteString("<meta name=\"author\" content=\"" + html.EscapeString(b.Author) + "\">\n")
	}
	if b.Summary != "" {
		p.WriteString("<meta name=\"description\" content=\"" + html.EscapeString(b.Summary) + "\">\n")
	}
	if len(b.Tags) > 0 {
		p.WriteString("<meta name=\"keywords\" content=\"" + html.EscapeString(strings.Join(b.Tags, ", ")) + "\">\n")
	}
	p.WriteString("<title>" + html.EscapeString(b.Title) + "</title>\n")
	p.WriteString("<style>\n" + styleSheet + "</style>\n</head>\n<body>\n<article>\n")

	p.WriteString("<header>\n")
	if sel.mergedTitle {
		p.heading(0, b.Sections[0].Anchor)
	} else {
		p.WriteString("<h1 class=\"title\">" + html.EscapeString(title) + "</h1>\n")
	}
	if meta := b.Byline(); len(meta) > 0 {
		p.WriteString("<p class=\"meta\">")
		for i, m := range meta {
			if i > 0 {
				p.WriteString(" <span aria-hidden=\"true\">·</span> ")
			}
			p.WriteString(html.EscapeString(m))
		}
		p.WriteString("</p>\n")
	}
	if b.Summary != "" {
		p.WriteString("<p class=\"summary\">" + html.EscapeString(b.Summary) + "</p>\n")
	}
	p.WriteString("</header>\n")

	if sel.whole {
		p.blocks(d.lead)
	}
	for i, s := range b.Sections {
		if !sel.include[i] {
			continue
		}
		if i > 0 || !sel.mergedTitle {
			p.heading(i, s.Anchor)
		}
		p.blocks(d.bodies[i])
	}

	p.WriteString("<footer>\n")
	if b.Source != "" {
		p.WriteString("<p>Source: " + html.EscapeString(b.Source) + "</p>\n")
	}
	p.WriteString("<p>From " + html.EscapeString(b.RelPath) + ", a handout made with brief.</p>\n")
	p.WriteString("</footer>\n</article>\n</body>\n</html>\n")
	return p.Bytes(), p.err
}

// contentSecurityPolicy forbids the page to load or run anything: styles
// come from the page itself and images are embedded.
const contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

// page collects the HTML of a handout.
type page struct {
	bytes.Buffer
	doc *document
	r   renderer.Renderer
	err error
}

// heading renders the heading of section i with its anchor as id.
func (p *page) heading(i int, anchor string) {
	h := p.doc.headings[i]
	h.SetAttributeString("id", []byte(anchor))
	p.render(h)
}

// blocks renders top-level blocks.
func (p *page) blocks(nodes []ast.Node) {
	for _, n := range nodes {
		p.render(n)
	}
}

func (p *page) render(n ast.Node) {
	if _, raw := n.(*ast.HTMLBlock); raw || p.err != nil {
		return
	}
	makeSafe(n, p.doc.src)
	n = flattenDeep(n, p.doc.src, 0)
	p.err = p.r.Render(&p.Buffer, p.doc.src, n)
}

// newHTMLRenderer is goldmark's HTML renderer with GFM and our images. It
// keeps goldmark's safe default: raw HTML is never written.
func newHTMLRenderer(b *briefings.Briefing) renderer.Renderer {
	return renderer.NewRenderer(renderer.WithNodeRenderers(
		util.Prioritized(gmhtml.NewRenderer(), 1000),
		util.Prioritized(extension.NewTableHTMLRenderer(), 500),
		util.Prioritized(extension.NewStrikethroughHTMLRenderer(), 500),
		util.Prioritized(extension.NewTaskCheckBoxHTMLRenderer(), 500),
		util.Prioritized(&imageRenderer{dir: imageDir(b)}, 100),
	))
}

// makeSafe rewrites a block before it is rendered: raw HTML (and with it
// every comment, presenter notes and pauses included) is removed, links
// with a scheme other than http, https or mailto become their text, and
// bare URLs are marked so that print styles do not repeat them.
func makeSafe(n ast.Node, src []byte) {
	var drop, unwrap []ast.Node
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.HTMLBlock, *ast.RawHTML:
			drop = append(drop, c)
			return ast.WalkSkipChildren, nil
		case *ast.Link:
			if briefings.URLKindOf(string(c.Destination)) == briefings.UnsafeURL {
				unwrap = append(unwrap, c)
			}
		case *ast.AutoLink:
			if c.AutoLinkType == ast.AutoLinkURL && briefings.URLKindOf(string(c.URL(src))) == briefings.UnsafeURL {
				unwrap = append(unwrap, c)
			} else {
				c.SetAttributeString("class", []byte("bare"))
			}
		}
		return ast.WalkContinue, nil
	})
	for _, c := range drop {
		if parent := c.Parent(); parent != nil {
			parent.RemoveChild(parent, c)
		}
	}
	for _, c := range unwrap {
		parent := c.Parent()
		if parent == nil {
			continue
		}
		if a, ok := c.(*ast.AutoLink); ok {
			parent.ReplaceChild(parent, c, ast.NewString(a.Label(src)))
			continue
		}
		for child := c.FirstChild(); child != nil; {
			next := child.NextSibling()
			parent.InsertBefore(parent, c, child)
			child = next
		}
		parent.RemoveChild(parent, c)
	}
}

// maxHTMLDepth is how deep quotes and lists may nest in a page. Deeper
// content becomes one paragraph of its text: browsers and HTML parsers
// stop nesting elements at a few hundred levels anyway, and a page
// indented off its edge helps nobody.
const maxHTMLDepth = 32

// flattenDeep replaces containers nested deeper than maxHTMLDepth with a
// paragraph of their text and returns n or its replacement.
func flattenDeep(n ast.Node, src []byte, depth int) ast.Node {
	if n.Type() != ast.TypeBlock {
		return n
	}
	if depth > maxHTMLDepth {
		var parts []string
		_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
			if !entering || c.Type() != ast.TypeBlock || c.HasChildren() && c.FirstChild().Type() == ast.TypeBlock {
				return ast.WalkContinue, nil
			}
			if t := plainText(c, src); t != "" {
				parts = append(parts, t)
			}
			return ast.WalkSkipChildren, nil
		})
		para := ast.NewParagraph()
		para.AppendChild(para, ast.NewString([]byte(strings.Join(parts, " "))))
		if parent := n.Parent(); parent != nil {
			parent.ReplaceChild(parent, n, para)
		}
		return para
	}
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		flattenDeep(c, src, depth+1)
		c = next
	}
	return n
}

// plainText returns the text of a node's inline children, sanitized, for
// alt texts.
func plainText(n ast.Node, src []byte) string {
	return briefings.SanitizeString(strings.TrimSpace(briefings.InlineText(n, src)))
}
