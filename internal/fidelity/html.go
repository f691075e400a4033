package fidelity

import (
	"net/url"
	"strconv"
	"strings"

	"golang.org/x/net/html"
)

// inlineTags do not separate words: "<em>foo</em>bar" reads "foobar".
var inlineTags = map[string]bool{
	"a": true, "abbr": true, "b": true, "bdi": true, "cite": true, "code": true, "del": true,
	"dfn": true, "em": true, "i": true, "img": true, "ins": true, "kbd": true, "mark": true,
	"q": true, "s": true, "samp": true, "small": true, "span": true, "strike": true,
	"strong": true, "sub": true, "sup": true, "u": true, "var": true,
}

// HTMLTokens returns the words a reader must see in a piece of HTML: its
// text, with each image's description, in order; not the text of scripts
// and style sheets, which a browser does not show either. After a link's
// text and around an image the words of its destination may also be shown,
// the word "Image" before an image, and an item's number before each item
// of a numbered list.
func HTMLTokens(doc string) []Token {
	var text strings.Builder
	var inserts []insert
	optional := func(s string) {
		if s = strings.TrimSpace(s); s != "" {
			inserts = append(inserts, insert{at: text.Len(), within: s})
		}
	}
	var links []string // destinations of the open links
	var lists []int    // the next number of each open list, -1 when it has none
	hidden := 0        // open <script> and <style> elements
	z := html.NewTokenizer(strings.NewReader(doc))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return weave(text.String(), inserts)
		case html.TextToken:
			if hidden == 0 {
				text.Write(z.Text())
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
				optional(strconv.Itoa(lists[len(lists)-1]))
				lists[len(lists)-1]++
			case tok.Data == "img":
				optional("Image")
				text.WriteString(attr(tok, "alt"))
				optional(destination(attr(tok, "src")))
			case tok.Data == "a":
				links = append(links, attr(tok, "href"))
			case !inlineTags[tok.Data]:
				text.WriteByte('\n')
			}
		case html.EndTagToken:
			tok := z.Token()
			switch {
			case (tok.Data == "script" || tok.Data == "style") && hidden > 0:
				hidden--
			case (tok.Data == "ol" || tok.Data == "ul") && len(lists) > 0:
				lists = lists[:len(lists)-1]
				text.WriteByte('\n')
			case tok.Data == "a" && len(links) > 0:
				optional(destination(links[len(links)-1]))
				links = links[:len(links)-1]
			case !inlineTags[tok.Data]:
				text.WriteByte('\n')
			}
		}
	}
}

// insert is a run of optional words at a byte offset of the text.
type insert struct {
	at     int
	within string
}

// weave splits text into required words and puts each optional run before
// the first word that starts at or after its offset: a link that ends
// inside a word ("<a>foo</a>bar" reads "foobar") does not split it.
func weave(text string, inserts []insert) []Token {
	var out []Token
	start := -1
	emit := func(at int) {
		for len(inserts) > 0 && inserts[0].at <= at {
			out = append(out, Token{Within: inserts[0].within})
			inserts = inserts[1:]
		}
	}
	for i, r := range text + " " {
		switch {
		case isWordRune(r) && start < 0:
			start = i
			emit(i)
		case !isWordRune(r) && start >= 0:
			out = append(out, Token{Word: text[start:i]})
			start = -1
		}
	}
	emit(len(text))
	return out
}

func attr(tok html.Token, name string) string {
	for _, a := range tok.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}

// destination returns a link's destination as written and decoded, for
// the words a renderer may print after the link.
func destination(href string) string {
	if href == "" {
		return ""
	}
	if decoded, err := url.PathUnescape(href); err == nil && decoded != href {
		return href + " " + decoded
	}
	return href
}
