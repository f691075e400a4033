package briefings

import (
	"bytes"
	"sort"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// markdown is brief's one goldmark configuration: CommonMark with GitHub's
// extensions (tables, strikethrough, task lists, bare URLs as links). Every
// part of brief that reads markdown parses it here, so the reader, the
// index, handouts and slides agree on what a file says. Goldmark keeps no
// per-document state in it: it is shared.
// Both are made when first used, not when brief starts.
var markdown = sync.OnceValue(func() goldmark.Markdown {
	return goldmark.New(goldmark.WithExtensions(append(blockExtensions, extension.Linkify)...))
})

// outline is the same configuration without bare URLs as links, for
// finding sections when a file loads: that inline parser costs a tenth of
// loading time and cannot move a heading, a section or a link definition.
var outline = sync.OnceValue(func() goldmark.Markdown {
	return goldmark.New(goldmark.WithExtensions(blockExtensions...))
})

var blockExtensions = []goldmark.Extender{extension.Table, extension.Strikethrough, extension.TaskList}

// References are the link reference definitions of a file ("[label]: url
// \"title\""). They belong to the whole file: a section parsed alone
// resolves "[text][label]" with them, wherever in the file they are.
type References []parser.Reference

// parse parses markdown with refs added to the definitions the text has of
// its own, and returns the tree and every definition that was in force.
// The text's own definitions give way to refs: in a file, the first
// definition of a label wins, and refs are the file's.
func parse(src []byte, refs References) (ast.Node, References) {
	return parseWith(markdown(), src, refs)
}

func parseWith(md goldmark.Markdown, src []byte, refs References) (ast.Node, References) {
	ctx := parser.NewContext()
	for _, r := range refs {
		ctx.AddReference(r)
	}
	doc := md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	all := References(ctx.References())
	sort.Slice(all, func(i, j int) bool { return bytes.Compare(all[i].Label(), all[j].Label()) < 0 })
	return doc, all
}

// ParseTree parses markdown as it is written, with brief's configuration:
// reference links resolve through refs as well as the text's own
// definitions, and the text of the tree is src as written. Most callers
// want ParseMarkdown, whose text is what a reader sees.
func ParseTree(src []byte, refs References) ast.Node {
	doc, _ := parse(src, refs)
	return doc
}

// parseSections finds the sections of a markdown document. Only headings that
// are direct children of the document count: a "#" line inside a fenced code
// block, a block quote or a list is not a section. Offsets are into src, and
// parsing starts at bodyStart (after front matter). It returns the lead (text
// before the first heading) as the offset where it ends, and its nesting depth.
func parseSections(src []byte, bodyStart int) (leadEnd, leadDepth int, sections []Section, refs References) {
	body := src[bodyStart:]
	doc, refs := parseWith(outline(), body, nil)

	anchors := newAnchorSet()
	leadEnd = len(src)
	for node := doc.FirstChild(); node != nil; node = node.NextSibling() {
		heading, ok := node.(*ast.Heading)
		if !ok {
			if n := len(sections); n > 0 {
				sections[n-1].Depth = max(sections[n-1].Depth, nestingDepth(node))
			} else {
				leadDepth = max(leadDepth, nestingDepth(node))
			}
			continue
		}
		start := lineStart(body, max(heading.Pos(), 0))
		title := cleanLine(InlineText(heading, body))
		s := Section{
			Heading:    title,
			Level:      heading.Level,
			Start:      bodyStart + start,
			HeadingLen: headingEnd(heading, body, start) - start,
			Ordinal:    len(sections) + 1,
			Parent:     -1,
		}
		s.Anchor = anchors.add(Slug(title))
		if len(sections) == 0 {
			leadEnd = s.Start
		}
		sections = append(sections, s)
	}
	finishSections(src, sections)
	return leadEnd, leadDepth, sections, refs
}

// finishSections fills in the fields that depend on the following sections:
// End, TreeEnd, Parent, Markdown, Line and Words.
func finishSections(src []byte, sections []Section) {
	line, lineAt := 1, 0
	for i := range sections {
		s := &sections[i]
		s.End = len(src)
		if i+1 < len(sections) {
			s.End = sections[i+1].Start
		}
		s.TreeEnd = len(src)
		for j := i + 1; j < len(sections); j++ {
			if sections[j].Level <= s.Level {
				s.TreeEnd = sections[j].Start
				break
			}
		}
		for j := i - 1; j >= 0; j-- {
			if sections[j].Level < s.Level {
				s.Parent = j
				break
			}
		}
		line += bytes.Count(src[lineAt:s.Start], []byte("\n"))
		lineAt = s.Start
		s.Line = line
		s.HeadingLen = min(s.HeadingLen, s.End-s.Start)
		s.Words = CountWords(string(src[s.Start+s.HeadingLen : s.End]))
	}
}

// headingEnd returns the offset just past the heading's last line: the ATX
// line itself, or the underline of a setext heading.
func headingEnd(h *ast.Heading, body []byte, start int) int {
	end := lineEnd(body, start)
	if bytes.HasPrefix(bytes.TrimLeft(body[start:], " "), []byte("#")) {
		return end
	}
	if lines := h.Lines(); lines.Len() > 0 {
		last := lines.At(lines.Len() - 1)
		textEnd := lineEnd(body, max(last.Stop-1, start))
		return lineEnd(body, textEnd)
	}
	return end
}

// lineStart returns the offset of the first byte of the line holding pos.
func lineStart(b []byte, pos int) int {
	pos = min(pos, len(b))
	return bytes.LastIndexByte(b[:pos], '\n') + 1
}

// lineEnd returns the offset just past the newline ending the line that
// holds pos, or len(b).
func lineEnd(b []byte, pos int) int {
	if pos >= len(b) {
		return len(b)
	}
	if i := bytes.IndexByte(b[pos:], '\n'); i >= 0 {
		return pos + i + 1
	}
	return len(b)
}

// nestingDepth is the deepest chain of block quotes and lists under n.
func nestingDepth(n ast.Node) int {
	deepest := 0
	var walk func(ast.Node, int)
	walk = func(n ast.Node, depth int) {
		switch n.Kind() {
		case ast.KindBlockquote, ast.KindList:
			depth++
		}
		deepest = max(deepest, depth)
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if c.Type() == ast.TypeBlock {
				walk(c, depth)
			}
		}
	}
	walk(n, 0)
	return deepest
}

// CountWords counts words: runs of letters or digits separated by anything
// else, with every Han, Hiragana and Katakana character counted as a word
// since those scripts do not separate words with spaces.
func CountWords(s string) int {
	n := 0
	inWord := false
	for _, r := range s {
		if r < utf8.RuneSelf {
			// ASCII fast path: most text is.
			if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' {
				if !inWord {
					n++
				}
				inWord = true
			} else if r != '\'' && r != '-' {
				inWord = false
			}
			continue
		}
		switch {
		case r >= 0x2e80 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r)):
			n++
			inWord = false
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if !inWord {
				n++
			}
			inWord = true
		case r == '\'' || r == '’' || r == '-':
			// Keep "don't" and "well-known" as one word.
		default:
			inWord = false
		}
	}
	return n
}
