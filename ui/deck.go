package ui

import (
	"strings"

	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/internal/render"
	"github.com/charmbracelet/x/ansi"
)

// maxSlideWidth is the widest the text of a slide gets: wider lines are
// hard to follow from the back of a room.
const maxSlideWidth = 100

// A deck is a briefing cut into slides for one screen size and theme: part
// 0 is the title slide (title, date and lead), then one part per section
// (sectionRef.block). Each
// part is rendered when first shown and paginated to fit the screen.
type deck struct {
	b        *briefings.Briefing
	renderer *render.Renderer
	width    int // screen
	height   int // screen
	footer   bool
	parts    []*deckPart
	// print lays titles out for a PDF (see printTitle), not in block
	// letters.
	print bool
	marks *deckMarks // highlights drawn on the slides; nil: none
}

// deckPart is one section as slides.
type deckPart struct {
	heading string
	title   []string // the first page's title rows (block letters or a band)
	big     bool     // the title is in block letters
	blocks  []slideBlock
	lines   [][]string // rendered lines per block; nil until rendered
	pages   [][]segment
	steps   [][]int // per page, the step at which each segment appears
}

func newDeck(b *briefings.Briefing, r *render.Renderer, width, height int, footer bool) *deck {
	d := &deck{b: b, renderer: r, width: width, height: height, footer: footer}
	d.parts = make([]*deckPart, len(b.Sections)+1)
	return d
}

// partCount, pageCount and stepCount lay the deck out for slidePos,
// rendering a part on first use.
func (d *deck) partCount() int               { return len(d.parts) }
func (d *deck) pageCount(part int) int       { return len(d.part(part).pages) }
func (d *deck) stepCount(part, page int) int { return d.part(part).stepCount(page) }

// contentWidth is the width of a slide's text.
func contentWidth(screenWidth int) int {
	return max(min(screenWidth-4, maxSlideWidth), 16)
}

// part returns part i, rendering and paginating it on first use.
func (d *deck) part(i int) *deckPart {
	if p := d.parts[i]; p != nil {
		return p
	}
	d.parts[i] = d.build(i)
	return d.parts[i]
}

// built reports whether part i is rendered.
func (d *deck) built(i int) bool { return d.parts[i] != nil }

// install keeps part i rendered off the UI goroutine (by build), unless
// it was rendered meanwhile.
func (d *deck) install(i int, p *deckPart) {
	if d.parts[i] == nil {
		d.parts[i] = p
	}
}

// heading is part i's heading, without rendering it.
func (d *deck) heading(i int) string {
	if s, ok := blockRef(i).index(); ok {
		return d.b.Sections[s].Heading
	}
	return d.b.Title
}

// build renders and paginates part i. It reads only what the deck was
// made with, never its parts, so that it can run off the UI goroutine.
func (d *deck) build(i int) *deckPart {
	p := &deckPart{}
	depth := d.b.LeadDepth
	if i == 0 {
		p.heading = d.b.Title
		p.blocks = splitSlides(d.renderer.MetaLine(d.b)+d.b.Lead, d.b.IncrementalLists).blocks
		if strings.TrimSpace(d.b.Lead) == "" && d.b.Summary != "" {
			p.blocks = append(p.blocks, slideBlock{md: briefings.EscapeMarkdown(d.b.Summary)})
		}
	} else {
		n, _ := blockRef(i).index()
		s := d.b.Sections[n]
		p.heading, depth = s.Heading, s.Depth
		p.blocks = splitSlides(s.Body(), d.b.IncrementalLists).blocks
	}
	p.renderBlocks(d, depth)
	p.lines = d.marks.apply(i, p.lines)
	heights := make([]int, len(p.blocks))
	breaks := make([]bool, len(p.blocks))
	waits := make([]bool, len(p.blocks))
	for j, blk := range p.blocks {
		heights[j], breaks[j], waits[j] = len(p.lines[j]), blk.breakAfter, blk.step
	}
	p.title, p.big = d.titleRows(p.heading, i == 0)
	first, rest := d.bodyHeights(len(p.title))
	if p.big && len(heights) > 0 && heights[0] > first {
		// The first block does not fit under block letters, so it would
		// leave the title alone on its page: a one-line title keeps them
		// together when that is enough.
		band := d.bandTitle(p.heading)
		if f, _ := d.bodyHeights(len(band)); heights[0] <= f {
			p.title, p.big, first = band, false, f
		}
	}
	p.pages = paginate(heights, breaks, first, rest)
	for _, page := range p.pages {
		p.steps = append(p.steps, segmentSteps(page, waits))
	}
	return p
}

// renderBlocks renders the part's blocks. A block that shows nothing (a
// paragraph of raw HTML, such as an image tag) is dropped, its notes and
// page break going to the block before it and its step to the block after
// it, so that it leaves no gap and no empty step.
func (p *deckPart) renderBlocks(d *deck, depth int) {
	var blocks []slideBlock
	carryStep := false
	for _, blk := range p.blocks {
		lines := d.renderer.Markdown(blk.md, depth, d.b.Refs)
		if len(lines) == 0 && len(blocks) > 0 {
			last := &blocks[len(blocks)-1]
			last.notes = append(last.notes, blk.notes...)
			last.breakAfter = last.breakAfter || blk.breakAfter
			carryStep = carryStep || blk.step
			continue
		}
		blk.step = blk.step || carryStep
		carryStep = false
		blocks = append(blocks, blk)
		p.lines = append(p.lines, lines)
	}
	p.blocks = blocks
}

// titleRows draws a section's heading for its first page: in block letters
// when the screen is big enough, else as a bold band.
func (d *deck) titleRows(heading string, titleSlide bool) ([]string, bool) {
	if d.print {
		return d.printTitle(heading), false
	}
	lines := 2
	if titleSlide {
		lines = 3
	}
	if d.height >= 20 {
		if rows, ok := bigText(heading, contentWidth(d.width), lines); ok {
			return rows, true
		}
	}
	return d.bandTitle(heading), false
}

// bandTitle is a heading as plain rows, wrapped to the slide's width, for
// the bold band.
func (d *deck) bandTitle(heading string) []string {
	return render.WrapLines(heading, contentWidth(d.width), "")
}

// bodyHeights returns how many lines of text fit under the first page's
// title and under a continuation title.
func (d *deck) bodyHeights(titleRows int) (first, rest int) {
	chrome := 1 // top margin
	if d.footer {
		chrome += 2 // a blank line and the footer
	}
	rest = d.height - chrome - 2 // "(cont.)" line and a blank
	first = d.height - chrome - titleRows - 1
	return max(first, 1), max(rest, 1)
}

// pageLines returns the text lines of page n of part p.
func (p *deckPart) pageLines(n int) []string {
	var out []string
	for i, s := range p.pages[n] {
		if i > 0 {
			out = append(out, "")
		}
		out = append(out, p.lines[s.block][s.from:s.to]...)
	}
	return out
}

// stepCount returns how many steps page n is revealed in (1: all at once).
func (p *deckPart) stepCount(n int) int {
	if steps := p.steps[n]; len(steps) > 0 {
		return steps[len(steps)-1] + 1
	}
	return 1
}

// pageLinesAt returns the lines of page n as shown at a step: what waits
// for a later step is blank lines, so that nothing moves when it appears.
func (p *deckPart) pageLinesAt(n, step int) []string {
	var out []string
	for i, s := range p.pages[n] {
		if i > 0 {
			out = append(out, "")
		}
		if p.steps[n][i] > step {
			out = append(out, make([]string, s.to-s.from)...)
			continue
		}
		out = append(out, p.lines[s.block][s.from:s.to]...)
	}
	return out
}

// pageNotes returns the presenter notes of page n: those of the blocks that
// start on it.
func (p *deckPart) pageNotes(n int) []string {
	now, later := p.pageNotesAt(n, p.stepCount(n)-1)
	return append(now, later...)
}

// pageNotesAt returns the notes of page n for the blocks shown at a step
// and for those still to come.
func (p *deckPart) pageNotesAt(n, step int) (now, later []string) {
	for i, s := range p.pages[n] {
		if s.from != 0 {
			continue
		}
		if p.steps[n][i] <= step {
			now = append(now, p.blocks[s.block].notes...)
		} else {
			later = append(later, p.blocks[s.block].notes...)
		}
	}
	return now, later
}

// firstLine returns the first non-blank line of page n without styling.
func (p *deckPart) firstLine(n int) string {
	for _, l := range p.pageLines(n) {
		if t := strings.TrimSpace(ansi.Strip(l)); t != "" {
			return t
		}
	}
	return ""
}

// pageOf returns the page of part p that shows line `line` of block.
func (p *deckPart) pageOf(block, line int) int {
	for n, page := range p.pages {
		for _, s := range page {
			if s.block == block && line >= s.from && line < max(s.to, s.from+1) {
				return n
			}
		}
	}
	return 0
}
