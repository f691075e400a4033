package ui

import (
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/internal/export"
	"github.com/briefreader/brief/internal/fidelity"
	"github.com/charmbracelet/x/ansi"
)

// slideWords are the words a slide shows: its title and its text.
func slideWords(s export.Slide) []string {
	text := strings.Join(s.Title, " ") + " " + s.Continued + " " + ansi.Strip(strings.Join(s.Lines, "\n"))
	return fidelity.Words(text)
}

// checkSlidesPDF makes the PDF of a deck and checks it with poppler: one
// page per slide, each with the words of its slide.
func checkSlidesPDF(t *testing.T, name string, deck export.SlideDeck) {
	t.Helper()
	pdf, report, err := export.SlidesPDF(deck, export.PDFOptions{})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	pages := fidelity.PDFPages(t, pdf)
	if len(pages) != len(deck.Slides) || report.Pages != len(deck.Slides) {
		t.Fatalf("%s: %d slides, %d PDF pages (report says %d)", name, len(deck.Slides), len(pages), report.Pages)
	}
	for i, s := range deck.Slides {
		if lost := fidelity.Missing(slideWords(s), fidelity.Words(pages[i])); len(lost) > 0 {
			t.Errorf("%s: page %d (%s) lacks %d words of its slide, such as %q", name, i+1, s.Heading, len(lost), lost[:min(len(lost), 8)])
		}
	}
}

// TestPrintSlidesPDF: the sample briefings and the Rust book's chapters as
// slides in a PDF that poppler opens: a page per slide, and each page has
// the words of its slide.
func TestPrintSlidesPDF(t *testing.T) {
	for _, q := range []string{"ukraine", "presenting", "getting started"} {
		b := sampleBriefing(t, q)
		deck, err := PrintSlides(b, PrintOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if len(deck.Slides) < len(b.Sections) {
			t.Errorf("%s: %d slides for %d sections", q, len(deck.Slides), len(b.Sections))
		}
		checkSlidesPDF(t, q, deck)
	}
	// Drawn by poppler too, page for page.
	deck, _ := PrintSlides(sampleBriefing(t, "ukraine"), PrintOptions{})
	pdf, _, _ := export.SlidesPDF(deck, export.PDFOptions{Notes: true})
	if n := fidelity.PDFImages(t, pdf); n != len(deck.Slides) {
		t.Errorf("pdftoppm drew %d pages of %d slides with notes", n, len(deck.Slides))
	}
	// Real material: every fourth chapter of the Rust book.
	chapters := fidelity.RustBook(t)
	sort.Strings(chapters)
	for i := 0; i < len(chapters); i += 4 {
		b := parseFile(t, chapters[i])
		deck, err := PrintSlides(b, PrintOptions{})
		if err != nil {
			t.Fatal(err)
		}
		checkSlidesPDF(t, b.RelPath, deck)
	}
}

func parseFile(t testing.TB, path string) *briefings.Briefing {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b, err := briefings.Parse(path, data)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestPrintSlidesSections: --section prints those sections with their
// subsections and no title slide; notes and steps come whole.
func TestPrintSlidesSections(t *testing.T) {
	b := parseTalk(t, stepsTalk)
	deck, err := PrintSlides(b, PrintOptions{Sections: []int{1}})
	if err != nil {
		t.Fatal(err)
	}
	if len(deck.Slides) != 1 || deck.Slides[0].Heading != "Reasons" || deck.Slides[0].Counter != "§2/4 · 1/1" {
		t.Fatalf("slides %+v", deck.Slides)
	}
	text := ansi.Strip(strings.Join(deck.Slides[0].Lines, "\n"))
	if !strings.Contains(text, "third reason") || len(deck.Slides[0].Notes) != 1 {
		t.Errorf("a printed slide shows every step and its notes:\n%s\nnotes %q", text, deck.Slides[0].Notes)
	}
	if deck.Slides[0].Title[0] != "Reasons" {
		t.Errorf("title rows %q", deck.Slides[0].Title)
	}
	if _, err := PrintSlides(b, PrintOptions{Sections: []int{9}}); err == nil {
		t.Error("a section that does not exist is not an error")
	}
	all, _ := PrintSlides(b, PrintOptions{})
	if all.Slides[0].Counter != "title · 1/1" || len(all.Slides) != 5 {
		t.Errorf("the whole briefing: %d slides, first %q", len(all.Slides), all.Slides[0].Counter)
	}
}

// fiftySections is a briefing of 50 sections of real text: the Rust
// book's chapters one after another, cut after the fiftieth heading.
func fiftySections(b *testing.B) *briefings.Briefing {
	chapters := fidelity.RustBook(b)
	sort.Strings(chapters)
	var text strings.Builder
	for _, path := range chapters {
		if strings.HasSuffix(path, "SUMMARY.md") {
			continue
		}
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		text.Write(data)
		text.WriteString("\n\n")
		br, err := briefings.Parse("book.md", []byte(text.String()))
		if err != nil {
			b.Fatal(err)
		}
		if len(br.Sections) > 50 {
			br, _ = briefings.Parse("book.md", []byte(br.Text[:br.Sections[50].Start]))
			return br
		}
	}
	b.Skip("the Rust book has fewer than 50 sections")
	return nil
}

// BenchmarkSlidesPDF50Sections exports the slides of a 50-section
// briefing to PDF, as brief export --slides does: pagination, rendering
// and the PDF.
func BenchmarkSlidesPDF50Sections(b *testing.B) {
	br := fiftySections(b)
	pages := 0
	for b.Loop() {
		deck, err := PrintSlides(br, PrintOptions{})
		if err != nil {
			b.Fatal(err)
		}
		_, report, err := export.SlidesPDF(deck, export.PDFOptions{})
		if err != nil {
			b.Fatal(err)
		}
		pages = report.Pages
	}
	b.ReportMetric(float64(len(br.Sections)), "sections")
	b.ReportMetric(float64(pages), "pages")
}
