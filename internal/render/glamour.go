package render

import (
	"html"
	"net/url"
	"strings"

	"github.com/briefreader/brief/briefings"
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// glamour's elements read a node's text in ways of their own: plain text
// is HTML-unescaped and then loses one level of backslashes, code spans
// are only unescaped, image descriptions and autolinks only lose the
// backslashes. forGlamour rewrites a Tree (whose text is final) so that
// what glamour prints is that text, byte for byte.

// Encodings of a text node for glamour.
const (
	encodeText  = iota // unescaped, then backslashes halved
	encodeCode         // unescaped only
	encodeLabel        // backslashes halved only
)

var doubleBackslashes = strings.NewReplacer(`\`, `\\`)

func encodeFor(kind int, s string) string {
	switch kind {
	case encodeCode:
		return html.EscapeString(s)
	case encodeLabel:
		return doubleBackslashes.Replace(s)
	}
	return html.EscapeString(doubleBackslashes.Replace(s))
}

// glamourTree is a tree ready for glamour's renderer.
type glamourTree struct {
	src []byte
	// codeAsText is set for styles without a highlighting theme: glamour
	// then writes a code block as text, halving its backslashes.
	codeAsText bool
}

// forGlamour rewrites the nodes under root, whose text is in src (a
// briefings.Tree's), in place for glamour, and returns the source they now
// point into: src with the encoded text appended. codeAsText says that
// glamour writes code blocks as text (a style without a highlighting
// theme): their backslashes are doubled, so that `\[` and `\\` stay.
func forGlamour(root ast.Node, src []byte, codeAsText bool) []byte {
	g := &glamourTree{src: src, codeAsText: codeAsText}
	g.walk(root, src, encodeText)
	separateItemBlocks(root, g)
	return g.src
}

// add appends encoded text to the source and returns its segment.
func (g *glamourTree) add(s string) text.Segment {
	start := len(g.src)
	g.src = append(g.src, s...)
	return text.NewSegment(start, len(g.src))
}

func (g *glamourTree) walk(n ast.Node, old []byte, kind int) {
	var last *ast.Text // the previous sibling, when it is text
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		prev := last
		last = nil
		switch c := c.(type) {
		case *ast.Text:
			c.Segment = g.add(encodeFor(kind, string(c.Value(old))))
			// The lines of a paragraph are one text for glamour: each
			// node costs it a styled run of its own.
			if prev != nil && !prev.HardLineBreak() && prev.Segment.Stop == c.Segment.Start {
				prev.Segment = prev.Segment.WithStop(c.Segment.Stop)
				prev.SetHardLineBreak(c.HardLineBreak())
				n.RemoveChild(n, c)
				last = prev
				break
			}
			last = c
		case *ast.CodeSpan:
			g.walk(c, old, encodeCode)
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			if g.codeAsText {
				lines := text.NewSegments()
				for i := 0; i < c.Lines().Len(); i++ {
					seg := c.Lines().At(i)
					lines.Append(g.add(doubleBackslashes.Replace(string(seg.Value(old)))))
				}
				c.SetLines(lines)
			}
		case *ast.Image:
			g.walk(c, old, encodeLabel)
		case *ast.AutoLink:
			// glamour shows nothing of an autolink whose URL Go cannot
			// parse ("https://foo.bar.`baz"): that one is text.
			if _, err := url.Parse(string(c.URL(old))); err != nil {
				n.ReplaceChild(n, c, ast.NewTextSegment(g.add(encodeFor(kind, string(c.Label(old))))))
				break
			}
			label := ast.NewTextSegment(g.add(encodeFor(encodeLabel, string(c.Label(old)))))
			link := ast.NewAutoLink(c.AutoLinkType, label)
			link.Protocol = c.Protocol
			n.ReplaceChild(n, c, link)
		case *ast.Link:
			// A link to another briefing or within this one is listed
			// by "o"; its file name in the text would only be noise.
			if briefings.URLKindOf(string(c.Destination)) == briefings.RelativeURL {
				c.Destination = []byte("#")
			}
			g.walk(c, old, kind)
		default:
			g.walk(c, old, kind)
		}
		c = next
	}
}

// separateItemBlocks keeps the blocks of a list item apart: glamour writes
// a list item's paragraphs one straight after the other ("onetwo"), so a
// paragraph that follows another block of its item gets a blank line
// before it, made of hard line breaks.
func separateItemBlocks(root ast.Node, g *glamourTree) {
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Kind() != ast.KindListItem {
			return ast.WalkContinue, nil
		}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			prev := c.PreviousSibling()
			if prev == nil || c.Kind() != ast.KindParagraph && c.Kind() != ast.KindTextBlock {
				continue
			}
			if prev.Kind() != ast.KindParagraph && prev.Kind() != ast.KindTextBlock {
				continue
			}
			for range 2 {
				br := ast.NewTextSegment(g.add(""))
				br.SetHardLineBreak(true)
				prev.AppendChild(prev, br)
			}
		}
		return ast.WalkContinue, nil
	})
}

// flattenNestedTables turns every table inside a list or a quote into a
// paragraph of records, a line "heading: value; heading: value" per row,
// since only top-level tables are laid out as tables (see Renderer.table).
func flattenNestedTables(t *briefings.Tree) {
	var nested []*extast.Table
	_ = ast.Walk(t.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if table, ok := n.(*extast.Table); ok && entering {
			if table.Parent() != t.Root {
				nested = append(nested, table)
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, table := range nested {
		var labels []string
		para := ast.NewParagraph()
		for row := table.FirstChild(); row != nil; row = row.NextSibling() {
			var cells []string
			i := 0
			for c := row.FirstChild(); c != nil; c = c.NextSibling() {
				text := strings.Join(strings.Fields(t.InlineText(c)), " ")
				switch {
				case row.Kind() == extast.KindTableHeader:
					labels = append(labels, text)
				case i < len(labels) && labels[i] != "":
					cells = append(cells, labels[i]+": "+text)
				default:
					cells = append(cells, text)
				}
				i++
			}
			if len(cells) == 0 {
				continue
			}
			if last, ok := para.LastChild().(*ast.Text); ok {
				last.SetHardLineBreak(true)
			}
			start := len(t.Source)
			t.Source = append(t.Source, strings.Join(cells, "; ")...)
			line := ast.NewTextSegment(text.NewSegment(start, len(t.Source)))
			line.SetRaw(true)
			para.AppendChild(para, line)
		}
		table.Parent().ReplaceChild(table.Parent(), table, para)
	}
}
