package ui

import (
	"sort"
	"strings"
	"time"

	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/internal/render"
	"github.com/charmbracelet/x/ansi"
)

// A document is a briefing laid out for one width and style: a list of
// blocks (block 0 is the header and lead, then one per section: see
// sectionRef.block), each
// rendered on its own so that a long briefing renders lazily, a little at a
// time, nearest the reader first. Positions are (block, line in block), so
// they stay put while estimated heights are replaced by real ones.
type document struct {
	briefing *briefings.Briefing
	renderer *render.Renderer
	blocks   []block
	starts   []int // starts[i] is the first line of block i; starts[len] is the total
	pending  int   // blocks not rendered yet
}

// block is one rendered (or pending) piece of a document.
type block struct {
	lines    []string // styled lines, with a trailing blank separator
	plain    []string // the same lines without styling, for find
	rendered bool
	text     *blockText // plain joined for find, made on first use
}

// pos is a place in a document.
type pos struct {
	block, line int
}

func newDocument(b *briefings.Briefing, r *render.Renderer) *document {
	d := &document{briefing: b, renderer: r, blocks: make([]block, len(b.Sections)+1)}
	for i := range d.blocks {
		d.blocks[i] = placeholder(d.estimate(i))
	}
	d.pending = len(d.blocks)
	d.reflow()
	return d
}

// estimate guesses a block's rendered height from its size, so that the
// scroll bar and percentages are roughly right before it is rendered.
func (d *document) estimate(i int) int {
	text := d.briefing.Lead
	if s, ok := blockRef(i).index(); ok {
		text = d.briefing.Sections[s].Markdown
	}
	width := max(d.renderer.Width()-4, 10)
	lines := 2 + strings.Count(text, "\n\n")
	for _, para := range strings.Split(text, "\n\n") {
		lines += len(para) / width
	}
	return max(lines, 2)
}

func placeholder(height int) block {
	lines := make([]string, height)
	lines[0] = "  …"
	return block{lines: lines, plain: lines}
}

// reflow recomputes where every block starts.
func (d *document) reflow() {
	if cap(d.starts) < len(d.blocks)+1 {
		d.starts = make([]int, len(d.blocks)+1)
	}
	d.starts = d.starts[:len(d.blocks)+1]
	total := 0
	for i, b := range d.blocks {
		d.starts[i] = total
		total += len(b.lines)
	}
	d.starts[len(d.blocks)] = total
}

// total is the number of lines in the document.
func (d *document) total() int { return d.starts[len(d.blocks)] }

// abs turns a position into an absolute line number.
func (d *document) abs(p pos) int {
	p = d.clamp(p)
	return d.starts[p.block] + p.line
}

// at turns an absolute line number into a position.
func (d *document) at(line int) pos {
	line = min(max(line, 0), max(d.total()-1, 0))
	i := sort.Search(len(d.blocks), func(i int) bool { return d.starts[i+1] > line })
	i = min(i, len(d.blocks)-1)
	return pos{block: i, line: line - d.starts[i]}
}

func (d *document) clamp(p pos) pos {
	p.block = min(max(p.block, 0), len(d.blocks)-1)
	p.line = min(max(p.line, 0), max(len(d.blocks[p.block].lines)-1, 0))
	return p // an empty block's position is the start of the next one
}

// line returns the styled and plain text of an absolute line.
func (d *document) line(n int) (styled, plain string) {
	p := d.at(n)
	b := d.blocks[p.block]
	if p.line >= len(b.lines) {
		return "", ""
	}
	return b.lines[p.line], b.plain[p.line]
}

// renderOrder lists the blocks still to render, nearest to near first.
func (d *document) renderOrder(near int) []int {
	var order []int
	for i, b := range d.blocks {
		if !b.rendered {
			order = append(order, i)
		}
	}
	sort.SliceStable(order, func(a, b int) bool {
		return distance(order[a], near) < distance(order[b], near)
	})
	return order
}

func distance(a, b int) int {
	if a > b {
		return a - b
	}
	return b - a
}

// renderBlocks renders blocks in order until budget is spent (always at
// least one). It only reads the briefing and the renderer, so it runs off
// the UI goroutine; the result is applied with apply.
func renderBlocks(b *briefings.Briefing, r *render.Renderer, order []int, budget time.Duration) (done map[int][]string, rest []int) {
	done = make(map[int][]string)
	start := time.Now()
	for len(order) > 0 {
		i := order[0]
		order = order[1:]
		if s, ok := blockRef(i).index(); ok {
			done[i] = r.Section(b, s)
		} else {
			done[i] = r.Lead(b)
		}
		if time.Since(start) > budget {
			break
		}
	}
	return done, order
}

// apply installs rendered blocks.
func (d *document) apply(done map[int][]string) {
	for i, lines := range done {
		if i >= len(d.blocks) {
			continue
		}
		if !d.blocks[i].rendered {
			d.pending--
		}
		if len(lines) > 0 {
			lines = append(lines, "") // the gap before the next block
		}
		plain := make([]string, len(lines))
		for j, l := range lines {
			plain[j] = ansi.Strip(l)
		}
		d.blocks[i] = block{lines: lines, plain: plain, rendered: true}
	}
	d.reflow()
}

// findText returns block i's text for find (see blockText).
func (d *document) findText(i int) *blockText {
	b := &d.blocks[i]
	if b.text == nil {
		b.text = newBlockText(b.plain)
	}
	return b.text
}

// complete reports whether every block is rendered.
func (d *document) complete() bool { return d.pending == 0 }

// sectionStart returns the absolute line of a section's heading (the
// document's first line for the lead).
func (d *document) sectionStart(s sectionRef) int { return d.starts[s.block()] }

// sectionAt returns the section (or the lead) holding absolute line n.
func (d *document) sectionAt(n int) sectionRef { return blockRef(d.at(n).block) }

// fraction returns how far line n is into its block, from 0 to 1.
func (d *document) fraction(n int) float64 {
	p := d.at(n)
	h := len(d.blocks[p.block].lines)
	if h <= 1 {
		return 0
	}
	return float64(p.line) / float64(h-1)
}

// lineAtFraction is the inverse of fraction for block i.
func (d *document) lineAtFraction(i int, f float64) int {
	h := len(d.blocks[i].lines)
	return d.starts[i] + int(f*float64(max(h-1, 0))+0.5)
}
