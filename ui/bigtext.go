package ui

import (
	"strings"
	"unicode"

	"github.com/charmbracelet/x/ansi"
	"golang.org/x/text/unicode/norm"
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

// bigTextRows is how many terminal rows one line of big text takes; a
// line with accents above its letters takes one more.
const bigTextRows = 3

// bigText draws s in block letters, wrapped at word boundaries to fit
// width, in at most maxLines lines of big text. A title in a script the
// font lacks (Chinese, Japanese, Arabic, ...) is drawn large in the normal
// font instead (largeTitle). ok == false means neither fits; the caller
// then uses an ordinary bold heading.
func bigText(s string, width, maxLines int) (rows []string, ok bool) {
	s = strings.Join(strings.Fields(s), " ")
	upper := strings.ToUpper(s)
	if _, ok := bigChars(upper); !ok {
		return largeTitle(s, width, 2*maxLines)
	}
	var lines []string
	current := ""
	for _, word := range strings.Fields(upper) {
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

// bigChar is one letter as the font draws it: a glyph, and the accents
// above and below it, as wide as the glyph ("" when there is none).
type bigChar struct {
	glyph [5]string
	above [2]string
	below string
}

// glyphOf returns the glyph of a letter, digit or sign.
func glyphOf(r rune) ([5]string, bool) {
	for range 3 { // З is drawn as 3, Г as Γ: at most a short chain
		if g, ok := glyphs[r]; ok {
			return g, true
		}
		if g, ok := moreGlyphs[r]; ok {
			return g, true
		}
		same, ok := sameAs[r]
		if !ok {
			break
		}
		r = same
	}
	return [5]string{}, false
}

// bigChars reads upper-case text as letters of the font: an accented
// letter is its base letter with its accents (NFD). ok is false when a
// letter or an accent is not in the font, or a letter has two accents on
// one side.
func bigChars(s string) ([]bigChar, bool) {
	var out []bigChar
	for _, r := range norm.NFD.String(s) {
		if above, isAbove := marksAbove[r]; isAbove {
			if len(out) == 0 || out[len(out)-1].above[0] != "" {
				return nil, false
			}
			c := &out[len(out)-1]
			w := len(c.glyph[0])
			top, ok1 := centreIn(above[0], w)
			bottom, ok2 := centreIn(above[1], w)
			if !ok1 || !ok2 {
				return nil, false
			}
			c.above = [2]string{top, bottom}
			continue
		}
		if below, isBelow := marksBelow[r]; isBelow {
			if len(out) == 0 || out[len(out)-1].below != "" {
				return nil, false
			}
			c := &out[len(out)-1]
			row, ok := centreIn(below, len(c.glyph[0]))
			if !ok {
				return nil, false
			}
			c.below = row
			continue
		}
		g, ok := glyphOf(r)
		if !ok {
			return nil, false
		}
		out = append(out, bigChar{glyph: g})
	}
	return out, len(out) > 0
}

// centreIn centres a row of pixels in a glyph w pixels wide.
func centreIn(row string, w int) (string, bool) {
	if len(row) > w {
		return "", false
	}
	left := (w - len(row)) / 2
	return strings.Repeat(".", left) + row + strings.Repeat(".", w-len(row)-left), true
}

// bigWidth is the width of s in block letters: each glyph and a column
// between glyphs.
func bigWidth(s string) int {
	chars, _ := bigChars(s)
	w := 0
	for i, c := range chars {
		if i > 0 {
			w++
		}
		w += len(c.glyph[0])
	}
	return w
}

// drawBig renders one line of text (every letter in the font) as rows of
// half blocks, two pixel rows per terminal row: the accents above when a
// letter has one, the five rows of the letters, and a row for the
// accents below.
func drawBig(s string) []string {
	chars, _ := bigChars(s)
	hasAbove := false
	for _, c := range chars {
		hasAbove = hasAbove || c.above[0] != ""
	}
	var pixels []strings.Builder
	pixelRows := 6
	if hasAbove {
		pixelRows = 8
	}
	pixels = make([]strings.Builder, pixelRows)
	for i, c := range chars {
		w := len(c.glyph[0])
		var column []string
		if hasAbove {
			column = append(column, orBlank(c.above[0], w), orBlank(c.above[1], w))
		}
		column = append(column, c.glyph[:]...)
		column = append(column, orBlank(c.below, w))
		for row := range pixelRows {
			if i > 0 {
				pixels[row].WriteByte('.')
			}
			pixels[row].WriteString(column[row])
		}
	}
	rows := make([]string, pixelRows/2)
	for r := range rows {
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

func orBlank(row string, w int) string {
	if row == "" {
		return strings.Repeat(".", w)
	}
	return row
}

// largeTitle draws a title the block font cannot, large in the normal
// font: its characters spaced apart (words three spaces apart), wrapped to
// width in at most maxLines lines, over a heavy rule. The presenter shows
// it in bold.
func largeTitle(s string, width, maxLines int) ([]string, bool) {
	var words []string
	for _, word := range strings.Fields(s) {
		words = append(words, spaced(word))
	}
	var lines []string
	current := ""
	for _, word := range words {
		for ansi.StringWidth(word) > width { // a long run of CJK, without spaces
			cut := ansi.Truncate(word, width, "")
			if current != "" {
				lines = append(lines, current)
				current = ""
			}
			lines = append(lines, strings.TrimSpace(cut))
			word = strings.TrimSpace(strings.TrimPrefix(word, cut))
		}
		candidate := word
		if current != "" {
			candidate = current + "   " + word
		}
		if ansi.StringWidth(candidate) <= width {
			current = candidate
			continue
		}
		lines = append(lines, current)
		current = word
	}
	if current != "" {
		lines = append(lines, current)
	}
	if len(lines) == 0 || len(lines) > maxLines {
		return nil, false
	}
	widest := 0
	for _, l := range lines {
		widest = max(widest, ansi.StringWidth(l))
	}
	return append(lines, strings.Repeat("━", widest)), true
}

// spaced puts a space between the characters of a word, keeping combining
// marks on their letter.
func spaced(word string) string {
	var sb strings.Builder
	for i, r := range word {
		if i > 0 && !unicode.Is(unicode.Mn, r) && !unicode.Is(unicode.Me, r) {
			sb.WriteByte(' ')
		}
		sb.WriteRune(r)
	}
	return sb.String()
}
