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
	pause bool     // a <!-- pause --> follows it: the page ends here
}

var (
	noteComment  = regexp.MustCompile(`(?s)^\s*<!--\s*note:\s*(.*?)\s*-->\s*$`)
	pauseComment = regexp.MustCompile(`(?s)^\s*<!--\s*pause\s*-->\s*$`)
)

// splitSlideBlocks cuts a section's body (markdown without its heading) into
// slide blocks along the goldmark tree, so a "---" or "#" inside a code
// block never splits anything. Lists become one block per item, keeping
// their numbering; presenter notes and pauses are taken out of the text.
func splitSlideBlocks(body string) []slideBlock {
	src := []byte(body)
	doc := briefings.ParseTree(src, nil)
	var blocks []slideBlock
	var notes []string
	add := func(md string) {
		if strings.TrimSpace(md) == "" {
			return
		}
		blocks = append(blocks, slideBlock{md: md, notes: notes})
		notes = nil
	}
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		raw := nodeSource(n, src)
		switch {
		case n.Kind() == ast.KindHTMLBlock && pauseComment.MatchString(raw):
			if len(blocks) > 0 {
				blocks[len(blocks)-1].pause = true
			}
		case n.Kind() == ast.KindHTMLBlock && noteComment.MatchString(raw):
			notes = append(notes, noteComment.FindStringSubmatch(raw)[1])
		case n.Kind() == ast.KindList:
			for _, item := range listItems(n.(*ast.List), src) {
				add(item)
			}
		default:
			add(raw)
		}
	}
	if len(notes) > 0 && len(blocks) > 0 {
		last := &blocks[len(blocks)-1]
		last.notes = append(last.notes, notes...)
	}
	return blocks
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
// marked pause. The first page holds firstHeight lines (the section's big
// title takes the rest; it may stay bare when the first block needs a
// whole page); later pages hold height. A block taller than a page starts a
// page of its own and continues over as many as it needs, so nothing is
// ever cut off.
func paginate(heights []int, pause []bool, firstHeight, height int) [][]segment {
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
		if i < len(pause) && pause[i] && len(page) > 0 {
			newPage()
		}
	}
	if len(page) > 0 || len(pages) == 0 {
		pages = append(pages, page)
	}
	return pages
}
