package render

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// tidy post-processes glamour's lines: it drops the styling that encloses
// no text (glamour emits dozens of empty "set, reset" pairs per line),
// gives wrapped list items a hanging indent and wraps again any line
// glamour left wider than width.
func tidy(lines []string, width int, source []byte) []string {
	lines = hangListItems(lines, width, &sourceText{src: source})
	lines = fitWidth(lines, width)
	return compactAll(lines)
}

// fitWidth wraps every line wider than width at its own indentation.
// glamour's word wrap lets a line run over by a column or two when spaces
// stand in a row before the last word ("long-word  +"), and a rendered
// line must never be wider than the screen it was made for.
func fitWidth(lines []string, width int) []string {
	for i := 0; i < len(lines); i++ {
		if ansi.StringWidth(lines[i]) <= width {
			continue
		}
		indent := min(leadingSpaces(ansi.Strip(lines[i])), width/2)
		body := strings.TrimRight(ansi.TruncateLeft(lines[i], indent, ""), " ")
		wrapped := carryStyles(WrapLines(body, width-indent, ""))
		for j, w := range wrapped {
			wrapped[j] = strings.Repeat(" ", indent) + w
		}
		lines = slices.Replace(lines, i, i+1, wrapped...)
		i += len(wrapped) - 1
	}
	return lines
}

// compactAll compacts the styling of every line (see compactSGR).
func compactAll(lines []string) []string {
	for i, line := range lines {
		lines[i] = compactSGR(line)
	}
	return lines
}

// compactSGR removes SGR sequences that style nothing: a run of them
// followed by a reset or by the end of the line, and a reset followed by
// the very styles it ended (glamour styles each text node on its own, so a
// sentence of several nodes is "set, text, reset" over and over). The line
// ends with a reset if any style is still open.
func compactSGR(line string) string {
	if !strings.Contains(line, "\x1b[") {
		return line
	}
	var sb strings.Builder
	var pending, active []string
	open, resetPending := false, false
	var state byte
	for len(line) > 0 {
		seq, width, n, newState := ansi.DecodeSequence(line, state, nil)
		state = newState
		line = line[max(n, 1):]
		switch {
		case width == 0 && isReset(seq):
			pending = pending[:0]
			resetPending = resetPending || open
		case width == 0 && isSGR(seq):
			pending = append(pending, seq)
		default:
			switch {
			case resetPending && slices.Equal(pending, active):
				// The same styles again: the reset and they go.
			case resetPending:
				sb.WriteString("\x1b[m")
				for _, p := range pending {
					sb.WriteString(p)
				}
				active = append(active[:0], pending...)
				open = len(pending) > 0
			default:
				for _, p := range pending {
					sb.WriteString(p)
				}
				active = append(active, pending...)
				open = open || len(pending) > 0
			}
			pending = pending[:0]
			resetPending = false
			sb.WriteString(seq)
		}
	}
	if open {
		sb.WriteString("\x1b[m")
	}
	return sb.String()
}

func isReset(seq string) bool {
	return seq == "\x1b[m" || seq == "\x1b[0m"
}

// listMarker matches the start of a list item in glamour's plain output:
// indentation, then a bullet ("- " in the ASCII style), a number or a task
// box, followed by a space or by the end of the line (glamour puts an
// item's first word on the next line when it does not fit after the
// bullet).
var listMarker = regexp.MustCompile(`^( *)(•|-|\d+\.|\[[ ✓x]\])( |$)`)

// hangListItems re-wraps list items whose text glamour wrapped back to the
// bullet's column, so that continuation lines align with the item's text.
// source is the markdown the lines come from (see joinWrapped).
func hangListItems(lines []string, width int, source *sourceText) []string {
	out := make([]string, 0, len(lines))
	for i := 0; i < len(lines); i++ {
		plain := ansi.Strip(lines[i])
		m := listMarker.FindStringSubmatch(plain)
		if m == nil {
			out = append(out, lines[i])
			continue
		}
		indent := len(m[1])
		hang := indent + ansi.StringWidth(m[2]) + 1
		j := i + 1
		for prev := plain; j < len(lines); j++ {
			next := ansi.Strip(lines[j])
			if strings.TrimSpace(next) == "" || leadingSpaces(next) != indent || listMarker.MatchString(next) ||
				!wrappedBefore(prev, next, width) {
				break
			}
			prev = next
		}
		if j == i+1 || hang >= width-8 {
			out = append(out, lines[i])
			continue
		}
		var parts []string
		if first := ansi.TruncateLeft(lines[i], hang, ""); ansi.StringWidth(first) > 0 {
			parts = append(parts, first)
		}
		for _, cont := range lines[i+1 : j] {
			parts = append(parts, ansi.TruncateLeft(cont, indent, ""))
		}
		wrapped := carryStyles(wrapProse(joinWrapped(parts, source), width-hang))
		bullet := ansi.Truncate(lines[i], hang, "")
		bullet += strings.Repeat(" ", hang-ansi.StringWidth(bullet))
		out = append(out, bullet+wrapped[0])
		for _, w := range wrapped[1:] {
			out = append(out, strings.Repeat(" ", hang)+w)
		}
		i = j - 1
	}
	return out
}

// carryStyles makes each line stand on its own: styling still open at the
// end of a line (a bold phrase that wrapped) is closed there and opened
// again at the start of the next, so a line shown alone keeps its look.
func carryStyles(lines []string) []string {
	var open []string
	for i, line := range lines {
		prefix := strings.Join(open, "")
		var state byte
		for rest := line; len(rest) > 0; {
			seq, width, n, newState := ansi.DecodeSequence(rest, state, nil)
			state = newState
			rest = rest[max(n, 1):]
			switch {
			case width > 0:
			case isReset(seq):
				open = open[:0]
			case isSGR(seq):
				open = append(open, seq)
			}
		}
		lines[i] = prefix + line
		if len(open) > 0 {
			lines[i] += "\x1b[m"
		}
	}
	return lines
}

// joinWrapped joins the lines of text glamour wrapped. Where it broke at a
// space, the space comes back; glamour also breaks a list item's text
// after , . ; - + and |, with no space there ("https://github." and
// "com/..."), and there the halves are joined again when the markdown has
// them together.
func joinWrapped(parts []string, source *sourceText) string {
	var sb strings.Builder
	for i, part := range parts {
		if i > 0 && !source.glued(parts[i-1], part) {
			sb.WriteByte(' ')
		}
		sb.WriteString(part)
	}
	return sb.String()
}

// sourceText looks for the text of glamour's lines in the markdown they
// come from. Lines come out in the order of the source, so each search
// starts where the last one found its text and looks a window ahead; the
// bytes looked at in all are bounded too (searchBudget), so that a long
// section costs no more than a short one.
type sourceText struct {
	src     []byte
	at      int
	found   bool
	scanned int
}

// searchBudget is how many bytes of source one rendering looks at, at
// most, to join text glamour broke: past it, halves are joined with a
// space, as they were before.
const searchBudget = 4 << 20

// sourceWindow is how far ahead of the last text found a search looks.
const sourceWindow = 64 << 10

// glued reports whether glamour broke a list item's text after a break
// point (, . ; - + |) inside a word: where the source first has the last
// word of prev (at the start of a word there), the first word of next
// follows it directly rather than after a space.
func (s *sourceText) glued(prev, next string) bool {
	prev, next = strings.TrimRight(ansi.Strip(prev), " "), strings.TrimLeft(ansi.Strip(next), " ")
	if prev == "" || next == "" || !strings.ContainsAny(prev[len(prev)-1:], ",.;-+|") {
		return false
	}
	tail := []byte(prev[strings.LastIndexByte(prev, ' ')+1:])
	head, _, _ := strings.Cut(next, " ")
	end := len(s.src)
	if s.found {
		end = min(end, s.at+sourceWindow)
	}
	for from := s.at; from < end && s.scanned < searchBudget; {
		i := bytes.Index(s.src[from:end], tail)
		if i < 0 {
			s.scanned += end - from
			return false
		}
		s.scanned += i + 1
		pos := from + i
		after := s.src[pos+len(tail):]
		switch {
		case !wordStart(s.src, pos):
			// inside a longer word ("in" in "contains"): not this one
		case bytes.HasPrefix(after, []byte(head)):
			s.at, s.found = pos, true
			return true
		case len(after) > 0 && (after[0] == ' ' || after[0] == '\n') &&
			bytes.HasPrefix(bytes.TrimLeft(after, " \n"), []byte(head)):
			s.at, s.found = pos, true
			return false
		}
		from = pos + 1
	}
	return false
}

// wordStart reports whether a word may start at src[pos]: at the start, or
// after a character that is neither a letter nor a digit.
func wordStart(src []byte, pos int) bool {
	r, _ := utf8.DecodeLastRune(src[:pos])
	return pos == 0 || !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// wrapProse wraps text at spaces in room columns, as glamour does: a word
// that does not fit the rest of a line starts the next. A word longer than
// a whole line (a web address most often) is broken after a / where it
// can, and only there, so that an address that fits a line stays whole.
func wrapProse(text string, room int) []string {
	words := strings.Split(text, " ")
	for i, w := range words {
		if ansi.StringWidth(w) > room {
			words[i] = "\n" + strings.Join(WrapLines(w, room, "/"), "\n")
		}
	}
	var out []string
	for _, piece := range strings.Split(strings.Join(words, " "), "\n") {
		if piece = strings.Trim(piece, " "); piece != "" {
			out = append(out, WrapLines(piece, room, "")...)
		}
	}
	return out
}

// wrappedBefore reports whether glamour broke a line between prev and
// next (plain text): the first word of next would not have fit at the end
// of prev (glamour wraps at the width less its right margin of 2). Lines
// of a code block that share a list item's indentation ("- a", "b") are
// short, so they are not taken for the item's wrapped text.
func wrappedBefore(prev, next string, width int) bool {
	word, _, _ := strings.Cut(strings.TrimLeft(next, " "), " ")
	return ansi.StringWidth(prev)+1+ansi.StringWidth(word) > width-2
}

func leadingSpaces(s string) int {
	return len(s) - len(strings.TrimLeft(s, " "))
}
