package render

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// KeepOnlySGR removes every escape sequence and control character from s
// except SGR styling (CSI ... m), newlines and tabs. It is the last line of
// defence between rendered text and the terminal: glamour passes control
// sequences from its input straight through, and decodes character
// references into live ones.
func KeepOnlySGR(s string) string {
	if isPlain(s) {
		return s
	}
	var sb strings.Builder
	sb.Grow(len(s))
	var state byte
	for len(s) > 0 {
		seq, width, n, newState := ansi.DecodeSequence(s, state, nil)
		state = newState
		switch {
		case width > 0:
			if utf8.ValidString(seq) {
				sb.WriteString(seq)
			} else {
				sb.WriteString("\ufffd")
			}
		case seq == "\n" || seq == "\t":
			sb.WriteString(seq)
		case isSGR(seq):
			sb.WriteString(seq)
		}
		s = s[max(n, 1):]
	}
	return sb.String()
}

// isPlain reports whether s is valid UTF-8 with no control characters at
// all, the common case.
func isPlain(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 && c != '\n' && c != '\t' || c == 0x7f {
			return false
		}
		if c == 0xc2 && i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] <= 0x9f {
			return false // C1 control encoded in UTF-8
		}
	}
	return true
}

// maxSGRParams bounds the parameters of a kept SGR sequence: x/ansi's parser
// panics on sequences with more than 32, and styling never needs many.
const maxSGRParams = 16

// isSGR reports whether seq is a complete "ESC [ params m" sequence with
// only digits, ';' and ':' as parameters, and not too many of them.
func isSGR(seq string) bool {
	if !strings.HasPrefix(seq, "\x1b[") || !strings.HasSuffix(seq, "m") || len(seq) < 3 {
		return false
	}
	params := 1
	for _, c := range seq[2 : len(seq)-1] {
		switch {
		case c == ';' || c == ':':
			params++
		case c < '0' || c > '9':
			return false
		}
	}
	return params <= maxSGRParams
}

// Plain removes all styling: the text a person sees, with no escape codes.
func Plain(s string) string {
	return ansi.Strip(KeepOnlySGR(s))
}

// TrimLines removes the trailing blanks glamour pads every line with, keeping
// any styling that follows them, and drops blank lines at both ends.
func TrimLines(s string) []string {
	lines := strings.Split(s, "\n")
	for i, line := range lines {
		lines[i] = trimRightStyled(line)
	}
	for len(lines) > 0 && ansi.Strip(lines[0]) == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && ansi.Strip(lines[len(lines)-1]) == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// trimRightStyled trims trailing spaces even when they are wrapped in SGR
// sequences, and closes the line with a reset if it had any styling.
func trimRightStyled(line string) string {
	if !strings.Contains(line, "\x1b") {
		return strings.TrimRight(line, " ")
	}
	plain := strings.TrimRight(ansi.Strip(line), " ")
	width := ansi.StringWidth(plain)
	out := ansi.Truncate(line, width, "")
	if strings.Contains(out, "\x1b[") && !strings.HasSuffix(out, "\x1b[0m") && !strings.HasSuffix(out, "\x1b[m") {
		out += "\x1b[m"
	}
	return out
}
