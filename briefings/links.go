package briefings

import (
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// Link is a link in a briefing's text.
type Link struct {
	// Text is what the link says.
	Text string
	// Target is the destination as written.
	Target string
}

// Links returns the links in a piece of markdown, in order, with inline
// markup reduced to text. refs are the file's link reference definitions
// (Briefing.Refs), so "[text][label]" counts. Links whose destination is
// not safe to follow (javascript:, file:, ...) are text, not links.
func Links(md string, refs References) []Link {
	t := ParseMarkdown(md, refs)
	var links []Link
	_ = ast.Walk(t.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch l := n.(type) {
		case *ast.Link:
			links = append(links, Link{Text: cleanLine(t.InlineText(l)), Target: cleanLine(string(l.Destination))})
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			u := cleanLine(string(l.URL(t.Source)))
			links = append(links, Link{Text: cleanLine(string(l.Label(t.Source))), Target: u})
		}
		return ast.WalkContinue, nil
	})
	return links
}

// SectionLinks returns the links of section i, or of the lead for -1.
func (b *Briefing) SectionLinks(i int) []Link {
	if i < 0 || i >= len(b.Sections) {
		return Links(b.Lead, b.Refs)
	}
	return Links(b.Sections[i].Markdown, b.Refs)
}

// URLKind is what a link or image destination points at.
type URLKind int

const (
	// UnsafeURL has a scheme other than the ones below: javascript:,
	// data:, file:, vbscript: and anything unknown. brief never follows
	// one, and shows such a link as its text.
	UnsafeURL URLKind = iota
	// WebURL is http:, https: or a scheme-relative "//host/..." URL.
	WebURL
	// MailURL is mailto:.
	MailURL
	// RelativeURL has no scheme: another briefing, a file next to this
	// one, or "#anchor".
	RelativeURL
)

// URLKindOf reads a destination the way a browser does: leading and
// trailing controls and spaces are ignored and tabs and newlines inside
// are removed before the scheme is read, so "java\tscript:" is caught.
// Character references are resolved first, as an HTML writer does.
func URLKindOf(raw string) URLKind {
	s := string(util.ResolveEntityNames(util.ResolveNumericReferences([]byte(raw))))
	s = strings.TrimFunc(s, func(r rune) bool { return r <= ' ' })
	s = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, s)
	scheme := ""
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
			continue
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
			continue
		case c == ':' && i > 0:
			scheme = strings.ToLower(s[:i])
		}
		break
	}
	switch scheme {
	case "":
		if strings.HasPrefix(s, "//") || strings.HasPrefix(s, `\\`) || strings.HasPrefix(s, `/\`) || strings.HasPrefix(s, `\/`) {
			return WebURL
		}
		return RelativeURL
	case "http", "https":
		return WebURL
	case "mailto":
		return MailURL
	}
	return UnsafeURL
}

// External reports whether a link leaves the library: it has a scheme
// (https:, mailto:) or a host.
func (l Link) External() bool {
	u, err := url.Parse(l.Target)
	return err != nil || u.Scheme != "" || u.Host != ""
}

// Resolve turns a relative link in briefing b into the path of the
// briefing it points to ("" for a link within b) and the anchor of the
// section ("" for the top). A link to "chapter.html" leads to
// "chapter.md" when that file exists, as between the chapters of a book
// written for mdBook.
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
		p := path.Clean(path.Join(path.Dir(name), u.Path))
		if md, ok := markdownTwin(p); ok {
			if _, err := fs.Stat(sampleFS, path.Join("sample", md)); err == nil {
				p = md
			}
		}
		return BuiltinPrefix + p, anchor, true
	}
	p := filepath.FromSlash(u.Path)
	if !filepath.IsAbs(p) {
		p = filepath.Join(filepath.Dir(b.Path), p)
	}
	p = filepath.Clean(p)
	if md, ok := markdownTwin(p); ok {
		if info, err := os.Stat(md); err == nil && info.Mode().IsRegular() {
			p = md
		}
	}
	return p, anchor, true
}

// markdownTwin returns the markdown file an HTML file's name stands for:
// "ch04-01.html" is "ch04-01.md".
func markdownTwin(p string) (string, bool) {
	ext := path.Ext(p)
	if !strings.EqualFold(ext, ".html") && !strings.EqualFold(ext, ".htm") {
		return "", false
	}
	return strings.TrimSuffix(p, ext) + ".md", true
}
