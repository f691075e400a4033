package ui

import (
	"strings"
	"unicode"
)

// glyphs is a small block-letter font, five pixels high, drawn with half
// blocks so that one line of big text takes three terminal rows. It covers
// what headings mostly hold: letters, digits and common punctuation.
var glyphs = map[rune][5]string{
	'A': {".#.", "#.#", "###", "#.#", "#.#"}, 'B': {"##.", "#.#", "##.", "#.#", "##."},
	'C': {".##", "#..", "#..", "#..", ".##"}, 'D': {"##.", "#.#", "#.#", "#.#", "##."},
	'E': {"###", "#..", "##.", "#..", "###"}, 'F': {"###", "#..", "##.", "#..", "#.."},
	'G': {".##", "#..", "#.#", "#.#", ".##"}, 'H': {"#.#", "#.#", "###", "#.#", "#.#"},
	'I': {"###", ".#.", ".#.", ".#.", "###"}, 'J': {"..#", "..#", "..#", "#.#", ".#."},
	'K': {"#.#", "#.#", "##.", "#.#", "#.#"}, 'L': {"#..", "#..", "#..", "#..", "###"},
	'M': {"#...#", "##.##", "#.#.#", "#...#", "#...#"}, 'N': {"#..#", "##.#", "#.##", "#..#", "#..#"},
	'O': {".#.", "#.#", "#.#", "#.#", ".#."}, 'P': {"##.", "#.#", "##.", "#..", "#.."},
	'Q': {".#.", "#.#", "#.#", "##.", ".##"}, 'R': {"##.", "#.#", "##.", "#.#", "#.#"},
	'S': {".##", "#..", ".#.", "..#", "##."}, 'T': {"###", ".#.", ".#.", ".#.", ".#."},
	'U': {"#.#", "#.#", "#.#", "#.#", "###"}, 'V': {"#.#", "#.#", "#.#", "#.#", ".#."},
	'W': {"#...#", "#...#", "#.#.#", "##.##", "#...#"}, 'X': {"#.#", "#.#", ".#.", "#.#", "#.#"},
	'Y': {"#.#", "#.#", ".#.", ".#.", ".#."}, 'Z': {"###", "..#", ".#.", "#..", "###"},
	'0': {"###", "#.#", "#.#", "#.#", "###"}, '1': {".#.", "##.", ".#.", ".#.", "###"},
	'2': {"##.", "..#", ".#.", "#..", "###"}, '3': {"##.", "..#", ".#.", "..#", "##."},
	'4': {"#.#", "#.#", "###", "..#", "..#"}, '5': {"###", "#..", "##.", "..#", "##."},
	'6': {".##", "#..", "###", "#.#", "###"}, '7': {"###", "..#", ".#.", ".#.", ".#."},
	'8': {"###", "#.#", "###", "#.#", "###"}, '9': {"###", "#.#", "###", "..#", "##."},
	' ': {"..", "..", "..", "..", ".."}, '-': {"...", "...", "###", "...", "..."},
	'.': {".", ".", ".", ".", "#"}, ',': {".", ".", ".", "#", "#"},
	'!': {"#", "#", "#", ".", "#"}, ':': {".", "#", ".", "#", "."},
	'\'': {"#", "#", ".", ".", "."}, '’': {"#", "#", ".", ".", "."},
	'?': {"##.", "..#", ".#.", "...", ".#."}, '/': {"..#", "..#", ".#.", "#..", "#.."},
	'(': {".#", "#.", "#.", "#.", ".#"}, ')': {"#.", ".#", ".#", ".#", "#."},
	'&': {".#.", "#.#", ".#.", "#.#", ".##"},
}

// bigTextRows is how many terminal rows one line of big text takes.
const bigTextRows = 3

// bigText draws s in block letters, wrapped at word boundaries to fit
// width, in at most maxLines lines of big text. It returns ok == false when
// s has a character the font lacks or does not fit; the caller then uses an
// ordinary bold heading.
func bigText(s string, width, maxLines int) (rows []string, ok bool) {
	s = strings.ToUpper(strings.Join(strings.Fields(s), " "))
	for _, r := range s {
		if _, ok := glyphs[r]; !ok {
			return nil, false
		}
	}
	var lines []string
	current := ""
	for _, word := range strings.Fields(s) {
		candidate := strings.TrimSpace(current + " " + word)
		switch {
		case bigWidth(candidate) <= width:
			current = candidate
		case bigWidth(word) > width:
			return nil, false
		default:
			lines = append(lines, current)
			current = word
		}
	}
	if current != "" {
		lines = append(lines, current)
	}
	if len(lines) == 0 || len(lines) > maxLines {
		return nil, false
	}
	for i, line := range lines {
		if i > 0 {
			rows = append(rows, "")
		}
		rows = append(rows, drawBig(line)...)
	}
	return rows, true
}

// bigWidth is the width of s in block letters: each glyph and a column
// between glyphs.
func bigWidth(s string) int {
	w := 0
	for i, r := range []rune(s) {
		if i > 0 {
			w++
		}
		w += len(glyphs[r][0])
	}
	return w
}

// drawBig renders one line of text (every rune in the font) as three rows,
// two pixel rows per terminal row.
func drawBig(s string) []string {
	var pixels [6]strings.Builder
	for i, r := range []rune(s) {
		g := glyphs[r]
		for row := range 6 {
			if i > 0 {
				pixels[row].WriteByte('.')
			}
			if row < 5 {
				pixels[row].WriteString(g[row])
			} else {
				pixels[row].WriteString(strings.Repeat(".", len(g[0])))
			}
		}
	}
	rows := make([]string, bigTextRows)
	for r := range bigTextRows {
		top, bottom := pixels[2*r].String(), pixels[2*r+1].String()
		var sb strings.Builder
		for c := range len(top) {
			switch {
			case top[c] == '#' && bottom[c] == '#':
				sb.WriteRune('█')
			case top[c] == '#':
				sb.WriteRune('▀')
			case bottom[c] == '#':
				sb.WriteRune('▄')
			default:
				sb.WriteByte(' ')
			}
		}
		rows[r] = strings.TrimRightFunc(sb.String(), unicode.IsSpace)
	}
	return rows
}
