package export

import (
	"fmt"
	"strings"

	"github.com/briefreader/brief/briefings"
	"github.com/charmbracelet/x/ansi"
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
)

// maxTextDepth is how deep lists and quotes are laid out; deeper content
// is written flat, so hostile nesting costs neither time nor width.
const maxTextDepth = 12

// Text returns the chosen sections of briefing b (indexes into b.Sections,
// each with its subsections; nil for the whole briefing, lead included) as
// plain text for printing or email: the title between lines of "=", a line
// with date, author and tags, then each section's heading underlined ("="
// for top-level sections, "-" below them) and its text, wrapped at
// opts.Width columns. Lists keep their bullets and numbers, quotes their
// "> ", code is indented and never wrapped, and tables are aligned when
// they fit (written as "heading: value" records when they do not).
// Presenter notes, pauses and markup do not appear.
func Text(b *briefings.Briefing, sections []int, opts Options) ([]byte, error) {
	sel, d, err := prepare(b, sections, true)
	if err != nil {
		return nil, err
	}
	w := &textWriter{doc: d, width: opts.width()}
	var out []string
	add := func(lines []string) {
		if len(lines) == 0 {
			return
		}
		if len(out) > 0 {
			out = append(out, "")
		}
		out = append(out, lines...)
	}

	title := wrap(sel.title(b), w.width)
	if sel.mergedTitle {
		title = w.heading(0, b)
	}
	rule := strings.Repeat("=", widest(title))
	add(append(append([]string{rule}, title...), rule))
	if meta := b.Byline(); len(meta) > 0 {
		add(wrap(strings.Join(meta, " · "), w.width))
	}
	if b.Summary != "" {
		add(wrap(b.Summary, w.width))
	}
	if b.Source != "" {
		add(wrap("Source: "+b.Source, w.width))
	}
	if sel.whole {
		add(w.blocks(d.lead, w.width, 0, false))
	}
	for i, s := range b.Sections {
		if !sel.include[i] {
			continue
		}
		if i > 0 || !sel.mergedTitle {
			heading := w.heading(i, b)
			// "=" under the top of the handout's tree: sections whose
			// parent is not in it, or is the title.
			mark := "="
			if s.Parent >= 0 && sel.include[s.Parent] && !(s.Parent == 0 && sel.mergedTitle) {
				mark = "-"
			}
			add(append(heading, strings.Repeat(mark, widest(heading))))
		}
		add(w.blocks(d.bodies[i], w.width, 0, false))
	}
	return []byte(strings.Join(out, "\n") + "\n"), nil
}

// heading returns the lines of section i's heading, with references and
// escapes resolved.
func (w *textWriter) heading(i int, b *briefings.Briefing) []string {
	if lines := wrap(w.plain(w.doc.headings[i]), w.width); len(lines) > 0 {
		return lines
	}
	return wrap(b.Sections[i].Heading, w.width)
}

// textWriter lays out blocks of a parsed briefing as plain text.
type textWriter struct {
	doc   *document
	width int
}

// blocks lays out sibling blocks, with a blank line between them unless
// tight (the items of a tight list).
func (w *textWriter) blocks(nodes []ast.Node, width, depth int, tight bool) []string {
	var out []string
	for _, n := range nodes {
		lines := w.block(n, width, depth)
		if len(lines) == 0 {
			continue
		}
		if len(out) > 0 && !tight {
			out = append(out, "")
		}
		out = append(out, lines...)
	}
	return out
}

func children(n ast.Node) []ast.Node {
	var nodes []ast.Node
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		nodes = append(nodes, c)
	}
	return nodes
}

// block lays out one block in a column of the given width.
func (w *textWriter) block(n ast.Node, width, depth int) []string {
	width = max(width, minWidth)
	if depth > maxTextDepth {
		return w.flat(n, width)
	}
	switch n := n.(type) {
	case *ast.Paragraph, *ast.TextBlock, *ast.Heading:
		return wrap(w.plain(n), width)
	case *ast.List:
		return w.list(n, width, depth)
	case *ast.Blockquote:
		return prefix(w.blocks(children(n), width-2, depth+1, false), "> ", "> ")
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		lines := strings.Split(strings.TrimRight(lineText(n, w.doc.src), "\n"), "\n")
		return prefix(lines, "    ", "    ")
	case *extast.Table:
		return w.table(n, width)
	case *ast.ThematicBreak:
		return []string{"* * *"}
	}
	if n.HasChildren() && n.Type() == ast.TypeBlock {
		return w.blocks(children(n), width, depth+1, false)
	}
	return wrap(w.plain(n), width)
}

// list lays out a list with its bullets or numbers and hanging indents.
func (w *textWriter) list(n *ast.List, width, depth int) []string {
	var out []string
	number := n.Start
	for item := n.FirstChild(); item != nil; item = item.NextSibling() {
		marker := "- "
		if n.IsOrdered() {
			marker = fmt.Sprintf("%d%c ", number, n.Marker)
			number++
		}
		lines := w.blocks(children(item), width-len(marker), depth+1, n.IsTight)
		if len(lines) == 0 {
			lines = []string{""}
		}
		if len(out) > 0 && !n.IsTight {
			out = append(out, "")
		}
		out = append(out, prefix(lines, marker, strings.Repeat(" ", len(marker)))...)
	}
	return out
}

// table aligns a table's columns when they fit the width, and writes each
// row as "heading: value" lines when they do not.
func (w *textWriter) table(n *extast.Table, width int) []string {
	var rows [][]string
	for row := n.FirstChild(); row != nil; row = row.NextSibling() {
		var cells []string
		for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
			cells = append(cells, strings.Join(strings.Fields(w.plain(cell)), " "))
		}
		rows = append(rows, cells)
	}
	if len(rows) == 0 {
		return nil
	}
	cols := 0
	for _, r := range rows {
		cols = max(cols, len(r))
	}
	widths := make([]int, cols)
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], ansi.StringWidth(c))
		}
	}
	total := 3 * (cols - 1)
	for _, cw := range widths {
		total += cw
	}
	if total <= width {
		var out []string
		for ri, r := range rows {
			parts := make([]string, cols)
			for i := range cols {
				c := ""
				if i < len(r) {
					c = r[i]
				}
				parts[i] = c + strings.Repeat(" ", widths[i]-ansi.StringWidth(c))
			}
			out = append(out, strings.TrimRight(strings.Join(parts, " | "), " "))
			if ri == 0 {
				rules := make([]string, cols)
				for i := range cols {
					rules[i] = strings.Repeat("-", widths[i])
				}
				out = append(out, strings.Join(rules, "-+-"))
			}
		}
		return out
	}
	header := rows[0]
	var out []string
	for _, r := range rows[1:] {
		if len(out) > 0 {
			out = append(out, "")
		}
		for i, c := range r {
			label := ""
			if i < len(header) && header[i] != "" {
				label = header[i] + ": "
			}
			out = append(out, prefix(wrap(label+c, width-2), "", "  ")...)
		}
	}
	return out
}

// flat writes every leaf block under n as a paragraph, for content nested
// too deeply to lay out.
func (w *textWriter) flat(n ast.Node, width int) []string {
	var out []string
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || c.Type() != ast.TypeBlock || c.HasChildren() && c.FirstChild().Type() == ast.TypeBlock {
			return ast.WalkContinue, nil
		}
		if lines := wrap(w.plain(c), width); len(lines) > 0 {
			if len(out) > 0 {
				out = append(out, "")
			}
			out = append(out, lines...)
		}
		return ast.WalkSkipChildren, nil
	})
	return out
}

// plain returns the text of a leaf block as the reader and search show it
// (the tree is parsed as shown): code as written, other blocks their inline
// text, with references and escapes resolved, and a task's box as "[x]".
func (w *textWriter) plain(n ast.Node) string {
	switch n.(type) {
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		return lineText(n, w.doc.src)
	}
	text := w.doc.tree.InlineText(n)
	if box, ok := n.FirstChild().(*extast.TaskCheckBox); ok {
		if box.IsChecked {
			return "[x] " + text
		}
		return "[ ] " + text
	}
	return text
}

// lineText joins the source lines of a block.
func lineText(n ast.Node, src []byte) string {
	var sb strings.Builder
	lines := n.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		sb.Write(seg.Value(src))
	}
	return sb.String()
}
