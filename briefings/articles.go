package briefings

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits for a line of plain text to count as a heading.
const (
	maxHeadingWords = 12
	maxHeadingRunes = 100
)

// textBlock is a run of non-blank lines in a plain-text file.
type textBlock struct {
	lines []string
	first int // index of the first line in the file
}

// DetectHeadings returns the 0-based line numbers of the headings in a
// plain-text document: a short single line, with no final full stop, set off
// by blank lines, that follows a paragraph and is followed by one. The first
// block is never a heading (it is usually the title).
func DetectHeadings(text string) []int {
	blocks := splitBlocks(strings.Split(text, "\n"))
	var headings []int
	prevIsParagraph := false
	for i, b := range blocks {
		isHeading := i > 0 && prevIsParagraph && i+1 < len(blocks) &&
			headingShaped(b) && !headingShaped(blocks[i+1])
		if isHeading {
			headings = append(headings, b.first)
		}
		prevIsParagraph = !isHeading && !headingShaped(b)
	}
	return headings
}

func splitBlocks(lines []string) []textBlock {
	var blocks []textBlock
	var cur *textBlock
	for i, line := range lines {
		if strings.TrimSpace(line) == "" {
			cur = nil
			continue
		}
		if cur == nil {
			blocks = append(blocks, textBlock{first: i})
			cur = &blocks[len(blocks)-1]
		}
		cur.lines = append(cur.lines, line)
	}
	return blocks
}

// headingShaped reports whether a block looks like a heading on its own:
// one short line that does not end like a sentence and starts with a capital
// letter, a digit or a character of an uncased script.
func headingShaped(b textBlock) bool {
	if len(b.lines) != 1 {
		return false
	}
	line := strings.TrimSpace(b.lines[0])
	if utf8.RuneCountInString(line) > maxHeadingRunes || len(strings.Fields(line)) > maxHeadingWords {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(line)
	if strings.ContainsRune(".,;:…。、", last) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(line)
	return unicode.IsUpper(first) || unicode.IsDigit(first) || unicode.IsLetter(first) && !unicode.IsLower(first)
}

// plainTextToMarkdown turns a plain-text document into markdown with the same
// lines: the metadata of its first lines is taken out (readHeader),
// detected headings become "## " headings, lists keep their items, lines
// that are not wrapped prose keep their breaks, and every other character
// is escaped so that stray "*", "#" or "<" show as themselves. firstLine is
// the file's line number of the text's first line.
func plainTextToMarkdown(text string, firstLine int) (markdown string, header articleHeader) {
	header, lines := readHeader(strings.Split(text, "\n"), firstLine)
	isHeading := make(map[int]bool)
	for _, i := range DetectHeadings(strings.Join(lines, "\n")) {
		isHeading[i] = true
	}
	out := make([]string, len(lines))
	for _, b := range splitBlocks(lines) {
		if isHeading[b.first] {
			out[b.first] = "## " + EscapeMarkdown(strings.TrimSpace(b.lines[0]))
			continue
		}
		copy(out[b.first:], blockMarkdown(b.lines))
	}
	return strings.Join(out, "\n"), header
}

// EscapeMarkdown backslash-escapes the characters that would make a line of
// plain text mean something in markdown. Leading indentation is dropped so
// that an indented line does not become a code block.
func EscapeMarkdown(line string) string {
	line = strings.TrimLeft(line, " \t")
	var sb strings.Builder
	for i, r := range line {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '#', '|', '~', '&', '!':
			sb.WriteByte('\\')
		case '-', '+', '=':
			if i == 0 {
				sb.WriteByte('\\')
			}
		case '.', ')':
			if i > 0 && isDigits(line[:i]) {
				sb.WriteByte('\\')
			}
		}
		sb.WriteRune(r)
	}
	return sb.String()
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
