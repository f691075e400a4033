package render

import (
	"html"
	"net/url"
	"strings"

	"github.com/briefreader/brief/briefings"
	"github.com/charmbracelet/x/ansi"
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
	src  []byte
	code codeLayout
}

// codeLayout is how glamour lays out code blocks in a style.
type codeLayout struct {
	// asText is set for styles without a highlighting theme: glamour then
	// writes a code block as text, halving its backslashes.
	asText bool
	// width is the room for a line of a top-level code block, and
	// levelIndent what each list around it takes from it; 0 leaves the
	// lines to glamour.
	width, levelIndent int
}

// forGlamour rewrites the nodes under root, whose text is in src (a
// briefings.Tree's), in place for glamour, and returns the source they now
// point into: src with the encoded text appended. Code blocks are laid out
// as code describes (see codeLines).
func forGlamour(root ast.Node, src []byte, code codeLayout) []byte {
	g := &glamourTree{src: src, code: code}
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
			g.codeLines(c, old)
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

// codeLines rewrites the lines of a code block for glamour. A line wider
// than the room for it is wrapped by brief, at the line's own indentation:
// glamour wraps code as prose, and its continuation lines fall back to the
// document's margin, where they read as text. Where glamour writes the code
// as text, backslashes are doubled, so that `\[` and `\\` stay.
func (g *glamourTree) codeLines(block ast.Node, old []byte) {
	room := g.code.width
	for p := block.Parent(); p != nil && room > 0; p = p.Parent() {
		if p.Kind() == ast.KindList {
			room -= g.code.levelIndent
		}
	}
	lines := text.NewSegments()
	for i := 0; i < block.Lines().Len(); i++ {
		seg := block.Lines().At(i)
		line := string(seg.Value(old))
		for _, part := range wrapCode(line, room) {
			if g.code.asText {
				part = doubleBackslashes.Replace(part)
			}
			lines.Append(g.add(part))
		}
	}
	block.SetLines(lines)
}

// wrapCode wraps a line of code (ending in a newline or not) that is wider
// than room: at spaces and after / . - where it can, continuing at the
// line's own indentation. Each part ends in a newline but the last, which
// ends as line did. A room under 20 columns leaves the line as it is.
func wrapCode(line string, room int) []string {
	body := strings.TrimRight(line, "\n")
	if room < 20 || ansi.StringWidth(body) <= room {
		return []string{line}
	}
	lead := body[:len(body)-len(strings.TrimLeft(body, " "))]
	if ansi.StringWidth(lead) > room/2 {
		lead = ""
	}
	wrapped := WrapLines(strings.TrimLeft(body, " "), room-len(lead), "/.-")
	for i := range wrapped {
		wrapped[i] = lead + wrapped[i] + "\n"
	}
	if !strings.HasSuffix(line, "\n") {
		last := len(wrapped) - 1
		wrapped[last] = strings.TrimSuffix(wrapped[last], "\n")
	}
	return wrapped
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
