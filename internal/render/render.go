// Package render turns briefing markdown into terminal text with glamour,
// safely: input that would make glamour slow (deep nesting, huge tokens) is
// defused first, and every escape sequence in the output other than SGR
// styling is removed. It is shared by the command line, the reader and the
// presenter.
package render

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"charm.land/glamour/v2/ansi"
	"github.com/briefreader/brief/briefings"
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// MaxDepth is the deepest nesting of block quotes and lists that is rendered
// as markdown. glamour's cost grows exponentially with depth, so deeper
// sections are shown as plain wrapped text.
const MaxDepth = 16

// MaxTokenRunes is the longest run of non-space characters handed to
// glamour; its word wrapping is quadratic in token length, so longer tokens
// are split with spaces first.
const MaxTokenRunes = 512

// Renderer renders markdown at one width in one style. It is safe for
// concurrent use.
type Renderer struct {
	style  string
	width  int
	margin int
	// plain is true for the styles without colour (notty, ascii): no SGR
	// of our own either.
	plain      bool
	sep        string // between the parts of a byline
	tableChars tableChars
	cfg        ansi.StyleConfig

	mu     sync.Mutex
	md     renderer.Renderer // glamour at the wrap width
	quotes *Renderer         // for the text inside block quotes, made on first use
}

// tableChars draw a table's rules.
type tableChars struct{ column, row, center string }

// New returns a renderer for a style name (see Styles) or a glamour JSON
// style file, wrapping at width columns.
func New(style string, width int) (*Renderer, error) {
	cfg, err := StyleConfig(style)
	if err != nil {
		return nil, err
	}
	return newRenderer(style, adjustStyle(cfg, style), width), nil
}

func newRenderer(style string, cfg ansi.StyleConfig, width int) *Renderer {
	width = max(width, 10)
	r := &Renderer{style: style, width: width, sep: " · ", cfg: cfg,
		plain:      style == StyleNoTTY || style == StyleASCII,
		tableChars: tableChars{column: "│", row: "─", center: "┼"},
	}
	if style == StyleASCII {
		r.sep = " | "
	}
	if cfg.Document.Margin != nil {
		r.margin = int(*cfg.Document.Margin)
	}
	if t := cfg.Table; t.ColumnSeparator != nil && t.RowSeparator != nil && t.CenterSeparator != nil {
		r.tableChars = tableChars{*t.ColumnSeparator, *t.RowSeparator, *t.CenterSeparator}
	}
	r.md = glamourRenderer(ansi.Options{WordWrap: width, Styles: cfg, PreserveNewLines: true})
	return r
}

// glamourRenderer is a goldmark renderer made of glamour's terminal
// renderer alone: it renders trees brief has parsed (briefings.Tree)
// rather than parsing markdown itself.
func glamourRenderer(opts ansi.Options) renderer.Renderer {
	return renderer.NewRenderer(renderer.WithNodeRenderers(util.Prioritized(ansi.NewRenderer(opts), 1000)))
}

// Style returns the renderer's style name.
func (r *Renderer) Style() string { return r.style }

// Width returns the wrap width.
func (r *Renderer) Width() int { return r.width }

// Markdown renders md, whose deepest block nesting is depth, and returns the
// rendered lines with glamour's padding trimmed. refs are the link
// reference definitions of the file md comes from (Briefing.Refs), so that
// "[text][label]" resolves in a piece rendered alone. Text nested deeper
// than MaxDepth is returned as plain wrapped text. The result never
// contains an escape sequence other than SGR.
func (r *Renderer) Markdown(md string, depth int, refs briefings.References) []string {
	if depth > MaxDepth {
		return r.PlainText(md)
	}
	t := briefings.ParseMarkdown(BreakLongTokens(md, MaxTokenRunes), refs)
	r.mu.Lock()
	lines, err := r.render(t)
	r.mu.Unlock()
	if err != nil {
		return r.PlainText(md)
	}
	return lines
}

// render renders a tree: runs of blocks through glamour, tables through
// the table layout, block quotes as their text with a bar before it.
func (r *Renderer) render(t *briefings.Tree) ([]string, error) {
	flattenNestedTables(t)
	src := t.Source
	var lines []string
	run := ast.NewDocument()
	flush := func() error {
		if !run.HasChildren() {
			return nil
		}
		src = forGlamour(run, src, r.codeLayout())
		var sb strings.Builder
		if err := r.md.Render(&sb, src, run); err != nil {
			return err
		}
		run = ast.NewDocument()
		// bubbletea's renderer drops tabs, so they become spaces here.
		out := strings.ReplaceAll(KeepOnlySGR(sb.String()), "\t", "    ")
		lines = appendBlock(lines, tidy(TrimLines(out), r.width, src))
		return nil
	}
	for c := t.Root.FirstChild(); c != nil; {
		next := c.NextSibling()
		switch c := c.(type) {
		case *extast.Table:
			if err := flush(); err != nil {
				return nil, err
			}
			lines = appendBlock(lines, compactAll(r.table(c, t.Source)))
		case *ast.Blockquote:
			if err := flush(); err != nil {
				return nil, err
			}
			quoted, err := r.quote(c, t.Source)
			if err != nil {
				return nil, err
			}
			lines = appendBlock(lines, quoted)
		default:
			run.AppendChild(run, c)
		}
		c = next
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return lines, nil
}

// codeLayout is how glamour lays out code blocks in the renderer's style:
// a line of a top-level code block starts after the document's margin and
// the code block's own, and ends before the right margin.
func (r *Renderer) codeLayout() codeLayout {
	cb := r.cfg.CodeBlock
	indent := 2 * r.margin
	for _, n := range []*uint{cb.Margin, cb.Indent} {
		if n != nil {
			indent += int(*n)
		}
	}
	level := 2
	if r.cfg.List.LevelIndent > 0 {
		level = int(r.cfg.List.LevelIndent)
	}
	return codeLayout{asText: cb.Chroma == nil && cb.Theme == "", width: r.width - indent, levelIndent: level}
}

// bold marks s as strong, in the styles that have colour.
func (r *Renderer) bold(s string) string {
	if r.plain {
		return s
	}
	return "\x1b[1m" + s + "\x1b[m"
}

// PlainText wraps text to the renderer's width with the same left margin as
// rendered markdown and no styling. It is the fallback for sections glamour
// cannot render in reasonable time.
func (r *Renderer) PlainText(text string) []string {
	const margin = "  "
	text = stripNesting(Plain(text))
	lines := WrapLines(text, max(r.width-len(margin), 8), "")
	for i, line := range lines {
		if line != "" {
			lines[i] = margin + line
		}
	}
	return TrimLines(strings.Join(lines, "\n"))
}

// BreakLongTokens splits every run of more than limit non-space runes with a
// space, so that no single word is longer than limit.
func BreakLongTokens(s string, limit int) string {
	run := 0
	longest := 0
	for _, r := range s {
		if unicode.IsSpace(r) {
			run = 0
			continue
		}
		run++
		longest = max(longest, run)
	}
	if longest <= limit {
		return s
	}
	var sb strings.Builder
	sb.Grow(len(s) + len(s)/limit)
	run = 0
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		if unicode.IsSpace(r) {
			run = 0
		} else if run++; run > limit {
			sb.WriteByte(' ')
			run = 1
		}
		sb.WriteString(s[:size])
		s = s[size:]
	}
	return sb.String()
}

// stripNesting removes block-quote markers and indentation from the start of
// every line, so that text nested thousands deep reads as plain paragraphs.
func stripNesting(text string) string {
	lines := strings.Split(text, "\n")
	for i, line := range lines {
		lines[i] = strings.TrimLeft(line, "> \t")
	}
	return strings.Join(lines, "\n")
}
