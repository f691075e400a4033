package export

import (
	"bytes"
	"strings"
	"testing"

	"github.com/briefreader/brief/briefings"
	"golang.org/x/net/html"
)

// sample returns a briefing of the built-in library.
func sample(t *testing.T, name string) *briefings.Briefing {
	t.Helper()
	b, err := briefings.LoadSample().Find(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// parse loads markdown as a briefing file called name.
func parse(t *testing.T, name, text string) *briefings.Briefing {
	t.Helper()
	b, err := briefings.Parse(name, []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func mustExport(t *testing.T, b *briefings.Briefing, sections []int, f Format, opts Options) string {
	t.Helper()
	out, err := Export(b, sections, f, opts)
	if err != nil {
		t.Fatalf("%s: %v", f, err)
	}
	return string(out)
}

// htmlPage is what the safety checks learn from parsing a page.
type htmlPage struct {
	title    string
	ids      []string
	headings []string // text of h1-h6 elements
	hrefs    []string
	srcs     []string
	text     string
}

// checkPage parses an exported page with golang.org/x/net/html and fails
// the test on anything unsafe: scripts, frames, objects, forms, event
// handler attributes, style attributes or elements outside the head,
// comments, script URLs, images that are not embedded data, links to
// style sheets.
func checkPage(t *testing.T, page string) htmlPage {
	t.Helper()
	// Markup the page must not have; the same words escaped as text (a code
	// block showing "<script>") are fine.
	for _, bad := range []string{"<script", "<!--", "<iframe", "<img src=x", "<span on", "=\"javascript:"} {
		if strings.Contains(strings.ToLower(page), bad) {
			i := strings.Index(strings.ToLower(page), bad)
			t.Errorf("page contains %q: %q", bad, page[max(0, i-60):min(len(page), i+60)])
		}
	}
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatalf("page does not parse: %v", err)
	}
	var p htmlPage
	var text bytes.Buffer
	styles := 0
	var walk func(n *html.Node, inHead bool)
	walk = func(n *html.Node, inHead bool) {
		switch n.Type {
		case html.CommentNode:
			t.Errorf("page has a comment: %q", n.Data)
		case html.TextNode:
			text.WriteString(n.Data)
		case html.ElementNode:
			switch n.Data {
			case "script", "iframe", "frame", "object", "embed", "form", "link", "base", "svg", "math":
				t.Errorf("page has a <%s> element", n.Data)
			case "head":
				inHead = true
			case "style":
				styles++
				if !inHead {
					t.Error("<style> outside the head")
				}
			case "title":
				if n.FirstChild != nil {
					p.title = n.FirstChild.Data
				}
			case "meta":
				for _, a := range n.Attr {
					if strings.EqualFold(a.Key, "http-equiv") && strings.EqualFold(a.Val, "refresh") {
						t.Error("page has a meta refresh")
					}
				}
			case "h1", "h2", "h3", "h4", "h5", "h6":
				p.headings = append(p.headings, nodeText(n))
			}
			for _, a := range n.Attr {
				key := strings.ToLower(a.Key)
				squeezed := strings.ToLower(strings.Join(strings.Fields(a.Val), ""))
				if strings.Contains(squeezed, "javascript:") || strings.Contains(squeezed, "vbscript:") {
					t.Errorf("<%s %s=%q> has a script URL", n.Data, a.Key, a.Val)
				}
				switch {
				case strings.HasPrefix(key, "on"):
					t.Errorf("<%s> has an event handler %s=%q", n.Data, a.Key, a.Val)
				case key == "style":
					t.Errorf("<%s> has a style attribute", n.Data)
				case key == "id":
					p.ids = append(p.ids, a.Val)
				case key == "href":
					p.hrefs = append(p.hrefs, a.Val)
					if briefings.URLKindOf(a.Val) == briefings.UnsafeURL {
						t.Errorf("unsafe link %q", a.Val)
					}
				case key == "src" || key == "srcset" || key == "background" || key == "poster" || key == "action" || key == "formaction":
					p.srcs = append(p.srcs, a.Val)
					if !strings.HasPrefix(a.Val, "data:image/png;") && !strings.HasPrefix(a.Val, "data:image/jpeg;") &&
						!strings.HasPrefix(a.Val, "data:image/gif;") && !strings.HasPrefix(a.Val, "data:image/webp;") {
						t.Errorf("<%s %s=%q> loads something", n.Data, a.Key, a.Val)
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inHead)
		}
	}
	walk(doc, false)
	if styles != 1 {
		t.Errorf("%d <style> elements, want 1", styles)
	}
	if !strings.Contains(page, "Content-Security-Policy") || !strings.Contains(page, "default-src 'none'") {
		t.Error("no Content-Security-Policy")
	}
	p.text = text.String()
	return p
}

func nodeText(n *html.Node) string {
	var sb strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			sb.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.TrimSpace(sb.String())
}

// noControls fails on control characters other than newline and tab.
func noControls(t *testing.T, what, s string) {
	t.Helper()
	for i, r := range s {
		if r < 0x20 && r != '\n' && r != '\t' || r >= 0x7f && r <= 0x9f {
			t.Errorf("%s: control character %U at %d: %q", what, r, i, s[max(0, i-30):min(len(s), i+30)])
			return
		}
	}
}
