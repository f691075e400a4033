package export

import (
	"bytes"
	"encoding/base64"
	"html"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/briefreader/brief/briefings"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"

	"github.com/briefreader/brief/internal/regular"
)

// Limits on embedded images, so that a handout stays a handout.
const (
	maxImageSize   = 5 << 20
	maxEmbeddedAll = 25 << 20
)

// imageRenderer writes images so that the page loads nothing: a local
// image inside the briefing's folder is embedded as data, a web image
// becomes a link to it, and anything else becomes its description.
type imageRenderer struct {
	// dir is the briefing's folder, or "" when it has none on disk.
	dir      string
	embedded int
}

// RegisterFuncs implements renderer.NodeRenderer.
func (r *imageRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindImage, r.render)
}

func (r *imageRenderer) render(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Image)
	alt := plainText(n, src)
	dest := string(n.Destination)
	label := "Image"
	if alt != "" {
		label += ": " + alt
	}
	switch briefings.URLKindOf(dest) {
	case briefings.WebURL:
		_, _ = w.WriteString(`<a class="image" href="` + html.EscapeString(string(util.URLEscape(n.Destination, true))) + `">[` +
			html.EscapeString(label) + `]</a>`)
		return ast.WalkSkipChildren, nil
	case briefings.RelativeURL:
		if data, mime := r.load(dest); data != nil {
			_, _ = w.WriteString(`<img src="data:` + mime + `;base64,`)
			_, _ = w.WriteString(base64.StdEncoding.EncodeToString(data))
			_, _ = w.WriteString(`" alt="` + html.EscapeString(alt) + `"`)
			if n.Title != nil {
				_, _ = w.WriteString(` title="` + html.EscapeString(plainBytes(n.Title)) + `"`)
			}
			_, _ = w.WriteString(">")
			return ast.WalkSkipChildren, nil
		}
	}
	_, _ = w.WriteString(`<span class="image">[` + html.EscapeString(label) + `]</span>`)
	return ast.WalkSkipChildren, nil
}

// plainBytes resolves references and escapes in a title.
func plainBytes(b []byte) string {
	b = util.UnescapePunctuations(util.ResolveEntityNames(util.ResolveNumericReferences(b)))
	return briefings.SanitizeString(string(b))
}

// imageDir returns the folder a briefing's relative images are read from:
// its own folder, or "" for the built-in library.
func imageDir(b *briefings.Briefing) string {
	if b.Embedded() || !filepath.IsAbs(b.Path) {
		return ""
	}
	return filepath.Dir(b.Path)
}

// load reads a relative image for embedding. It refuses files outside the
// briefing's folder (a briefing from elsewhere must not copy your files
// into a handout), files that are not PNG, JPEG, GIF or WebP, and files
// over the size limits.
func (r *imageRenderer) load(dest string) (data []byte, mime string) {
	if r.dir == "" {
		return nil, ""
	}
	u, err := url.Parse(strings.TrimSpace(dest))
	if err != nil || u.Scheme != "" || u.Host != "" || u.Path == "" {
		return nil, ""
	}
	root, err := filepath.EvalSymlinks(r.dir)
	if err != nil {
		return nil, ""
	}
	path, err := filepath.EvalSymlinks(filepath.Join(r.dir, filepath.FromSlash(u.Path)))
	if err != nil {
		return nil, ""
	}
	if rel, err := filepath.Rel(root, path); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return nil, ""
	}
	f, err := regular.Open(path) // never blocks on a FIFO
	if err != nil {
		return nil, ""
	}
	defer f.Close()
	if info, err := f.Stat(); err != nil || !info.Mode().IsRegular() || info.Size() > maxImageSize ||
		r.embedded+int(info.Size()) > maxEmbeddedAll {
		return nil, ""
	}
	data, err = io.ReadAll(io.LimitReader(f, maxImageSize+1))
	if err != nil || len(data) > maxImageSize {
		return nil, ""
	}
	if mime = sniffImage(data); mime == "" {
		return nil, ""
	}
	r.embedded += len(data)
	return data, mime
}

// sniffImage names the type of a raster image from its first bytes, or
// returns "". SVG is not accepted: it can carry scripts.
func sniffImage(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return "image/png"
	case bytes.HasPrefix(data, []byte("\xff\xd8\xff")):
		return "image/jpeg"
	case bytes.HasPrefix(data, []byte("GIF87a")), bytes.HasPrefix(data, []byte("GIF89a")):
		return "image/gif"
	case len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP":
		return "image/webp"
	}
	return ""
}
