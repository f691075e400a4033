package briefings

import (
	"bufio"
	"bytes"
	"html"
	"regexp"
	"strings"
	"sync"

	"github.com/yuin/goldmark/ast"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
	xhtml "golang.org/x/net/html"
)

// resolveEscapes resolves the backslash escapes and character references of
// markdown text in one pass, as goldmark's HTML writer does: "\&amp;" is
// "&amp;" and "&amp;" is "&". It returns v itself when there is nothing to
// resolve.
func resolveEscapes(v []byte) []byte {
	if bytes.IndexByte(v, '\\') < 0 && bytes.IndexByte(v, '&') < 0 && bytes.IndexByte(v, 0) < 0 {
		return v
	}
	var escaped bytes.Buffer
	w := bufio.NewWriter(&escaped)
	gmhtml.DefaultWriter.Write(w, v)
	_ = w.Flush()
	return []byte(html.UnescapeString(escaped.String()))
}

// decodeDestination resolves a link destination or title as written into
// the text it stands for, as goldmark does before escaping it for HTML.
func decodeDestination(v []byte) []byte {
	return util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
}

// InlineText returns the plain text of a node's inline children as a reader
// sees it, for a node of a tree as written (ParseTree): emphasis, links and
// code spans contribute their text, raw HTML nothing, and character
// references ("&amp;") and backslash escapes are resolved. Autolinks
// contribute their label; line breaks are spaces.
func InlineText(n ast.Node, src []byte) string {
	var sb strings.Builder
	_ = ast.Walk(n, func(child ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := child.(type) {
		case *ast.Text:
			if c.IsRaw() {
				sb.Write(c.Value(src))
			} else {
				sb.Write(resolveEscapes(c.Value(src)))
			}
			if c.SoftLineBreak() || c.HardLineBreak() {
				sb.WriteByte(' ')
			}
		case *ast.String:
			sb.Write(c.Value)
		case *ast.CodeSpan:
			sb.WriteString(codeSpanText(c, src))
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			sb.Write(c.Label(src))
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return sb.String()
}

// codeSpanText returns the content of a code span as shown: as written,
// with its line endings turned into spaces.
func codeSpanText(c *ast.CodeSpan, src []byte) string {
	var sb strings.Builder
	for t := c.FirstChild(); t != nil; t = t.NextSibling() {
		switch t := t.(type) {
		case *ast.Text:
			v := t.Value(src)
			if n := len(v); n > 0 && v[n-1] == '\n' {
				sb.Write(v[:n-1])
				sb.WriteByte(' ')
				continue
			}
			sb.Write(v)
		case *ast.String:
			sb.Write(t.Value)
		}
	}
	return sb.String()
}

// htmlInlineTags sit inside a line of the text of raw HTML ("<em>", "<a>");
// every other tag starts a new line.
var htmlInlineTags = map[string]bool{
	"a": true, "abbr": true, "b": true, "bdi": true, "cite": true, "code": true, "del": true,
	"dfn": true, "em": true, "font": true, "i": true, "img": true, "ins": true, "kbd": true,
	"mark": true, "q": true, "s": true, "samp": true, "small": true, "span": true,
	"strike": true, "strong": true, "sub": true, "sup": true, "tt": true, "u": true, "var": true,
}

var spaces = lazyRegexp(`[ \t\r\f]+`)

// HTMLText returns the text a browser shows of a piece of raw HTML: the
// text between tags, character references resolved, without comments (the
// presenter's notes among them) and without the content of scripts and
// style sheets. Block tags start new lines; runs of spaces are one space,
// and blank lines are dropped.
func HTMLText(raw string) string {
	var sb strings.Builder
	hidden := 0
	z := xhtml.NewTokenizer(strings.NewReader(raw))
	for {
		tt := z.Next()
		switch tt {
		case xhtml.ErrorToken:
			return collapseLines(sb.String())
		case xhtml.TextToken:
			if hidden == 0 {
				sb.Write(z.Text())
			}
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken, xhtml.EndTagToken:
			name, _ := z.TagName()
			tag := string(name)
			switch {
			case tag == "script" || tag == "style":
				if tt == xhtml.EndTagToken {
					hidden = max(hidden-1, 0)
				} else {
					hidden++
				}
			case !htmlInlineTags[tag]:
				sb.WriteByte('\n')
			}
		}
	}
}

// collapseLines trims every line, makes runs of spaces one space and drops
// blank lines.
func collapseLines(s string) string {
	lines := strings.Split(s, "\n")
	out := lines[:0]
	for _, l := range lines {
		if l = strings.TrimSpace(spaces().ReplaceAllString(l, " ")); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// lazyRegexp compiles pattern the first time it is used, so that starting
// brief (brief --version, brief search) does not pay for the patterns of
// code it does not run.
func lazyRegexp(pattern string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(pattern) })
}
