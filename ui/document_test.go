package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/internal/render"
)

func testBriefing(t *testing.T, text string) *briefings.Briefing {
	t.Helper()
	b, err := briefings.Parse("test.md", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// sections builds a briefing with n sections of the given paragraphs each.
func sections(n, paragraphs int) string {
	var sb strings.Builder
	sb.WriteString("---\ntitle: Test\n---\nLead paragraph.\n\n")
	for i := range n {
		sb.WriteString("## Section " + string(rune('A'+i)) + "\n\n")
		for p := range paragraphs {
			sb.WriteString("Paragraph " + string(rune('a'+p)) + " of this section has some words in it.\n\n")
		}
	}
	return sb.String()
}

func renderAll(d *document) {
	done, _ := renderBlocks(d.briefing, d.renderer, d.renderOrder(0), time.Hour)
	d.apply(done)
}

func TestDocumentPositions(t *testing.T) {
	b := testBriefing(t, sections(5, 3))
	r, _ := render.New(render.StyleNoTTY, 60)
	d := newDocument(b, r)
	if d.complete() || len(d.blocks) != 6 {
		t.Fatalf("new document: complete=%v blocks=%d", d.complete(), len(d.blocks))
	}
	renderAll(d)
	if !d.complete() {
		t.Fatal("not complete after rendering every block")
	}
	for i := range b.Sections {
		start := d.sectionStart(sectionOf(i))
		_, plain := d.line(start)
		if !strings.Contains(plain, "## Section "+string(rune('A'+i))) {
			t.Errorf("section %d starts at line %d: %q", i, start, plain)
		}
		if got := d.sectionAt(start); got != sectionOf(i) {
			t.Errorf("sectionAt(%d) = %+v, want section %d", start, got, i)
		}
		if got := d.sectionAt(start - 1); got.domainIndex() != i-1 {
			t.Errorf("line before section %d belongs to %+v", i, got)
		}
	}
	for n := 0; n < d.total(); n++ {
		if got := d.abs(d.at(n)); got != n {
			t.Fatalf("abs(at(%d)) = %d", n, got)
		}
	}
	if d.at(-5) != (pos{0, 0}) || d.abs(d.at(d.total()+10)) != d.total()-1 {
		t.Error("positions outside the document are not clamped")
	}
}

func TestDocumentRendersNearestFirst(t *testing.T) {
	b := testBriefing(t, sections(9, 1))
	r, _ := render.New(render.StyleNoTTY, 60)
	d := newDocument(b, r)
	order := d.renderOrder(5)
	if order[0] != 5 || len(order) != 10 {
		t.Fatalf("order = %v", order)
	}
	for i := 1; i < len(order); i++ {
		if distance(order[i], 5) < distance(order[i-1], 5) {
			t.Fatalf("order %v is not nearest first", order)
		}
	}
	done, rest := renderBlocks(b, r, order[:3], time.Hour)
	if len(done) != 3 || len(rest) != 0 {
		t.Fatalf("rendered %d, rest %v", len(done), rest)
	}
	// A position inside a block survives the blocks above it changing
	// height from estimate to real.
	at := pos{block: 7, line: 1}
	d.apply(done)
	before := d.abs(at)
	done, _ = renderBlocks(b, r, d.renderOrder(0), time.Hour)
	d.apply(done)
	if got := d.at(d.abs(at)); got != at {
		t.Errorf("position moved: %v -> %v (line %d)", at, got, before)
	}
}

func TestDocumentFraction(t *testing.T) {
	b := testBriefing(t, sections(3, 6))
	r, _ := render.New(render.StyleNoTTY, 40)
	d := newDocument(b, r)
	renderAll(d)
	start := d.sectionStart(sectionOf(1))
	if f := d.fraction(start); f != 0 {
		t.Errorf("fraction at heading = %v", f)
	}
	for _, f := range []float64{0, 0.25, 0.5, 1} {
		line := d.lineAtFraction(2, f)
		if got := d.fraction(line); got < f-0.1 || got > f+0.1 {
			t.Errorf("fraction(lineAtFraction(%v)) = %v", f, got)
		}
	}
}
