package index

import (
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// mdParser is shared: goldmark parsers keep no per-document state.
var mdParser = goldmark.New(goldmark.WithExtensions(extension.GFM)).Parser()

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
// characters other than newline and tab. Search snippets and match offsets
// refer to this text.
func PlainText(md string) string {
	src := []byte(md)
	doc := mdParser.Parse(text.NewReader(src))
	p := plainWriter{src: src}
	p.blocks(doc, 0)
	return cleanControls(strings.TrimSpace(p.sb.String()))
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
	case *ast.HTMLBlock:
		var raw []byte
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			raw = append(raw, seg.Value(p.src)...)
		}
		if n.HasClosure() {
			raw = append(raw, n.ClosureLine.Value(p.src)...)
		}
		if t := strings.TrimSpace(decodeText(stripHTML(string(raw)))); t != "" {
			p.sb.WriteString(t)
			p.endBlock()
		}
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

// inlines writes the plain text of a block's inline children.
func (p *plainWriter) inlines(n ast.Node) {
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || c == n {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			p.sb.WriteString(decodeText(string(c.Value(p.src))))
			switch {
			case c.HardLineBreak():
				p.sb.WriteByte('\n')
			case c.SoftLineBreak():
				p.sb.WriteByte(' ')
			}
		case *ast.String:
			if c.IsCode() {
				p.sb.Write(c.Value)
			} else {
				p.sb.WriteString(decodeText(string(c.Value)))
			}
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				switch t := t.(type) {
				case *ast.Text:
					p.sb.Write(t.Value(p.src))
				case *ast.String:
					p.sb.Write(t.Value)
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			p.sb.Write(c.Label(p.src))
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *extast.TaskCheckBox:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// decodeText resolves character references and backslash escapes the way a
// markdown renderer does.
func decodeText(s string) string {
	if !strings.ContainsAny(s, "&\\") {
		return s
	}
	b := util.ResolveEntityNames(util.ResolveNumericReferences([]byte(s)))
	return string(util.UnescapePunctuations(b))
}

// stripHTML removes comments and tags from an HTML fragment, keeping the text
// between them.
func stripHTML(s string) string {
	var sb strings.Builder
	for len(s) > 0 {
		switch {
		case strings.HasPrefix(s, "<!--"):
			end := strings.Index(s[4:], "-->")
			if end < 0 {
				return sb.String()
			}
			s = s[4+end+3:]
		case s[0] == '<':
			end := strings.IndexByte(s, '>')
			if end < 0 {
				sb.WriteString(s)
				return sb.String()
			}
			s = s[end+1:]
		default:
			next := strings.IndexByte(s, '<')
			if next < 0 {
				next = len(s)
			}
			sb.WriteString(s[:next])
			s = s[next:]
		}
	}
	return sb.String()
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
