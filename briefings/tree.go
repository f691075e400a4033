package briefings

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// Tree is a piece of markdown parsed for showing: goldmark's tree, with
// every text node holding exactly the text a reader sees. The reader, the
// presenter, the index and plain-text handouts all show a Tree, so they
// show the same words.
//
// Compared with the tree as written (ParseTree):
//   - reference links are resolved with the file's definitions;
//   - backslash escapes and character references are resolved;
//   - a soft line break is a space at the end of the text before it, so a
//     hard-wrapped paragraph or list item is one run of text, whatever
//     inline markup starts or ends its lines;
//   - a code span has one text child, its content with line endings as
//     spaces;
//   - raw inline HTML is gone ("<br>" becomes a hard line break), and a
//     block of raw HTML is a paragraph of the text a browser would show of
//     it, or nothing (comments, presenter notes, scripts); so is a
//     paragraph that held only raw HTML;
//   - a link or image whose destination is not safe to follow
//     (javascript:, file:, data:, ...) is its text;
//   - link destinations and titles are decoded.
//
// Every text node is marked raw: its value is final.
type Tree struct {
	// Root is the document node.
	Root ast.Node
	// Source is the text the nodes' segments point into. Code blocks keep
	// their lines as written; inline text lives after them.
	Source []byte
}

// ParseMarkdown parses markdown for showing (see Tree). refs are the file's
// link reference definitions (Briefing.Refs), for a piece of a file parsed
// alone; nil for a whole file.
func ParseMarkdown(md string, refs References) *Tree {
	src := []byte(md)
	doc, _ := parse(src, refs)
	n := &normalizer{src: src, buf: src[:len(src):len(src)]}
	n.children(doc)
	return &Tree{Root: doc, Source: n.buf}
}

// normalizer rewrites a tree as written into a Tree. buf starts as the
// source and grows with the text of the inline nodes.
type normalizer struct {
	src []byte
	buf []byte
	// closers are the "</sup>" tags that close a superscript written
	// "^(", and become ")".
	closers map[ast.Node]bool
}

// add appends text to the buffer and returns a raw text node holding it.
func (n *normalizer) add(value []byte) *ast.Text {
	start := len(n.buf)
	n.buf = append(n.buf, value...)
	t := ast.NewTextSegment(text.NewSegment(start, len(n.buf)))
	t.SetRaw(true)
	return t
}

func (n *normalizer) children(node ast.Node) {
	for c := node.FirstChild(); c != nil; {
		next := c.NextSibling()
		n.visit(c)
		c = next
	}
}

var (
	lineBreakTag = lazyRegexp(`(?i)^<br\s*/?>$`)
	supOpen      = lazyRegexp(`(?i)^<sup>$`)
	supClose     = lazyRegexp(`(?i)^</sup>$`)
)

func (n *normalizer) visit(node ast.Node) {
	parent := node.Parent()
	switch c := node.(type) {
	case *ast.Text:
		n.text(c)
	case *ast.String:
		v := c.Value
		if !c.IsRaw() && !c.IsCode() {
			v = resolveEscapes(v)
		}
		parent.ReplaceChild(parent, c, n.add(v))
	case *ast.CodeSpan:
		content := codeSpanText(c, n.src)
		c.RemoveChildren(c)
		c.AppendChild(c, n.add([]byte(content)))
	case *ast.RawHTML:
		n.rawHTML(c)
	case *ast.AutoLink:
		label := c.Label(n.src)
		url := c.URL(n.src)
		if URLKindOf(string(url)) == UnsafeURL {
			parent.ReplaceChild(parent, c, n.add(label))
			return
		}
		link := ast.NewAutoLink(c.AutoLinkType, n.add(label))
		link.Protocol = c.Protocol
		parent.ReplaceChild(parent, c, link)
	case *ast.Link:
		c.Destination = decodeDestination(c.Destination)
		if c.Title != nil {
			c.Title = resolveEscapes(c.Title)
		}
		n.children(c)
		if URLKindOf(string(c.Destination)) == UnsafeURL {
			unwrap(c)
		}
	case *ast.Image:
		c.Destination = decodeDestination(c.Destination)
		if c.Title != nil {
			c.Title = resolveEscapes(c.Title)
		}
		n.children(c)
		if URLKindOf(string(c.Destination)) == UnsafeURL {
			unwrap(c)
		}
	case *ast.HTMLBlock:
		n.htmlBlock(c)
	case *ast.Paragraph:
		n.children(c)
		if n.blank(c) {
			parent.RemoveChild(parent, c) // it held only raw HTML
		}
	default:
		n.children(node)
	}
}

// rawHTML removes a piece of inline HTML, which a reader does not see,
// except for what shows as text in a terminal: "<br>" is a line break, and
// a superscript "2<sup>n</sup>" is "2^n" ("2^(n - 1)" when it has spaces)
// rather than "2n".
func (n *normalizer) rawHTML(c *ast.RawHTML) {
	parent := c.Parent()
	tag := rawHTML(c, n.src)
	switch {
	case lineBreakTag().Match(tag):
		br := n.add(nil)
		br.SetHardLineBreak(true)
		parent.ReplaceChild(parent, c, br)
	case supOpen().Match(tag):
		mark := "^"
		for s := c.NextSibling(); s != nil; s = s.NextSibling() {
			if h, ok := s.(*ast.RawHTML); ok && supClose().Match(rawHTML(h, n.src)) {
				if bytes.ContainsAny(textOf(c, s, n.src), " \t") {
					mark = "^("
					if n.closers == nil {
						n.closers = map[ast.Node]bool{}
					}
					n.closers[s] = true
				}
				break
			}
		}
		parent.ReplaceChild(parent, c, n.add([]byte(mark)))
	case n.closers[c]:
		parent.ReplaceChild(parent, c, n.add([]byte(")")))
	default:
		parent.RemoveChild(parent, c)
	}
}

// textOf returns the source text of the siblings between from and to.
func textOf(from, to ast.Node, src []byte) []byte {
	var out []byte
	for s := from.NextSibling(); s != nil && s != to; s = s.NextSibling() {
		out = append(out, InlineText(s, src)...)
	}
	return out
}

// text resolves a text node's escapes and references and turns its soft
// line break into a space.
func (n *normalizer) text(t *ast.Text) {
	v := t.Value(n.src)
	if !t.IsRaw() {
		v = resolveEscapes(v)
	}
	start := len(n.buf)
	n.buf = append(n.buf, v...)
	if t.SoftLineBreak() {
		n.buf = append(n.buf, ' ')
		t.SetSoftLineBreak(false)
	}
	t.Segment = text.NewSegment(start, len(n.buf))
	t.SetRaw(true)
}

// htmlBlock replaces a block of raw HTML with a paragraph of its text, one
// line per line of text, or removes it when a browser would show nothing.
func (n *normalizer) htmlBlock(b *ast.HTMLBlock) {
	parent := b.Parent()
	var raw bytes.Buffer
	lines := b.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		raw.Write(seg.Value(n.src))
	}
	if b.HasClosure() {
		raw.Write(b.ClosureLine.Value(n.src))
	}
	visible := HTMLText(raw.String())
	if visible == "" {
		parent.RemoveChild(parent, b)
		return
	}
	para := ast.NewParagraph()
	for i, line := range strings.Split(visible, "\n") {
		t := n.add([]byte(line))
		if i > 0 {
			para.LastChild().(*ast.Text).SetHardLineBreak(true)
		}
		para.AppendChild(para, t)
	}
	parent.ReplaceChild(parent, b, para)
}

// blank reports whether a normalized paragraph shows nothing: no inline
// but empty text.
func (n *normalizer) blank(p *ast.Paragraph) bool {
	for c := p.FirstChild(); c != nil; c = c.NextSibling() {
		t, ok := c.(*ast.Text)
		if !ok || len(bytes.TrimSpace(t.Value(n.buf))) > 0 {
			return false
		}
	}
	return true
}

// rawHTML returns the markup of an inline HTML node.
func rawHTML(r *ast.RawHTML, src []byte) []byte {
	var out []byte
	for i := range r.Segments.Len() {
		seg := r.Segments.At(i)
		out = append(out, seg.Value(src)...)
	}
	return bytes.TrimSpace(out)
}

// unwrap replaces a node with its children.
func unwrap(node ast.Node) {
	parent := node.Parent()
	for c := node.FirstChild(); c != nil; {
		next := c.NextSibling()
		parent.InsertBefore(parent, node, c)
		c = next
	}
	parent.RemoveChild(parent, node)
}
