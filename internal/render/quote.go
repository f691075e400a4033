package render

import (
	"strings"

	"github.com/briefreader/brief/briefings"
	"github.com/charmbracelet/x/ansi"
	"github.com/yuin/goldmark/ast"
)

// A block quote is rendered here rather than by glamour, which wraps the
// text inside as if the quote's bar ("│ ") were one column wide and then
// wraps the too-long lines again, leaving a word alone on a line without
// the bar. The quote's blocks are rendered as a document of their own, a
// bar narrower, and the bar is put in front of every line.

// quote renders a block quote whose text is in src.
func (r *Renderer) quote(q *ast.Blockquote, src []byte) ([]string, error) {
	bar := " "
	if t := r.cfg.BlockQuote.IndentToken; t != nil {
		bar = *t
	}
	barWidth := max(ansi.StringWidth(bar), 1)
	if r.quotes == nil {
		r.quotes = newRenderer(r.style, r.cfg, r.width-barWidth)
	}
	doc := ast.NewDocument()
	for c := q.FirstChild(); c != nil; {
		next := c.NextSibling()
		doc.AppendChild(doc, c)
		c = next
	}
	inner, err := r.quotes.render(&briefings.Tree{Root: doc, Source: src})
	if err != nil {
		return nil, err
	}
	styledBar := styled(cascade(r.cfg.Document.StylePrimitive, r.cfg.BlockQuote.StylePrimitive), bar)
	margin := strings.Repeat(" ", r.margin)
	out := make([]string, len(inner))
	for i, line := range inner {
		rest := ansi.TruncateLeft(line, min(r.margin, ansi.StringWidth(line)), "")
		out[i] = trimRightStyled(margin + styledBar + rest)
	}
	if len(out) == 0 {
		out = []string{margin + styledBar}
	}
	return out, nil
}
