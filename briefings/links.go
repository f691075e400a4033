package briefings

import (
	"net/url"
	"path"
	"path/filepath"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// Link is a link in a briefing's text.
type Link struct {
	// Text is what the link says.
	Text string
	// Target is the destination as written.
	Target string
}

// Links returns the links in a piece of markdown, in order, with inline
// markup reduced to text.
func Links(md string) []Link {
	src := []byte(md)
	doc := markdownParser.Parse(text.NewReader(src))
	var links []Link
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch l := n.(type) {
		case *ast.Link:
			links = append(links, Link{Text: cleanLine(InlineText(l, src)), Target: cleanLine(string(l.Destination))})
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			u := cleanLine(string(l.URL(src)))
			links = append(links, Link{Text: u, Target: u})
		}
		return ast.WalkContinue, nil
	})
	return links
}

// External reports whether a link leaves the library: it has a scheme
// (https:, mailto:) or a host.
func (l Link) External() bool {
	u, err := url.Parse(l.Target)
	return err != nil || u.Scheme != "" || u.Host != ""
}

// Resolve turns a relative link in briefing b into the path of the
// briefing it points to ("" for a link within b) and the anchor of the
// section ("" for the top).
func (l Link) Resolve(b *Briefing) (target, anchor string, ok bool) {
	if l.External() {
		return "", "", false
	}
	u, err := url.Parse(l.Target)
	if err != nil {
		return "", "", false
	}
	anchor = u.Fragment
	if u.Path == "" {
		return "", anchor, true
	}
	if b.Embedded() {
		name := strings.TrimPrefix(b.Path, BuiltinPrefix)
		return BuiltinPrefix + path.Clean(path.Join(path.Dir(name), u.Path)), anchor, true
	}
	p := filepath.FromSlash(u.Path)
	if !filepath.IsAbs(p) {
		p = filepath.Join(filepath.Dir(b.Path), p)
	}
	return filepath.Clean(p), anchor, true
}
