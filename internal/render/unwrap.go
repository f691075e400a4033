package render

import (
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

var unwrapParser = goldmark.New(goldmark.WithExtensions(extension.GFM)).Parser()

// UnwrapSoftBreaks joins the lines of hard-wrapped paragraphs and list items
// into one line each. glamour reflows paragraphs itself but keeps a soft
// line break inside a list item as a line break, which leaves half-empty
// lines in the middle of a bullet.
func UnwrapSoftBreaks(md string) string {
	if !strings.Contains(md, "\n") {
		return md
	}
	src := []byte(md)
	doc := unwrapParser.Parse(text.NewReader(src))
	var cuts [][2]int // byte ranges to replace with one space
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindCodeBlock, ast.KindFencedCodeBlock, ast.KindHTMLBlock:
			return ast.WalkSkipChildren, nil
		}
		t, ok := n.(*ast.Text)
		if !ok || !t.SoftLineBreak() {
			return ast.WalkContinue, nil
		}
		next := nextSegmentStart(t)
		stop := t.Segment.Stop
		if next <= stop || next > len(src) || !strings.Contains(md[stop:next], "\n") {
			return ast.WalkContinue, nil
		}
		cuts = append(cuts, [2]int{stop, next})
		return ast.WalkContinue, nil
	})
	if len(cuts) == 0 {
		return md
	}
	var sb strings.Builder
	sb.Grow(len(md))
	last := 0
	for _, c := range cuts {
		if c[0] < last {
			continue
		}
		sb.WriteString(md[last:c[0]])
		sb.WriteByte(' ')
		last = c[1]
	}
	sb.WriteString(md[last:])
	return sb.String()
}

// nextSegmentStart returns where the text after a soft line break starts:
// the first text segment that follows t in document order.
func nextSegmentStart(t *ast.Text) int {
	for n := ast.Node(t); n != nil; {
		next := n.NextSibling()
		for next == nil {
			n = n.Parent()
			if n == nil || n.Type() == ast.TypeBlock {
				return -1
			}
			next = n.NextSibling()
		}
		if start := firstSegment(next); start >= 0 {
			return start
		}
		n = next
	}
	return -1
}

// firstSegment returns the start of the first text segment under n, or -1.
func firstSegment(n ast.Node) int {
	if t, ok := n.(*ast.Text); ok {
		return t.Segment.Start
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if s := firstSegment(c); s >= 0 {
			return s
		}
	}
	return -1
}
