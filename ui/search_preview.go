package ui

import (
	"container/list"
	"context"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/briefreader/brief/internal/render"
	"github.com/charmbracelet/x/ansi"
)

// The preview: on a terminal previewFrom columns wide or more, the selected
// hit's section is shown beside the list, rendered as the reader renders
// it, scrolled to the first match. The section's markdown comes from the
// index (no file is read), it is rendered off the UI goroutine, and the
// rendered lines are kept for the sections seen last.

// previewFrom is the narrowest terminal that shows the preview.
const previewFrom = 120

// previewCacheSize is how many rendered previews are kept.
const previewCacheSize = 48

// previewMaxBytes bounds the markdown rendered for one preview: a longer
// section is shown in part, around its first match.
const previewMaxBytes = 48 << 10

// previewKey names a rendered preview.
type previewKey struct {
	path, anchor, style string
	width               int
}

// previewed is a rendered preview.
type previewed struct {
	lines []string // styled
	plain []string // the same lines without styling
	err   string
	part  bool // a part of a long section
}

// previewPane holds the preview shown and the cache.
type previewPane struct {
	want      previewKey // the preview the selection asks for
	terms     []string   // the words to highlight and scroll to
	cache     map[previewKey]*list.Element
	order     *list.List // of previewEntry, most recent first
	renderers map[previewKey]*render.Renderer
	loading   bool
}

type previewEntry struct {
	key previewKey
	p   *previewed
}

func newPreviewPane() previewPane {
	return previewPane{cache: map[previewKey]*list.Element{}, order: list.New(), renderers: map[previewKey]*render.Renderer{}}
}

// previewMsg brings a rendered preview.
type previewMsg struct {
	key previewKey
	p   *previewed
}

func (pp *previewPane) get(k previewKey) (*previewed, bool) {
	el, ok := pp.cache[k]
	if !ok {
		return nil, false
	}
	pp.order.MoveToFront(el)
	return el.Value.(previewEntry).p, true
}

func (pp *previewPane) put(k previewKey, p *previewed) {
	if el, ok := pp.cache[k]; ok {
		el.Value = previewEntry{k, p}
		pp.order.MoveToFront(el)
		return
	}
	pp.cache[k] = pp.order.PushFront(previewEntry{k, p})
	for pp.order.Len() > previewCacheSize {
		last := pp.order.Back()
		delete(pp.cache, last.Value.(previewEntry).key)
		pp.order.Remove(last)
	}
}

// renderer returns the renderer of a style and width, made once.
func (pp *previewPane) renderer(style string, width int) (*render.Renderer, error) {
	k := previewKey{style: style, width: width}
	if r, ok := pp.renderers[k]; ok {
		return r, nil
	}
	r, err := render.New(style, width)
	if err != nil {
		return nil, err
	}
	pp.renderers[k] = r
	return r, nil
}

// previewing reports whether the screen is wide enough for the preview.
func (s *searcher) previewing() bool { return s.width >= previewFrom }

// listWidth is the width of the result list: all of the screen, or what
// the preview leaves.
func (s *searcher) listWidth() int {
	if !s.previewing() {
		return s.width
	}
	return s.width * 11 / 20
}

// previewWidth is the width the preview's text wraps at.
func (s *searcher) previewWidth() int {
	return max(s.width-s.listWidth()-3, 20)
}

// showPreview asks for the preview of the selected hit: at once from the
// cache, else rendered off the UI goroutine.
func (s *searcher) showPreview() tea.Cmd {
	h := s.selected()
	if !s.previewing() || h == nil || s.svc == nil {
		return nil
	}
	style := s.style
	if style == "" {
		style = render.StyleDark
	}
	k := previewKey{path: h.Path, anchor: h.Anchor, style: style, width: s.previewWidth()}
	s.preview.want, s.preview.terms = k, h.Terms
	if _, ok := s.preview.get(k); ok {
		s.preview.loading = false
		return nil
	}
	s.preview.loading = true
	r, err := s.preview.renderer(style, k.width)
	if err != nil {
		s.preview.put(k, &previewed{err: "The preview cannot be rendered: " + firstLine(err.Error())})
		return nil
	}
	svc, terms := s.svc, h.Terms
	return func() tea.Msg {
		return previewMsg{key: k, p: renderPreview(svc, r, k, terms)}
	}
}

// renderPreview fetches a section and renders it.
func renderPreview(svc SearchService, r *render.Renderer, k previewKey, terms []string) *previewed {
	src, err := svc.Section(context.Background(), k.path, k.anchor)
	if err != nil {
		return &previewed{err: "No preview: " + firstLine(err.Error())}
	}
	md, part := previewMarkdown(src.Markdown, terms)
	p := &previewed{part: part}
	p.lines = r.Markdown(md, src.Depth, src.Refs)
	p.plain = make([]string, len(p.lines))
	for i, l := range p.lines {
		p.plain[i] = ansi.Strip(l)
	}
	return p
}

// previewMarkdown returns the markdown to render for a section: all of it,
// or for a long one, its heading and a part around the first match, cut
// at paragraph breaks.
func previewMarkdown(md string, terms []string) (string, bool) {
	if len(md) <= previewMaxBytes {
		return md, false
	}
	heading, _, _ := strings.Cut(md, "\n")
	at := -1
	if m := termsMatcher(terms); m != nil {
		if found := m(md); len(found) > 0 {
			at = found[0][0]
		}
	}
	start := max(at-previewMaxBytes/4, 0)
	if i := strings.LastIndex(md[:start], "\n\n"); i >= 0 {
		start = i + 2
	}
	end := min(start+previewMaxBytes, len(md))
	if i := strings.LastIndex(md[start:end], "\n\n"); i > 0 {
		end = start + i
	}
	if start == 0 {
		return md[:end], true
	}
	return heading + "\n\n" + md[start:end], true
}

// previewArrived keeps a rendered preview.
func (s *searcher) previewArrived(msg previewMsg) tea.Cmd {
	s.preview.put(msg.key, msg.p)
	if msg.key == s.preview.want {
		s.preview.loading = false
	}
	return nil
}

// previewLines draws the preview in width cells and height lines: where
// the section is, then its text from just above the first match, with the
// matched words highlighted.
func (s *searcher) previewLines(width, height int) []string {
	h := s.selected()
	if h == nil {
		return nil
	}
	place := render.Plain(h.Title)
	if h.Heading != "" {
		place += " › " + render.Plain(h.Heading)
	}
	lines := []string{s.st.title.Render(ansi.Truncate(place, width, "…"))}
	p, ok := s.preview.get(s.preview.want)
	switch {
	case !ok || s.preview.want.path != h.Path || s.preview.want.anchor != h.Anchor:
		return append(lines, s.st.subtle.Render("…"))
	case p.err != "":
		return append(lines, s.st.warning.Render(ansi.Truncate(cleanMessage(p.err), width, "…")))
	}
	m := termsMatcher(s.preview.terms)
	top := 0
	if m != nil {
		for i, l := range p.plain {
			if len(m(l)) > 0 {
				top = max(i-2, 0)
				break
			}
		}
	}
	if p.part {
		lines = append(lines, s.st.subtle.Render(ansi.Truncate("(part of a long section, around the first match)", width, "…")))
	}
	i := top
	for ; i < len(p.lines) && len(lines) < height; i++ {
		lines = append(lines, ansi.Truncate(highlightTerms(p.lines[i], p.plain[i], m, s.st.match), width, ""))
	}
	if i < len(p.lines) && len(lines) == height {
		lines[height-1] = s.st.subtle.Render("… enter reads all of it")
	}
	return lines
}

// highlightTerms styles the matches of m on a rendered line.
func highlightTerms(styled, plain string, m matcher, style lipgloss.Style) string {
	if m == nil {
		return styled
	}
	var ranges []lipgloss.Range
	for _, r := range m(plain) {
		start := ansi.StringWidth(plain[:r[0]])
		ranges = append(ranges, lipgloss.NewRange(start, start+ansi.StringWidth(plain[r[0]:r[1]]), style))
	}
	if len(ranges) == 0 {
		return styled
	}
	return lipgloss.StyleRanges(styled, ranges...)
}
