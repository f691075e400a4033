package export

import (
	"bytes"
	"sort"
	"strings"

	"github.com/briefreader/brief/briefings"
	"github.com/yuin/goldmark/ast"
	"gopkg.in/yaml.v3"
)

// Markdown returns the chosen sections of briefing b (indexes into
// b.Sections, each with its subsections; nil for the whole briefing, lead
// included) as they were written, under a front-matter header with the
// briefing's title, date, author, tags, summary and source (its file name
// when it names none).
//
// Presenter notes, pauses and any other HTML comment that stands alone as
// a block, and comments inside paragraphs, are taken out; the markdown is
// otherwise unchanged, so a code block that shows "<!-- pause -->" keeps
// it.
func Markdown(b *briefings.Briefing, sections []int, _ Options) ([]byte, error) {
	sel, d, err := prepare(b, sections, false)
	if err != nil {
		return nil, err
	}
	front, err := frontMatter(b)
	if err != nil {
		return nil, err
	}
	cuts := commentCuts(d, b.Text)

	var body strings.Builder
	emit := func(start, end int) {
		if start >= end {
			return
		}
		chunk := strings.Trim(without(b.Text, start, end, cuts), "\n")
		if strings.TrimSpace(chunk) == "" {
			return
		}
		if body.Len() > 0 {
			body.WriteString("\n\n")
		}
		body.WriteString(chunk)
	}
	if sel.whole {
		emit(b.BodyStart, len(b.Text))
	} else {
		start := -1
		for i, s := range b.Sections {
			switch {
			case sel.include[i] && start < 0:
				start = s.Start
			case !sel.include[i] && start >= 0:
				emit(start, s.Start)
				start = -1
			}
		}
		if start >= 0 {
			emit(start, len(b.Text))
		}
	}
	out := append(front, '\n')
	out = append(out, body.String()...)
	return append(out, '\n'), nil
}

// frontMatter writes the YAML header of a markdown handout.
func frontMatter(b *briefings.Briefing) ([]byte, error) {
	m := &yaml.Node{Kind: yaml.MappingNode}
	add := func(key string, value *yaml.Node) {
		m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: key}, value)
	}
	str := func(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }
	add("title", str(b.Title))
	if !b.Date.IsZero() {
		add("date", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: b.Date.Format("2006-01-02")})
	}
	if b.Author != "" {
		add("author", str(b.Author))
	}
	if len(b.Tags) > 0 {
		tags := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
		for _, t := range b.Tags {
			tags.Content = append(tags.Content, str(t))
		}
		add("tags", tags)
	}
	if b.Summary != "" {
		add("summary", str(b.Summary))
	}
	source := b.Source
	if source == "" {
		source = b.RelPath
	}
	add("source", str(source))
	var buf bytes.Buffer
	buf.WriteString("---\n")
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(m); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	buf.WriteString("---\n")
	return buf.Bytes(), nil
}

// cut is a byte range of Briefing.Text to leave out.
type cut struct{ start, end int }

// commentCuts finds the comments to take out of the markdown, as byte
// ranges of text (the briefing's whole text): HTML blocks that are only
// comments, with their lines (a blank line after a top-level one too, so
// no gap is left), and inline comments. Only what goldmark parsed as HTML
// is cut: a code block or code span showing a comment is text.
func commentCuts(d *document, text string) []cut {
	var cuts []cut
	visit := func(n ast.Node) {
		_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
			if !entering {
				return ast.WalkContinue, nil
			}
			switch c := c.(type) {
			case *ast.HTMLBlock:
				if isCommentOnly(htmlBlockText(c, d.src)) {
					cuts = append(cuts, htmlBlockCuts(c, d, text, c == n)...)
				}
				return ast.WalkSkipChildren, nil
			case *ast.RawHTML:
				segs := c.Segments
				var raw strings.Builder
				for i := range segs.Len() {
					seg := segs.At(i)
					raw.Write(seg.Value(d.src))
				}
				if isCommentOnly(raw.String()) {
					for i := range segs.Len() {
						seg := segs.At(i)
						cuts = append(cuts, cut{d.offset + seg.Start, d.offset + seg.Stop})
					}
				}
				return ast.WalkSkipChildren, nil
			case *ast.CodeBlock, *ast.FencedCodeBlock, *ast.CodeSpan:
				return ast.WalkSkipChildren, nil
			}
			return ast.WalkContinue, nil
		})
	}
	for _, n := range d.lead {
		visit(n)
	}
	for _, body := range d.bodies {
		for _, n := range body {
			visit(n)
		}
	}
	sort.Slice(cuts, func(i, j int) bool { return cuts[i].start < cuts[j].start })
	return cuts
}

// htmlBlockCuts returns the ranges of an HTML block. A top-level block goes
// with its whole lines, and with the blank line after it when a blank line
// or the start of the text comes before it. A nested block (in a list item
// or a quote) loses only its own text, so the container's markers stay.
func htmlBlockCuts(n *ast.HTMLBlock, d *document, text string, topLevel bool) []cut {
	segs := n.Lines().Sliced(0, n.Lines().Len())
	if n.HasClosure() {
		segs = append(segs, n.ClosureLine)
	}
	if len(segs) == 0 {
		return nil
	}
	if !topLevel {
		cuts := make([]cut, 0, len(segs))
		for _, seg := range segs {
			end := seg.Stop
			for end > seg.Start && (d.src[end-1] == '\n' || d.src[end-1] == '\r') {
				end--
			}
			cuts = append(cuts, cut{d.offset + seg.Start, d.offset + end})
		}
		return cuts
	}
	start := d.offset + segs[0].Start
	for start > d.offset && text[start-1] != '\n' {
		start--
	}
	end := d.offset + segs[len(segs)-1].Stop
	if end > 0 && text[end-1] != '\n' {
		if i := strings.IndexByte(text[end:], '\n'); i >= 0 {
			end += i + 1
		} else {
			end = len(text)
		}
	}
	blankBefore := start <= d.offset || strings.HasSuffix(text[:start], "\n\n")
	if blankBefore && end < len(text) {
		if i := strings.IndexByte(text[end:], '\n'); i >= 0 && strings.TrimSpace(text[end:end+i]) == "" {
			end += i + 1
		}
	}
	return []cut{{start, end}}
}

// without returns text[start:end] minus the cuts.
func without(text string, start, end int, cuts []cut) string {
	var sb strings.Builder
	pos := start
	for _, c := range cuts {
		if c.end <= pos || c.start >= end {
			continue
		}
		if c.start > pos {
			sb.WriteString(text[pos:c.start])
		}
		pos = max(pos, c.end)
	}
	if pos < end {
		sb.WriteString(text[pos:end])
	}
	return sb.String()
}
