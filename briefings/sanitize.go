package briefings

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Sanitize turns raw file bytes into text that is safe to parse and show:
// valid UTF-8, no byte-order mark, LF line endings only, and no control
// characters other than newline and tab. C0 controls, DEL and C1 controls are
// removed, invalid UTF-8 becomes U+FFFD, and HTML numeric character references
// that would decode to a control character (for example "&#27;" or "&#x9b;")
// are neutralized, because markdown parsers decode them into live bytes.
func Sanitize(raw []byte) []byte {
	raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	out := make([]byte, 0, len(raw))
	for i := 0; i < len(raw); {
		c := raw[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '\r':
				out = append(out, '\n')
				if i+1 < len(raw) && raw[i+1] == '\n' {
					i++
				}
			case c == '\n' || c == '\t':
				out = append(out, c)
			case c < 0x20 || c == 0x7f:
				// C0 control or DEL: dropped.
			case c == '&':
				if repl, n := neutralizeReference(raw[i:]); n > 0 {
					out = append(out, repl...)
					i += n
					continue
				}
				out = append(out, c)
			default:
				out = append(out, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(raw[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			out = utf8.AppendRune(out, utf8.RuneError)
		case r >= 0x80 && r <= 0x9f:
			// C1 control: dropped.
		case r == '\ufeff' || r == '\u2028' || r == '\u2029':
			// Stray byte-order marks and Unicode line separators are
			// invisible or move the cursor in some terminals.
			if r != '\ufeff' {
				out = append(out, '\n')
			}
		default:
			out = append(out, raw[i:i+size]...)
		}
		i += size
	}
	return out
}

// SanitizeString is Sanitize for strings.
func SanitizeString(s string) string {
	return string(Sanitize([]byte(s)))
}

// CleanName makes a file name or path fit to show on one line: invalid
// UTF-8 becomes U+FFFD and control characters (line breaks, tabs, ESC, DEL
// and C1) become "?", as ls shows them. A file name is text from outside
// like any other, and may hold an escape sequence. Path keeps the name as
// it is on disk, to open the file; RelPath, for display, is cleaned.
func CleanName(s string) string {
	for _, r := range s {
		if r == utf8.RuneError || r < 0x20 || r >= 0x7f && r <= 0x9f {
			return cleanName(s)
		}
	}
	return s
}

func cleanName(s string) string {
	var sb strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			sb.WriteRune(utf8.RuneError)
		case r < 0x20 || r >= 0x7f && r <= 0x9f:
			sb.WriteByte('?')
		default:
			sb.WriteString(s[i : i+size])
		}
		i += size
	}
	return sb.String()
}

// cleanLine sanitizes a single-line value such as a title or tag taken from
// front matter: YAML escapes like "\e" can smuggle controls past Sanitize, and
// newlines or tabs would break one-line layouts.
func cleanLine(s string) string {
	s = SanitizeString(s)
	return string(bytes.Join(bytes.Fields([]byte(s)), []byte(" ")))
}

// neutralizeReference looks at a numeric character reference at the start of
// b ("&#27;", "&#x1B;", "&#0033;"). If any reading of it that a markdown parser
// may apply decodes to a control character, it returns a safe replacement and
// the reference's length; otherwise it returns n == 0 and the text is kept.
func neutralizeReference(b []byte) (repl []byte, n int) {
	if len(b) < 4 || b[1] != '#' {
		return nil, 0
	}
	hex := b[2] == 'x' || b[2] == 'X'
	start := 2
	if hex {
		start = 3
	}
	end := start
	for end < len(b) && end-start < 16 && isRefDigit(b[end], hex) {
		end++
	}
	if end == start || end >= len(b) || b[end] != ';' {
		return nil, 0
	}
	digits := string(b[start:end])
	var values []uint64
	if hex {
		v, err := strconv.ParseUint(digits, 16, 32)
		if err != nil {
			return []byte("\ufffd"), end + 1
		}
		values = append(values, v)
	} else {
		// goldmark parses decimal references with base 0, so a leading zero
		// means octal ("&#033;" is ESC); check both readings.
		for _, base := range []int{10, 0} {
			if v, err := strconv.ParseUint(digits, base, 32); err == nil {
				values = append(values, v)
			}
		}
		if len(values) == 0 {
			return []byte("\ufffd"), end + 1
		}
	}
	for _, v := range values {
		if isControlCode(v) {
			return windows1252(values[0]), end + 1
		}
	}
	return nil, 0
}

func isRefDigit(c byte, hex bool) bool {
	if c >= '0' && c <= '9' {
		return true
	}
	return hex && (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')
}

func isControlCode(v uint64) bool {
	return v < 0x20 && v != '\n' && v != '\t' || v >= 0x7f && v <= 0x9f
}

// windows1252 is what browsers show for references to C1 code points: the
// Windows-1252 character at that position (so "&#150;" stays an en dash).
// Everything else that is a control becomes U+FFFD.
func windows1252(v uint64) []byte {
	if v >= 0x80 && v <= 0x9f {
		if r := cp1252[v-0x80]; r != 0 {
			return []byte(string(r))
		}
	}
	return []byte("\ufffd")
}

var cp1252 = [32]rune{
	'€', 0, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0, 'Ž', 0,
	0, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0, 'ž', 'Ÿ',
}

// looksBinary reports whether raw is not text. In the first 8 KiB it looks
// for NUL bytes (over 5%), other control bytes (over 10%) and invalid UTF-8
// (over 30%; text in a legacy 8-bit encoding has some).
func looksBinary(raw []byte) bool {
	head := raw[:min(len(raw), 8192)]
	var nuls, controls, invalid int
	for i := 0; i < len(head); {
		c := head[i]
		if c < utf8.RuneSelf {
			switch {
			case c == 0:
				nuls++
			case c < 0x20 && !strings.ContainsRune("\t\n\v\f\r\x1b", rune(c)):
				controls++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(head[i:])
		if r == utf8.RuneError && size == 1 && i+utf8.UTFMax < len(head) {
			invalid++
		}
		i += size
	}
	n := len(head)
	return nuls*20 > n || controls*10 > n || invalid*10 > n*3
}
