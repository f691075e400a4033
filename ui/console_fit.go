package ui

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/briefreader/brief/internal/render"
	"github.com/charmbracelet/x/ansi"
)

var listMarker = regexp.MustCompile(`^(?:[•◦▪‣*+-]|\d+[.)])\s+`)

// fitSlide scales a page as the audience sees it into a pane: the margin
// the projector leaves is dropped, block letters too wide for the pane
// become the plain title, lines the projector wrapped at its text width
// (textWidth) are joined and wrapped again at the pane's (the text stays
// whole), runs of blank lines close up, and what still does not fit is
// counted.
func fitSlide(lines []string, titleRows int, title string, textWidth, width, height int) []string {
	fitted := fitSlideTitled(lines, titleRows, title, textWidth, width, height, false)
	if len(fitted) > 0 && strings.HasPrefix(ansi.Strip(fitted[len(fitted)-1]), "… ") && titleRows > 1 && title != "" {
		// Short of room: the title in words gives the text the rows.
		return fitSlideTitled(lines, titleRows, title, textWidth, width, height, true)
	}
	return fitted
}

// fitSlideTitled is fitSlide, with the title in words when plain is set.
func fitSlideTitled(lines []string, titleRows int, title string, textWidth, width, height int, plain bool) []string {
	if len(lines) == 0 || height <= 0 {
		return nil
	}
	width = max(width, 10)
	body := lines
	var out []string
	if len(body) > 0 && strings.TrimSpace(ansi.Strip(body[0])) == "" {
		body = body[1:]
	}
	titleRows = min(titleRows, len(body))
	head, body := body[:titleRows], body[titleRows:]
	wide := plain
	for _, l := range head {
		if ansi.StringWidth(strings.TrimSpace(ansi.Strip(l))) > width {
			wide = true
		}
	}
	if wide && title != "" {
		out = append(out, render.WrapLines(title, width, "")...)
	} else {
		for _, l := range head {
			out = append(out, trimIndent(l, commonIndent(head)))
		}
	}
	indent := commonIndent(body)
	trimmed := make([]string, len(body))
	for i, l := range body {
		trimmed[i] = trimIndent(l, indent)
	}
	widest := 0
	for _, l := range trimmed {
		widest = max(widest, ansi.StringWidth(l))
	}
	if widest > width {
		trimmed = unwrapLines(trimmed, textWidth-indent)
	}
	for _, l := range trimmed {
		switch {
		case ansi.StringWidth(l) <= width:
			out = append(out, l)
		case isRule(l):
			// A table's rule wrapped would draw rows of dashes: it is cut
			// at the pane's edge (its rows are wrapped: no word is lost).
			out = append(out, ansi.Truncate(l, width, ""))
		default:
			out = append(out, render.WrapLines(l, width, "")...)
		}
	}
	// Close up blank runs and drop the blank end.
	var fitted []string
	for _, l := range out {
		blank := strings.TrimSpace(ansi.Strip(l)) == ""
		if blank && (len(fitted) == 0 || strings.TrimSpace(ansi.Strip(fitted[len(fitted)-1])) == "") {
			continue
		}
		fitted = append(fitted, l)
	}
	for len(fitted) > 0 && strings.TrimSpace(ansi.Strip(fitted[len(fitted)-1])) == "" {
		fitted = fitted[:len(fitted)-1]
	}
	if len(fitted) > height {
		more := len(fitted) - height + 1
		fitted = append(fitted[:height-1], fmt.Sprintf("… %d more lines", more))
	}
	return fitted
}

// unwrapLines joins the lines of a paragraph or list item that were
// wrapped at width: a line is joined to the one before when its first word
// would not have fitted there, it is indented as that line's text, and
// neither is part of a table.
func unwrapLines(lines []string, width int) []string {
	var out []string
	for _, l := range lines {
		if n := len(out); n > 0 && continues(ansi.Strip(out[n-1]), ansi.Strip(l), width) {
			out[n-1] = strings.TrimRight(out[n-1], " ") + " " + trimIndent(l, leadingSpaces(ansi.Strip(l)))
			continue
		}
		out = append(out, l)
	}
	return out
}

// continues reports whether line b carries on the text of line a, wrapped
// at width.
func continues(a, b string, width int) bool {
	ta, tb := strings.TrimSpace(a), strings.TrimSpace(b)
	if ta == "" || tb == "" || strings.ContainsAny(a+b, tableRules) || listMarker.MatchString(tb) {
		return false
	}
	textIndent := leadingSpaces(a)
	if m := listMarker.FindString(strings.TrimLeft(a, " ")); m != "" {
		textIndent += ansi.StringWidth(m)
	}
	if leadingSpaces(b) != textIndent {
		return false
	}
	word, _, _ := strings.Cut(tb, " ")
	return ansi.StringWidth(strings.TrimRight(a, " "))+1+ansi.StringWidth(word) > width
}

// tableRules are the characters tables are drawn with.
const tableRules = "│┃─━┼╭╮╰╯|"

// isRule reports whether a line is a rule (of a table, or a thematic
// break): drawing characters only.
func isRule(l string) bool {
	plain := strings.TrimSpace(ansi.Strip(l))
	return plain != "" && strings.Trim(plain, tableRules+"+-=_ ") == ""
}

// commonIndent is the least indentation of the non-blank lines.
func commonIndent(lines []string) int {
	least := -1
	for _, l := range lines {
		plain := ansi.Strip(l)
		if strings.TrimSpace(plain) == "" {
			continue
		}
		n := len(plain) - len(strings.TrimLeft(plain, " "))
		if least < 0 || n < least {
			least = n
		}
	}
	return max(least, 0)
}

// trimIndent removes n columns of leading spaces from a styled line.
func trimIndent(l string, n int) string {
	if n == 0 {
		return l
	}
	return ansi.Cut(l, n, ansi.StringWidth(l))
}

func leadingSpaces(s string) int { return len(s) - len(strings.TrimLeft(s, " ")) }
