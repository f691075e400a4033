package fidelity

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/net/html"
)

// Counts are the measures of fidelity.py: how far the words brief shows
// of a file are from the words an oracle renders of it.
type Counts struct {
	// Shown and Oracle count the words on each side.
	Shown, Oracle int
	// Foreign counts shown words that are neither in the file nor in the
	// oracle's text: words run together ("Stringcan").
	Foreign int
	// Lost counts the oracle's words that brief does not show (as a
	// multiset).
	Lost int
	// Markup counts the backticks, "](" and "**" brief shows beyond those
	// in the oracle's text.
	Markup int
	// Examples are some foreign words.
	Examples []string
}

// Add sums counts.
func (c *Counts) Add(o Counts) {
	c.Shown += o.Shown
	c.Oracle += o.Oracle
	c.Foreign += o.Foreign
	c.Lost += o.Lost
	c.Markup += o.Markup
	if len(c.Examples) < 20 {
		c.Examples = append(c.Examples, o.Examples...)
	}
}

// LostShare is Lost as a share of the oracle's words.
func (c Counts) LostShare() float64 {
	return float64(c.Lost) / float64(max(c.Oracle, 1))
}

var urls = regexp.MustCompile(`(?:https?|ftp|mailto):\S+|www\.\S+`)

// Measure compares the text brief shows of a file (shown) with the text of
// an oracle's HTML rendering of it. URLs are left out of both sides, as
// fidelity.py does; "Image", brief's label for an image, counts as known.
func Measure(file, shown, oracleHTML string) Counts {
	oracle := HTMLText(oracleHTML)
	shownWords := Words(urls.ReplaceAllString(shown, " "))
	oracleWords := Words(urls.ReplaceAllString(oracle, " "))
	known := map[string]bool{"image": true}
	for _, w := range Words(file) {
		known[strings.ToLower(w)] = true
	}
	for _, w := range oracleWords {
		known[strings.ToLower(w)] = true
	}
	c := Counts{Shown: len(shownWords), Oracle: len(oracleWords)}
	for _, w := range shownWords {
		if !known[strings.ToLower(w)] {
			c.Foreign++
			if len(c.Examples) < 5 {
				c.Examples = append(c.Examples, w)
			}
		}
	}
	have := map[string]int{}
	for _, w := range shownWords {
		have[w]++
	}
	for _, w := range oracleWords {
		if have[w] > 0 {
			have[w]--
		} else {
			c.Lost++
		}
	}
	c.Markup = max(0, marks(urls.ReplaceAllString(shown, " "))-marks(urls.ReplaceAllString(oracle, " ")))
	return c
}

func marks(s string) int {
	return strings.Count(s, "`") + strings.Count(s, "](") + strings.Count(s, "**")
}

// HTMLText returns the text a browser shows of an HTML page: its text,
// with block elements on lines of their own and the numbers of numbered
// lists, but not scripts, style sheets or the descriptions of images
// (brief may show those: they are words of the file).
func HTMLText(doc string) string {
	var sb strings.Builder
	hidden := 0
	var lists []int // the next number of each open list, -1 when it has none
	z := html.NewTokenizer(strings.NewReader(doc))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return sb.String()
		case html.TextToken:
			if hidden == 0 {
				sb.Write(z.Text())
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			switch {
			case tok.Data == "script" || tok.Data == "style":
				hidden++
			case tok.Data == "ol":
				start, err := strconv.Atoi(attr(tok, "start"))
				if err != nil {
					start = 1
				}
				lists = append(lists, start)
			case tok.Data == "ul":
				lists = append(lists, -1)
			case tok.Data == "li" && len(lists) > 0 && lists[len(lists)-1] >= 0:
				fmt.Fprintf(&sb, "\n%d. ", lists[len(lists)-1])
				lists[len(lists)-1]++
			case !inlineTags[tok.Data]:
				sb.WriteByte('\n')
			}
		case html.EndTagToken:
			tok := z.Token()
			switch {
			case (tok.Data == "script" || tok.Data == "style") && hidden > 0:
				hidden--
			case (tok.Data == "ol" || tok.Data == "ul") && len(lists) > 0:
				lists = lists[:len(lists)-1]
				sb.WriteByte('\n')
			case !inlineTags[tok.Data]:
				sb.WriteByte('\n')
			}
		}
	}
}
