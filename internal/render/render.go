// Package render turns briefing markdown into terminal text with glamour,
// safely: input that would make glamour slow (deep nesting, huge tokens) is
// defused first, and every escape sequence in the output other than SGR
// styling is removed. It is shared by the command line, the reader and the
// presenter.
package render

import (
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"charm.land/glamour/v2"
	"github.com/charmbracelet/x/ansi"
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
	style string
	width int

	mu sync.Mutex
	tr *glamour.TermRenderer
}

// New returns a renderer for a style name (see Styles) or a glamour JSON
// style file, wrapping at width columns.
func New(style string, width int) (*Renderer, error) {
	cfg, err := StyleConfig(style)
	if err != nil {
		return nil, err
	}
	width = max(width, 10)
	tr, err := glamour.NewTermRenderer(
		glamour.WithStyles(cfg),
		glamour.WithWordWrap(width),
		glamour.WithTableWrap(true),
	)
	if err != nil {
		return nil, fmt.Errorf("create renderer: %w", err)
	}
	return &Renderer{style: style, width: width, tr: tr}, nil
}

// Style returns the renderer's style name.
func (r *Renderer) Style() string { return r.style }

// Width returns the wrap width.
func (r *Renderer) Width() int { return r.width }

// Markdown renders md, whose deepest block nesting is depth, and returns the
// rendered lines with glamour's padding trimmed. Text nested deeper than
// MaxDepth is returned as plain wrapped text. The result never contains an
// escape sequence other than SGR.
func (r *Renderer) Markdown(md string, depth int) []string {
	if depth > MaxDepth {
		return r.PlainText(md)
	}
	md = BreakLongTokens(UnwrapSoftBreaks(md), MaxTokenRunes)
	r.mu.Lock()
	out, err := r.tr.Render(md)
	r.mu.Unlock()
	if err != nil {
		return r.PlainText(md)
	}
	// bubbletea's renderer drops tabs, so they become spaces here.
	out = strings.ReplaceAll(KeepOnlySGR(out), "\t", "    ")
	return tidy(TrimLines(out), r.width)
}

// PlainText wraps text to the renderer's width with the same left margin as
// rendered markdown and no styling. It is the fallback for sections glamour
// cannot render in reasonable time.
func (r *Renderer) PlainText(text string) []string {
	const margin = "  "
	text = stripNesting(Plain(text))
	wrapped := ansi.Wrap(text, max(r.width-len(margin), 8), "")
	lines := strings.Split(wrapped, "\n")
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
