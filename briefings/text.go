package briefings

import (
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
)

// maxPlainDepth bounds how deep PlainText descends into nested blocks. Text
// nested deeper is still collected, but as raw lines, so hostile nesting
// cannot make extraction expensive.
const maxPlainDepth = 64

// PlainText returns the text a reader sees in a piece of markdown, without
// markdown syntax: paragraphs separated by blank lines, one line per list
// item and table row (cells separated by " | "), code kept verbatim, link
// and image text kept, URLs of autolinks kept. HTML comments, including the
// presenter's "<!-- note: ... -->" and "<!-- pause -->", and HTML tags are
// dropped. Character references are decoded, and the result has no control
// characters other than newline and tab. refs are the file's link reference
// definitions (Briefing.Refs), nil for a whole file. Search snippets and
// match offsets refer to this text.
func PlainText(md string, refs References) string {
	return ParseMarkdown(md, refs).PlainText()
}

// PlainText returns the text of the whole tree (see the function
// PlainText).
func (t *Tree) PlainText() string {
	p := plainWriter{src: t.Source}
	p.blocks(t.Root, 0)
	return cleanControls(strings.TrimSpace(p.sb.String()))
}

// InlineText returns the text of one block's inline content: a paragraph,
// a heading, a table cell. Hard line breaks are newlines.
func (t *Tree) InlineText(n ast.Node) string {
	p := plainWriter{src: t.Source}
	p.inlines(n)
	return cleanControls(p.sb.String())
}

type plainWriter struct {
	src []byte
	sb  strings.Builder
}

// endBlock ends the current block with a blank line.
func (p *plainWriter) endBlock() {
	s := p.sb.String()
	switch {
	case s == "" || strings.HasSuffix(s, "\n\n"):
	case strings.HasSuffix(s, "\n"):
		p.sb.WriteByte('\n')
	default:
		p.sb.WriteString("\n\n")
	}
}

// endLine ends the current line.
func (p *plainWriter) endLine() {
	s := p.sb.String()
	if s != "" && !strings.HasSuffix(s, "\n") {
		p.sb.WriteByte('\n')
	}
}

func (p *plainWriter) blocks(n ast.Node, depth int) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		p.block(c, depth+1)
	}
}

func (p *plainWriter) block(n ast.Node, depth int) {
	if depth > maxPlainDepth {
		p.rawLines(n)
		return
	}
	switch n := n.(type) {
	case *ast.Paragraph, *ast.Heading:
		p.inlines(n)
		p.endBlock()
	case *ast.TextBlock:
		p.inlines(n)
		p.endLine()
	case *ast.List:
		p.blocks(n, depth)
		p.endBlock()
	case *ast.ListItem:
		p.blocks(n, depth)
		p.endLine()
	case *ast.Blockquote:
		p.blocks(n, depth)
		p.endBlock()
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			p.sb.Write(seg.Value(p.src))
		}
		p.endBlock()
	case *ast.ThematicBreak:
	case *extast.Table:
		for row := n.FirstChild(); row != nil; row = row.NextSibling() {
			first := true
			for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
				if !first {
					p.sb.WriteString(" | ")
				}
				first = false
				p.inlines(cell)
			}
			p.endLine()
		}
		p.endBlock()
	default:
		if n.Type() == ast.TypeBlock && n.HasChildren() {
			p.blocks(n, depth)
			p.endBlock()
		}
	}
}

// rawLines writes the source lines of a block that is nested too deeply.
func (p *plainWriter) rawLines(n ast.Node) {
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		p.sb.Write(seg.Value(p.src))
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Type() == ast.TypeBlock {
			p.rawLines(c)
		}
	}
	p.endLine()
}

// inlines writes the text of a block's inline children. In a Tree every
// text node holds its final text.
func (p *plainWriter) inlines(n ast.Node) {
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || c == n {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			p.sb.Write(c.Value(p.src))
			switch {
			case c.HardLineBreak():
				p.sb.WriteByte('\n')
			case c.SoftLineBreak():
				p.sb.WriteByte(' ')
			}
		case *ast.String:
			p.sb.Write(c.Value)
		case *ast.AutoLink:
			p.sb.Write(c.Label(p.src))
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML, *extast.TaskCheckBox:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// cleanControls removes control characters other than newline and tab, and
// replaces invalid UTF-8, so that decoded references cannot smuggle them in.
func cleanControls(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\n' && c != '\t' || c == 0x7f || c == 0xc2 {
			clean = false
			break
		}
	}
	if clean && utf8.ValidString(s) {
		return s
	}
	var sb strings.Builder
	sb.Grow(len(s))
	for _, r := range s {
		switch {
		case r < 0x20 && r != '\n' && r != '\t', r == 0x7f, r >= 0x80 && r <= 0x9f:
		default:
			sb.WriteRune(r)
		}
	}
	return sb.String()
}
