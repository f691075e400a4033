package export

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefreader/brief/internal/fidelity"
)

// TestSlidesPDFNeverCuts: lines wider than the grid wrap, and a slide that
// then does not fit its page goes on over more pages with every word.
func TestSlidesPDFNeverCuts(t *testing.T) {
	long := "\x1b[1mcode\x1b[m " + strings.Repeat("segment ", 40) + "end"
	var lines []string
	for range 20 {
		lines = append(lines, long)
	}
	deck := SlideDeck{Title: "Long", Columns: 60, Rows: 20, Slides: []Slide{
		{Heading: "Wide", Title: []string{"Wide"}, Lines: lines, Counter: "§1/1 · 1/1"},
		{Heading: "Short", Title: []string{"Short"}, Lines: []string{"one line"}, Counter: "§2/2 · 1/1"},
	}}
	pdf, report, err := SlidesPDF(deck, PDFOptions{})
	if err != nil {
		t.Fatal(err)
	}
	pages := fidelity.PDFPages(t, pdf)
	// 20 lines of 327 columns are 6 rows each at 60 columns: 120 rows, and
	// a page holds 14 under the title, 15 after.
	if len(pages) != report.Pages || len(pages) < 8 {
		t.Fatalf("%d pages (report %d) for a slide of 120 rows", len(pages), report.Pages)
	}
	var got []string
	for _, p := range pages[:len(pages)-1] {
		got = append(got, fidelity.Words(p)...)
	}
	want := fidelity.Words(strings.Repeat(strings.Repeat("segment ", 40)+"end ", 20))
	if lost := fidelity.Missing(want, got); len(lost) > 0 {
		t.Errorf("%d words cut off, such as %q", len(lost), lost[:min(5, len(lost))])
	}
	if !strings.Contains(pages[1], "Wide (cont.)") || !strings.Contains(pages[len(pages)-1], "one line") {
		t.Errorf("continuation or next slide missing:\n%s\n---\n%s", pages[1], pages[len(pages)-1])
	}
}

// TestPDFFonts: accented Latin, Greek and Cyrillic come from the embedded
// fonts; Chinese from an installed font when there is one; and what no
// font has is named, not silently dropped.
func TestPDFFonts(t *testing.T) {
	text := "Ελληνικά, Русский, Čeština, Français, Ærøskøbing"
	deck := SlideDeck{Title: "Fonts", Columns: 60, Rows: 12, Slides: []Slide{{Heading: "Fonts", Title: []string{"Fonts"}, Lines: []string{text}}}}
	pdf, report, err := SlidesPDF(deck, PDFOptions{FontDirs: []string{}})
	if err != nil {
		t.Fatal(err)
	}
	if len(report.Missing) != 0 {
		t.Errorf("the Go fonts lack %q", report.Missing)
	}
	if pages := fidelity.PDFPages(t, pdf); !strings.Contains(pages[0], text) {
		t.Errorf("poppler reads:\n%s", pages[0])
	}

	cjk := "中文 日本語 한국어"
	deck.Slides[0].Lines = []string{cjk + " ✓"}
	_, report, err = SlidesPDF(deck, PDFOptions{FontDirs: []string{}})
	if err != nil {
		t.Fatal(err)
	}
	if got := string(report.Missing); !strings.Contains(got, "中") || !strings.Contains(got, "✓") {
		t.Errorf("missing %q", got)
	}
	if msg := report.MissingText(); !strings.Contains(msg, "中 (U+4E2D)") || !strings.Contains(msg, `show as "?"`) {
		t.Errorf("message %q", msg)
	}

	// With an installed font that has them, they are drawn.
	dir := t.TempDir()
	for _, font := range []string{"/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"} {
		if data, err := os.ReadFile(font); err == nil {
			_ = os.WriteFile(filepath.Join(dir, filepath.Base(font)), data, 0o644)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "DroidSansFallbackFull.ttf")); err != nil {
		t.Skip("no CJK font installed (Debian: fonts-droid-fallback): Chinese is not checked")
	}
	pdf, report, err = SlidesPDF(deck, PDFOptions{FontDirs: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(string(report.Missing), "中文日本語✓") {
		t.Errorf("with installed fonts, still missing %q", report.Missing)
	}
	page := fidelity.PDFPages(t, pdf)[0]
	for _, w := range []string{"中文", "日本語"} {
		if !strings.Contains(page, w) {
			t.Errorf("poppler does not read %q in:\n%s", w, page)
		}
	}
}
