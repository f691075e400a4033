// Package export turns a briefing, or some of its sections, into a handout:
// a standalone HTML page with print-friendly CSS, clean markdown with a
// front-matter header, or plain text wrapped for printing or email.
//
// Briefings come from anywhere, so every format is built to be safe to
// open: the HTML never contains raw HTML from the briefing, scripts or
// script URLs, and presenter notes ("<!-- note: ... -->") and pauses
// ("<!-- pause -->") appear in no format.
package export

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/briefreader/brief/briefings"
	"github.com/yuin/goldmark/ast"
)

// Format is a handout format.
type Format string

// The handout formats.
const (
	// HTMLFormat is a standalone HTML page.
	HTMLFormat Format = "html"
	// MarkdownFormat is markdown with a front-matter header.
	MarkdownFormat Format = "md"
	// TextFormat is plain text wrapped at Options.Width columns.
	TextFormat Format = "txt"
	// PDFFormat is a printed document, or with slides a page per slide.
	PDFFormat Format = "pdf"
)

// Formats lists the formats in the order help texts name them.
var Formats = []Format{HTMLFormat, MarkdownFormat, TextFormat, PDFFormat}

// ParseFormat reads a format name: "html" (or "htm"), "md" (or
// "markdown"), "txt" (or "text"), "pdf", in any case.
func ParseFormat(name string) (Format, error) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "html", "htm":
		return HTMLFormat, nil
	case "md", "markdown":
		return MarkdownFormat, nil
	case "txt", "text":
		return TextFormat, nil
	case "pdf":
		return PDFFormat, nil
	}
	return "", fmt.Errorf("unknown format %q: use html, md, txt or pdf", name)
}

// FormatForPath picks the format from a file name's extension: .html and
// .htm, .md and .markdown, .txt and .text. ok is false for a name without
// an extension; a name with any other extension is an error.
func FormatForPath(path string) (f Format, ok bool, err error) {
	ext := filepath.Ext(path)
	if ext == "" {
		return "", false, nil
	}
	f, err = ParseFormat(ext[1:])
	if err != nil {
		return "", false, &ExtensionError{Name: filepath.Base(path)}
	}
	return f, true, nil
}

// ExtensionError is a file name whose extension names no format. The
// caller says how else to choose one.
type ExtensionError struct {
	Name string // the file's name, without its folder
}

// Error says which name and which extensions would do.
func (e *ExtensionError) Error() string {
	return fmt.Sprintf("cannot tell the format from %q: name it .html, .md, .txt or .pdf", e.Name)
}

// DefaultWidth is the plain-text wrap width when Options.Width is zero.
const DefaultWidth = 78

// minWidth is the narrowest text column the plain-text writer accepts.
const minWidth = 20

// Options adjust a handout.
type Options struct {
	// Width wraps plain text at this many columns; 0 means DefaultWidth.
	// Values below 20 are raised to 20. HTML and markdown ignore it.
	Width int
}

func (o Options) width() int {
	switch {
	case o.Width <= 0:
		return DefaultWidth
	case o.Width < minWidth:
		return minWidth
	}
	return o.Width
}

// Export writes briefing b in format f. sections are indexes into
// b.Sections, as for HTML; nil means the whole briefing.
func Export(b *briefings.Briefing, sections []int, f Format, opts Options) ([]byte, error) {
	switch f {
	case HTMLFormat:
		return HTML(b, sections, opts)
	case MarkdownFormat:
		return Markdown(b, sections, opts)
	case TextFormat:
		return Text(b, sections, opts)
	case PDFFormat:
		data, _, err := HandoutPDF(b, sections, PDFOptions{})
		return data, err
	}
	return nil, fmt.Errorf("unknown format %q: use html, md, txt or pdf", string(f))
}

// FindSections resolves what a user typed after --section (numbers,
// anchors, headings or parts of headings, see Briefing.FindSection) into
// section indexes, in the order given and without repeats. No queries
// gives nil: the whole briefing.
func FindSections(b *briefings.Briefing, queries []string) ([]int, error) {
	var found []int
	seen := make(map[int]bool)
	for _, q := range queries {
		i, err := b.FindSection(q)
		if err != nil {
			return nil, err
		}
		if !seen[i] {
			seen[i] = true
			found = append(found, i)
		}
	}
	return found, nil
}

// Count returns how many sections a handout of the given sections holds:
// the chosen ones with their subsections, or all of them for nil.
func Count(b *briefings.Briefing, sections []int) int {
	sel, err := selectSections(b, sections)
	if err != nil {
		return 0
	}
	return sel.count
}

// prepare selects the sections of a handout and parses the briefing's
// body, the first steps of every format: as written for HTML and markdown,
// as shown (briefings.ParseMarkdown) for plain text.
func prepare(b *briefings.Briefing, sections []int, shown bool) (selection, *document, error) {
	sel, err := selectSections(b, sections)
	if err != nil {
		return selection{}, nil, err
	}
	d, err := parseDocument(b, shown)
	return sel, d, err
}

// selection says which parts of a briefing a handout holds.
type selection struct {
	// whole is true when the handout is the whole briefing, lead included.
	whole bool
	// include has one entry per section.
	include []bool
	count   int
	// mergedTitle is true when section 0 is the briefing's own title
	// heading and is included: the handout's header shows it instead of
	// repeating the title.
	mergedTitle bool
}

// selectSections expands the chosen sections to their subtrees.
func selectSections(b *briefings.Briefing, sections []int) (selection, error) {
	sel := selection{whole: len(sections) == 0, include: make([]bool, len(b.Sections))}
	for _, i := range sections {
		if i < 0 || i >= len(b.Sections) {
			return selection{}, fmt.Errorf("section %d does not exist: %q has %d sections", i+1, b.Title, len(b.Sections))
		}
		for j := i; j < len(b.Sections) && b.Sections[j].Start < b.Sections[i].TreeEnd; j++ {
			sel.include[j] = true
		}
	}
	for j := range sel.include {
		if sel.whole {
			sel.include[j] = true
		}
		if sel.include[j] {
			sel.count++
		}
	}
	sel.mergedTitle = len(b.Sections) > 0 && sel.include[0] && b.OpensWithTitle()
	return sel, nil
}

// title returns the title a handout shows: the briefing's own opening
// heading when it has one, else its title.
func (sel selection) title(b *briefings.Briefing) string {
	if sel.mergedTitle && strings.TrimSpace(b.Sections[0].Heading) != "" {
		return b.Sections[0].Heading
	}
	return b.Title
}

// document is a briefing's body parsed once, with its top-level blocks
// assigned to the lead or to a section.
type document struct {
	// src is the body: the briefing's text after its front matter.
	src []byte
	// offset is where src starts in Briefing.Text.
	offset int
	// lead holds the blocks before the first heading.
	lead []ast.Node
	// headings has the heading node of each section, and bodies the
	// blocks under it up to the next heading.
	headings []*ast.Heading
	bodies   [][]ast.Node
	// tree is the body as shown, for plain text; nil for the other
	// formats.
	tree *briefings.Tree
}

// errSectionsMoved means the parse found other headings than the loaded
// briefing has, which would put the wrong text under a heading.
var errSectionsMoved = errors.New("the briefing's headings do not match its text")

// parseDocument parses b's body, as written or as shown. Sections are the
// top-level headings, as when the briefing was loaded.
func parseDocument(b *briefings.Briefing, shown bool) (*document, error) {
	d := &document{offset: b.BodyStart}
	var root ast.Node
	if shown {
		d.tree = briefings.ParseMarkdown(b.Text[b.BodyStart:], b.Refs)
		root, d.src = d.tree.Root, d.tree.Source
	} else {
		d.src = []byte(b.Text[b.BodyStart:])
		root = briefings.ParseTree(d.src, b.Refs)
	}
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok {
			d.headings = append(d.headings, h)
			d.bodies = append(d.bodies, nil)
			continue
		}
		if k := len(d.headings); k > 0 {
			d.bodies[k-1] = append(d.bodies[k-1], n)
		} else {
			d.lead = append(d.lead, n)
		}
	}
	if len(d.headings) != len(b.Sections) {
		return nil, fmt.Errorf("%s: %w (%d headings, %d sections)", b.RelPath, errSectionsMoved, len(d.headings), len(b.Sections))
	}
	return d, nil
}

// isCommentOnly reports whether raw HTML is nothing but comments and
// white space: presenter notes, pauses and other remarks a reader never
// sees. An unclosed comment runs to the end and counts too.
func isCommentOnly(raw string) bool {
	s := strings.TrimSpace(raw)
	if s == "" {
		return false
	}
	for s != "" {
		if !strings.HasPrefix(s, "<!--") {
			return false
		}
		end := strings.Index(s[4:], "-->")
		if end < 0 {
			return true
		}
		s = strings.TrimSpace(s[4+end+3:])
	}
	return true
}

// htmlBlockText returns the raw text of an HTML block, closing line
// included.
func htmlBlockText(n *ast.HTMLBlock, src []byte) string {
	var sb strings.Builder
	lines := n.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		sb.Write(seg.Value(src))
	}
	if n.HasClosure() {
		sb.Write(n.ClosureLine.Value(src))
	}
	return sb.String()
}

// SelectedSections says which of b's sections a handout of the given
// sections holds (indexes into b.Sections, each with its subsections; nil
// for all of them).
func SelectedSections(b *briefings.Briefing, sections []int) ([]bool, error) {
	sel, err := selectSections(b, sections)
	if err != nil {
		return nil, err
	}
	return sel.include, nil
}
