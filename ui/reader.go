package ui

import (
	"fmt"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/internal/render"
	"github.com/briefreader/brief/internal/state"
)

// renderBudget is how long one render step may run before the UI gets a
// chance to draw; the rest is rendered in later steps.
const renderBudget = 40 * time.Millisecond

// tocMinWidth is the narrowest terminal that shows the table of contents
// beside the text; narrower ones show it over the text.
const tocMinWidth = 90

// reader shows one briefing.
type reader struct {
	keys  readerKeys
	st    *styles
	store *state.Store
	b     *briefings.Briefing

	style    string // concrete glamour style
	maxWidth int    // cap on the text width
	width    int
	height   int

	docs map[docKey]*document
	doc  *document  // shown
	next *document  // rendering for a new size; shown once ready
	top  int        // first line shown
	pin  sectionRef // section made current by a jump, until the next scroll; keepPlace if none
	want *target    // where to go once that part is rendered

	toc       toc
	find      finder
	input     textinput.Model
	finding   bool
	marks     *bookmarkList
	links     *linkList
	help      *helpScreen
	message   string
	highlight []string // search terms to highlight on open
	hl        *readerHighlights
	moved     bool   // moved since it opened or its position was saved
	number    string // digits typed for a section number, while more may come
	offered   string // the briefing a ] at the end offered, opened by another ]
}

type docKey struct {
	width int
	style string
}

// target is a place to scroll to: a section (or the lead) and how far
// into it.
type target struct {
	section  sectionRef
	fraction float64
}

// renderedMsg carries blocks rendered off the UI goroutine.
type renderedMsg struct {
	doc  *document
	done map[int][]string
	rest []int
}

func newReader(b *briefings.Briefing, st *styles, store *state.Store, style string, maxWidth int) *reader {
	r := &reader{
		keys: newReaderKeys(), st: st, store: store, b: b,
		style: style, maxWidth: maxWidth, pin: keepPlace,
		docs: make(map[docKey]*document),
		toc:  toc{keys: newTOCKeys(), visible: true},
	}
	r.hl = newReaderHighlights(nil, b) // the app gives it the store (newReaderFor)
	r.input = newInput("/", "find in this briefing")
	r.find.current = -1
	r.want = &target{section: leadRef}
	if store != nil {
		if p, ok := store.Position(b.Path); ok {
			if s, ok := anchorRef(b, p.Anchor); ok {
				r.want = &target{section: s, fraction: p.Fraction}
			}
		}
	}
	return r
}

// openAt makes the reader go to a section, with words highlighted (the
// first one after the section's start is brought into view).
func (r *reader) openAt(section sectionRef, terms []string) {
	r.want = &target{section: section}
	r.pin = section
	r.moved = true // a hit, a link, the presenter: a place the user chose
	r.find = finder{current: -1}
	r.highlight = nil
	if len(terms) > 0 {
		r.highlight = terms
		r.find.match = termsMatcher(terms)
		r.find.hit = true
	}
	if r.doc != nil {
		r.afterLayoutChange()
	}
}

// layout works out the text column for the current size.
func (r *reader) layout() (tocWidth, textWidth, bodyHeight int) {
	bodyHeight = max(r.height-1, 1)
	if r.finding || r.message != "" || r.hl.editing() {
		bodyHeight = max(bodyHeight-1, 1)
	}
	avail := r.width
	if r.tocPane() {
		tocWidth = min(36, r.width/4)
		avail -= tocWidth + 3
	}
	return tocWidth, max(min(r.maxWidth, avail), 20), bodyHeight
}

// tocPane reports whether the contents sit beside the text; on a narrow
// terminal they cover the text, and only while they have the focus.
func (r *reader) tocPane() bool {
	return r.toc.visible && r.width >= tocMinWidth && len(r.b.Sections) > 0
}

// tocOverlay reports whether the contents cover the text.
func (r *reader) tocOverlay() bool {
	return r.toc.focused && r.width < tocMinWidth && len(r.b.Sections) > 0
}

// setSize adapts to a new terminal size, rendering for the new width in the
// background while the old frame stays up.
func (r *reader) setSize(width, height int) tea.Cmd {
	r.width, r.height = width, height
	r.input.SetWidth(max(width-20, 10))
	return r.ensureDocument()
}

// setStyle switches the glamour style (after the terminal reported its
// background colour).
// setStyles changes the styles of the screen and the glamour style of
// the text (once the terminal's background is known).
func (r *reader) setStyles(st *styles, style string) tea.Cmd {
	r.st = st
	r.style = style
	return r.ensureDocument()
}

// notify shows a message from the app in the status line.
func (r *reader) notify(text string) { r.message = text }

// typing reports whether a text input has the keys.
func (r *reader) typing() bool { return r.finding || r.hl.editing() }

// offer names the briefing that comes next in reading order: another ]
// opens it.
func (r *reader) offer(next briefings.Entry) {
	r.offered = next.Path
	r.status("End of this briefing. ] again reads the next: “%s”.", next.Title)
}

// keepHighlights shows and keeps the briefing's highlights in a store.
func (r *reader) keepHighlights(store *state.HighlightStore) {
	r.hl = newReaderHighlights(store, r.b)
}

// showHighlight brings a highlight into view.
func (r *reader) showHighlight(id string) { r.hl.show(r, id) }

// returnTo goes back to a place the reader left (by following a link).
func (r *reader) returnTo(at target) {
	r.want = &at
	r.pin = at.section
}

func (r *reader) ensureDocument() tea.Cmd {
	if r.width == 0 {
		return nil // render only after the first window size
	}
	_, textWidth, _ := r.layout()
	k := docKey{textWidth, r.style}
	if r.doc != nil && r.docKey(r.doc) == k {
		r.next = nil
		return nil
	}
	if d, ok := r.docs[k]; ok {
		r.switchTo(d)
		return nil
	}
	renderer, err := render.New(r.style, textWidth)
	if err != nil {
		r.message = err.Error()
		renderer, _ = render.New(render.StyleNoTTY, textWidth)
	}
	d := newDocument(r.b, renderer)
	r.docs[k] = d
	r.evict()
	near := r.targetSection().block()
	if r.doc == nil {
		r.doc = d
	} else {
		r.next = d
	}
	return renderStep(d, d.renderOrder(near))
}

func (r *reader) docKey(d *document) docKey {
	return docKey{d.renderer.Width(), d.renderer.Style()}
}

// evict keeps the cache to the shown, pending and one spare document.
func (r *reader) evict() {
	for k, d := range r.docs {
		if len(r.docs) <= 3 {
			return
		}
		if d != r.doc && d != r.next {
			delete(r.docs, k)
		}
	}
}

// renderStep renders the next few blocks off the UI goroutine.
func renderStep(d *document, order []int) tea.Cmd {
	if len(order) == 0 {
		return nil
	}
	b, renderer := d.briefing, d.renderer
	return func() tea.Msg {
		done, rest := renderBlocks(b, renderer, order, renderBudget)
		return renderedMsg{doc: d, done: done, rest: rest}
	}
}

// targetSection is the section to render first: where the reader wants to
// go, or is.
func (r *reader) targetSection() sectionRef {
	if r.want != nil {
		return r.want.section
	}
	return r.at()
}

// rendered applies a render step and schedules the next.
func (r *reader) rendered(msg renderedMsg) tea.Cmd {
	if r.docs[r.docKey(msg.doc)] != msg.doc {
		return nil // evicted: drop it
	}
	if msg.doc == r.doc {
		at := r.doc.at(r.top)
		r.doc.apply(msg.done)
		r.top = r.doc.abs(at)
		r.afterLayoutChange()
	} else {
		msg.doc.apply(msg.done)
	}
	if r.next == msg.doc {
		t := r.position()
		if msg.doc.blocks[t.section.block()].rendered {
			r.switchTo(msg.doc)
		}
	}
	return renderStep(msg.doc, msg.rest)
}

// afterLayoutChange moves to a wanted position once it is rendered and
// refreshes find matches.
func (r *reader) afterLayoutChange() {
	if w := r.want; w != nil && r.doc.blocks[w.section.block()].rendered {
		r.want = nil
		r.top = r.clampTop(r.doc.lineAtFraction(w.section.block(), w.fraction))
		if r.doc.sectionAt(r.top) != w.section && len(r.doc.blocks[w.section.block()].lines) > 0 {
			r.pin = w.section // the end of the text: it cannot scroll to the top
		} else if r.pin == w.section {
			r.pin = keepPlace // an empty lead: the top is the first section
		}
	}
	r.hl.settle(r)
	if r.find.match != nil {
		r.find.search(r.doc)
		if r.highlight != nil && r.want == nil && r.doc.complete() {
			r.highlight = nil
			if m, ok := r.find.nearest(r.top); ok {
				r.ensureVisible(m.line)
			}
		}
	}
}

// switchTo shows another document (another width or style) at the same
// place in the text.
func (r *reader) switchTo(d *document) {
	t := r.position()
	r.doc, r.next = d, nil
	r.top = r.clampTop(d.lineAtFraction(t.section.block(), t.fraction))
	if r.want == nil && !d.blocks[t.section.block()].rendered {
		r.want = &t
	}
	r.afterLayoutChange()
}

// replace shows a new version of the briefing (reloaded from disk) at the
// same section.
func (r *reader) replace(b *briefings.Briefing) tea.Cmd {
	t := r.position()
	anchor := t.section.anchor(r.b)
	r.b = b
	r.hl.reload(b)
	r.docs = make(map[docKey]*document)
	r.doc, r.next = nil, nil
	section, ok := anchorRef(b, anchor)
	if !ok {
		section = t.section.clampTo(len(b.Sections))
	}
	r.want = &target{section: section, fraction: t.fraction}
	if !r.pin.keep() {
		r.pin = section
	}
	r.toc.cursor = min(r.toc.cursor, max(len(b.Sections)-1, 0))
	return r.ensureDocument()
}

func (r *reader) status(format string, args ...any) {
	r.message = fmt.Sprintf(format, args...)
}

// sectionMarkdown is what y copies: the current section with its
// subsections, or the lead.
func (r *reader) sectionMarkdown() (string, string) {
	s, ok := r.at().index()
	if !ok {
		return r.b.Lead, r.b.Title
	}
	return r.b.Subtree(s), r.b.Sections[s].Heading
}

func (r *reader) bookmarked() map[string]bool {
	out := make(map[string]bool)
	if r.store != nil {
		for _, a := range r.store.Bookmarks(r.b.Path) {
			out[a] = true
		}
	}
	return out
}

// matches reports whether a key press is one of the bindings.
func matches(msg tea.KeyPressMsg, bindings ...key.Binding) bool {
	return key.Matches(msg, bindings...)
}
