package render

import (
	"strings"

	"charm.land/glamour/v2/ansi"
	"charm.land/lipgloss/v2"
	"github.com/briefreader/brief/briefings"
	xansi "github.com/charmbracelet/x/ansi"
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
)

// inlineStyler writes the inline content of a block of a briefings.Tree
// as one styled line per hard line break, in the colours of a glamour
// style. Table cells are written this way: glamour pads every line it
// renders to its wrap width, which made a cell cost as much as a page.
type inlineStyler struct {
	cfg ansi.StyleConfig
	src []byte
}

// lines returns the styled lines of n's inline children.
func (s inlineStyler) lines(n ast.Node, base ansi.StylePrimitive) []string {
	var lines []string
	var cur strings.Builder
	var walk func(n ast.Node, st ansi.StylePrimitive)
	walk = func(n ast.Node, st ansi.StylePrimitive) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				cur.WriteString(styled(st, string(c.Value(s.src))))
				if c.HardLineBreak() {
					lines = append(lines, cur.String())
					cur.Reset()
				}
			case *ast.CodeSpan:
				code := cascade(st, s.cfg.Code.StylePrimitive)
				cur.WriteString(styled(code, code.Prefix+briefingsText(c, s.src)+code.Suffix))
			case *ast.Emphasis:
				if c.Level > 1 {
					walk(c, cascade(st, s.cfg.Strong))
				} else {
					walk(c, cascade(st, s.cfg.Emph))
				}
			case *extast.Strikethrough:
				walk(c, cascade(st, s.cfg.Strikethrough))
			case *ast.Link:
				walk(c, cascade(st, s.cfg.LinkText))
				if briefings.URLKindOf(string(c.Destination)) != briefings.RelativeURL {
					cur.WriteString(" " + styled(cascade(st, s.cfg.Link), string(c.Destination)))
				}
			case *ast.AutoLink:
				cur.WriteString(styled(cascade(st, s.cfg.Link), string(c.URL(s.src))))
			case *ast.Image:
				cur.WriteString(styled(cascade(st, s.cfg.ImageText), strings.TrimSpace(briefingsText(c, s.src))))
			default:
				walk(c, st)
			}
		}
	}
	walk(n, base)
	return append(lines, cur.String())
}

// briefingsText is the text of a node's text children, which in a Tree are
// final.
func briefingsText(n ast.Node, src []byte) string {
	var sb strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			sb.Write(t.Value(src))
		}
		return ast.WalkContinue, nil
	})
	return sb.String()
}

// cascade lays child's settings over parent's.
func cascade(parent, child ansi.StylePrimitive) ansi.StylePrimitive {
	s := parent
	s.Prefix, s.Suffix = child.Prefix, child.Suffix
	for _, f := range []struct{ to, from **bool }{
		{&s.Bold, &child.Bold}, {&s.Italic, &child.Italic}, {&s.Underline, &child.Underline},
		{&s.CrossedOut, &child.CrossedOut}, {&s.Faint, &child.Faint}, {&s.Inverse, &child.Inverse},
	} {
		if *f.from != nil {
			*f.to = *f.from
		}
	}
	if child.Color != nil {
		s.Color = child.Color
	}
	if child.BackgroundColor != nil {
		s.BackgroundColor = child.BackgroundColor
	}
	return s
}

// styled writes s in a style, as glamour does.
func styled(p ansi.StylePrimitive, s string) string {
	if s == "" {
		return ""
	}
	st := xansi.Style{}
	if p.Color != nil {
		st = st.ForegroundColor(lipgloss.Color(*p.Color))
	}
	if p.BackgroundColor != nil {
		st = st.BackgroundColor(lipgloss.Color(*p.BackgroundColor))
	}
	on := func(b *bool) bool { return b != nil && *b }
	if on(p.Bold) {
		st = st.Bold()
	}
	if on(p.Italic) {
		st = st.Italic(true)
	}
	if on(p.Underline) {
		st = st.Underline(true)
	}
	if on(p.CrossedOut) {
		st = st.Strikethrough(true)
	}
	if on(p.Faint) {
		st = st.Faint()
	}
	if on(p.Inverse) {
		st = st.Reverse(true)
	}
	if len(st) == 0 {
		return s
	}
	return st.Styled(s)
}
