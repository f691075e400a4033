package briefings

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Lines of plain text that are not wrapped prose: a list of figures, an
// address, lines that start with "-", "*", "•" or "1.". Markdown would
// join them into one paragraph; brief keeps them as lines and lists.

const (
	// minProseWidth is the narrowest text anyone wraps prose at: in a
	// block whose lines are all shorter, every line is a line of its own.
	minProseWidth = 40
	// maxProseWidth is the widest: a longer line was not wrapped by
	// anyone, so it is a paragraph of its own (text pasted from a web
	// page, one paragraph a line).
	maxProseWidth = 100
)

// bulletMarkers start the items of a bulleted list in plain text.
var bulletMarkers = []string{"- ", "* ", "+ ", "• ", "◦ ", "▪ ", "‣ ", "– ", "— "}

// listItem reads the marker of a list item at the start of a trimmed line:
// a bullet, or a number followed by "." or ")". number is 0 for a bullet.
func listItem(line string) (number int, text string, ok bool) {
	for _, m := range bulletMarkers {
		if rest, found := strings.CutPrefix(line, m); found && strings.TrimSpace(rest) != "" {
			return 0, strings.TrimSpace(rest), true
		}
	}
	digits := 0
	for digits < len(line) && digits < 9 && line[digits] >= '0' && line[digits] <= '9' {
		digits++
	}
	if digits == 0 || digits+1 >= len(line) || (line[digits] != '.' && line[digits] != ')') || line[digits+1] != ' ' {
		return 0, "", false
	}
	n, err := strconv.Atoi(line[:digits])
	rest := strings.TrimSpace(line[digits+2:])
	if err != nil || rest == "" {
		return 0, "", false
	}
	return n, rest, true
}

// blockMarkdown writes a block of plain-text lines (no blank line among
// them) as markdown, line for line: list items as markdown list items, and
// a hard line break ("\" at the end) after every line that was broken on
// purpose rather than wrapped.
func blockMarkdown(lines []string) []string {
	out := make([]string, len(lines))
	isItem := make([]bool, len(lines))
	width := 0
	for _, l := range lines {
		if w := utf8.RuneCountInString(strings.TrimSpace(l)); w <= maxProseWidth {
			width = max(width, w)
		}
	}
	prevOrdered := false
	for i, l := range lines {
		line := strings.TrimSpace(l)
		n, text, ok := listItem(line)
		// An ordered list may interrupt a paragraph only when it starts
		// at 1; after an item of its own list it goes on.
		if ok && n > 1 && i > 0 && !prevOrdered {
			ok = false
		}
		prevOrdered = ok && n > 0
		isItem[i] = ok
		switch {
		case ok && n > 0:
			out[i] = strconv.Itoa(n) + ". " + EscapeMarkdown(text)
		case ok:
			out[i] = "- " + EscapeMarkdown(text)
		default:
			out[i] = EscapeMarkdown(line)
		}
	}
	for i := 0; i+1 < len(lines); i++ {
		if !isItem[i+1] && brokenOnPurpose(lines[i], lines[i+1], width) {
			out[i] += "\\"
		}
	}
	return out
}

// brokenOnPurpose reports whether the break after line is the writer's,
// not wrapping: the lines are too short to be wrapped prose, the line is
// too long to have been wrapped, or the next line's first word would have
// fitted on it.
func brokenOnPurpose(line, next string, width int) bool {
	n := utf8.RuneCountInString(strings.TrimSpace(line))
	if width < minProseWidth || n > maxProseWidth {
		return true
	}
	first, _, _ := strings.Cut(strings.TrimSpace(next), " ")
	return n+1+utf8.RuneCountInString(first) <= width
}
