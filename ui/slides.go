package ui

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/briefreader/brief/briefings"
	"github.com/yuin/goldmark/ast"
)

// A slide block is the smallest piece of a section the presenter moves as
// one: a paragraph, a list item, a code block, a table, a quote. Pages are
// made of whole blocks wherever they fit.
type slideBlock struct {
	md    string   // the block's markdown, ready to render on its own
	notes []string // presenter notes that came with it
	// step is true when the block waits for a step of its own: a
	// <!-- pause --> comes before it, or it is an item of a list that
	// appears item by item.
	step bool
	// breakAfter is true when <!-- end_slide --> follows it: the page
	// ends here.
	breakAfter bool
}

// slideText is a section's body cut into slide blocks, with the time the
// lecturer planned for it.
type slideText struct {
	blocks []slideBlock
	// time is what a <!-- time: ... --> comment says, "" when there is
	// none; the first such comment counts.
	time string
}

var (
	noteComment        = regexp.MustCompile(`(?s)^\s*<!--\s*note:\s*(.*?)\s*-->\s*$`)
	pauseComment       = regexp.MustCompile(`(?s)^\s*<!--\s*pause\s*-->\s*$`)
	endSlideComment    = regexp.MustCompile(`(?s)^\s*<!--\s*(?:end_slide|end-slide|new_page|newpage)\s*-->\s*$`)
	incrementalComment = regexp.MustCompile(`(?s)^\s*<!--\s*incremental(?:_lists)?\s*-->\s*$`)
	timeComment        = regexp.MustCompile(`(?s)^\s*<!--\s*time:\s*(.*?)\s*-->\s*$`)
)

// splitSlideBlocks cuts a section's body into slide blocks; see splitSlides.
func splitSlideBlocks(body string) []slideBlock {
	return splitSlides(body, false).blocks
}

// splitSlides cuts a section's body (markdown without its heading) into
// slide blocks along the goldmark tree, so a "---" or "#" inside a code
// block never splits anything. Lists become one block per item, keeping
// their numbering. The presenter's comments are taken out of the text:
// notes, pauses (what follows waits for the next step), <!-- incremental
// --> (the next list appears item by item, as every list does when
// incremental is set), <!-- end_slide --> (a page break) and <!-- time:
// 5m -->.
func splitSlides(body string, incremental bool) slideText {
	src := []byte(body)
	doc := briefings.ParseTree(src, nil)
	var out slideText
	var notes []string
	pending, nextIncremental, timed := false, false, false
	add := func(md string, step bool) {
		if strings.TrimSpace(md) == "" {
			return
		}
		out.blocks = append(out.blocks, slideBlock{md: md, notes: notes, step: step || pending})
		notes, pending = nil, false
	}
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		raw := nodeSource(n, src)
		isComment := n.Kind() == ast.KindHTMLBlock
		switch {
		case isComment && pauseComment.MatchString(raw):
			pending = len(out.blocks) > 0
		case isComment && endSlideComment.MatchString(raw):
			if len(out.blocks) > 0 {
				out.blocks[len(out.blocks)-1].breakAfter = true
			}
			pending = false
		case isComment && incrementalComment.MatchString(raw):
			nextIncremental = true
		case isComment && timeComment.MatchString(raw):
			if !timed {
				out.time, timed = timeComment.FindStringSubmatch(raw)[1], true
			}
		case isComment && noteComment.MatchString(raw):
			notes = append(notes, noteComment.FindStringSubmatch(raw)[1])
		case n.Kind() == ast.KindList:
			stepwise := incremental || nextIncremental
			nextIncremental = false
			for _, item := range listItems(n.(*ast.List), src) {
				add(item, stepwise)
			}
		default:
			add(raw, false)
		}
	}
	if len(notes) > 0 && len(out.blocks) > 0 {
		last := &out.blocks[len(out.blocks)-1]
		last.notes = append(last.notes, notes...)
	}
	return out
}

// nodeSource returns the markdown a top-level block was written as: from
// the start of its first line to the end of its last line.
func nodeSource(n ast.Node, src []byte) string {
	start, end := blockSpan(n, src)
	if start < 0 {
		return ""
	}
	return string(src[start:end])
}

// blockSpan finds the byte range of a block and everything inside it, in
// whole lines; a fenced code block includes its closing fence, a block of
// HTML its closing line.
func blockSpan(n ast.Node, src []byte) (start, end int) {
	start, end = n.Pos(), -1
	var visit func(ast.Node)
	visit = func(n ast.Node) {
		if n.Type() == ast.TypeBlock {
			lines := n.Lines()
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				if start < 0 || seg.Start < start {
					start = seg.Start
				}
				end = max(end, seg.Stop)
			}
			if p := n.Pos(); p >= 0 && (start < 0 || p < start) {
				start = p
			}
			if h, ok := n.(*ast.HTMLBlock); ok && h.HasClosure() {
				end = max(end, h.ClosureLine.Stop)
			}
		}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			visit(c)
		}
	}
	visit(n)
	if start < 0 {
		return -1, -1
	}
	for start > 0 && src[start-1] != '\n' {
		start--
	}
	end = max(end, start)
	if end == start || src[end-1] != '\n' {
		end = lineEndAt(src, end)
	}
	if n.Kind() == ast.KindFencedCodeBlock {
		next := lineEndAt(src, end)
		if t := strings.TrimSpace(string(src[end:next])); strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			end = next
		}
	}
	return start, end
}

// lineEndAt returns the offset just past the newline that ends the line
// holding pos, or len(src).
func lineEndAt(src []byte, pos int) int {
	if pos >= len(src) {
		return len(src)
	}
	if i := strings.IndexByte(string(src[pos:]), '\n'); i >= 0 {
		return pos + i + 1
	}
	return len(src)
}

// listItems returns each item of a list as a one-item list, numbered as it
// was in the whole list.
func listItems(list *ast.List, src []byte) []string {
	var items []string
	number := list.Start
	for item := list.FirstChild(); item != nil; item = item.NextSibling() {
		md := nodeSource(item, src)
		if list.IsOrdered() {
			md = renumber(md, number)
			number++
		}
		items = append(items, md)
	}
	return items
}

var orderedMarker = regexp.MustCompile(`^(\s*)\d+([.)])`)

// renumber makes an ordered list item start at n, so that item 7 shown on
// its own still reads "7.".
func renumber(md string, n int) string {
	return orderedMarker.ReplaceAllString(md, "${1}"+strconv.Itoa(n)+"${2}")
}

// segment is a run of lines [from, to) of one rendered block.
type segment struct {
	block, from, to int
}

// paginate packs blocks of the given heights into pages: whole blocks in
// order, one blank line between blocks, a page break after every block
// marked in breaks. The first page holds firstHeight lines (the section's big
// title takes the rest; it may stay bare when the first block needs a
// whole page); later pages hold height. A block taller than a page starts a
// page of its own and continues over as many as it needs, so nothing is
// ever cut off.
func paginate(heights []int, breaks []bool, firstHeight, height int) [][]segment {
	firstHeight, height = max(firstHeight, 1), max(height, 1)
	var pages [][]segment
	var page []segment
	used := 0
	capacity := func() int {
		if len(pages) == 0 {
			return firstHeight
		}
		return height
	}
	newPage := func() {
		pages = append(pages, page)
		page, used = nil, 0
	}
	for i, h := range heights {
		gap := min(len(page), 1)
		switch {
		case used+gap+h <= capacity():
			page = append(page, segment{i, 0, h})
			used += gap + h
		case h <= height:
			newPage()
			page = append(page, segment{i, 0, h})
			used = h
		default:
			if len(page) > 0 {
				newPage()
			}
			for from := 0; from < h; {
				to := min(from+capacity(), h)
				page = append(page, segment{i, from, to})
				used = to - from
				if from = to; from < h {
					newPage()
				}
			}
		}
		if i < len(breaks) && breaks[i] && len(page) > 0 {
			newPage()
		}
	}
	if len(page) > 0 || len(pages) == 0 {
		pages = append(pages, page)
	}
	return pages
}

// segmentSteps returns the step at which each segment of a page appears:
// 0 for what shows at once, then one more at every block that waits for a
// step. The page's first block always shows at once (a step there would
// show an empty page), and so does the rest of a block carried over from
// the page before.
func segmentSteps(page []segment, waits []bool) []int {
	steps := make([]int, len(page))
	step := 0
	for i, s := range page {
		if i > 0 && s.from == 0 && s.block < len(waits) && waits[s.block] {
			step++
		}
		steps[i] = step
	}
	return steps
}
