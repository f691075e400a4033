package export

import (
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/internal/fidelity"
)

// TestHandoutPDF: a PDF handout of the samples and of Rust book chapters
// opens in poppler and has every word of the plain-text handout.
func TestHandoutPDF(t *testing.T) {
	var files []*briefings.Briefing
	for _, name := range []string{"ukraine-atacms-north-korea.md", "presenting-in-class.md", "getting-started.md"} {
		files = append(files, sample(t, name))
	}
	if dir := fidelity.SharedDir(); dir != "" {
		chapters := fidelity.RustBook(t)
		sort.Strings(chapters)
		for i := 0; i < len(chapters); i += 6 {
			data, err := os.ReadFile(chapters[i])
			if err != nil {
				t.Fatal(err)
			}
			b, err := briefings.Parse(chapters[i], data)
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, b)
		}
	}
	for _, b := range files {
		pdf, report, err := HandoutPDF(b, nil, PDFOptions{})
		if err != nil {
			t.Fatalf("%s: %v", b.RelPath, err)
		}
		pages := fidelity.PDFPages(t, pdf)
		if len(pages) != report.Pages || len(pages) == 0 {
			t.Errorf("%s: poppler reads %d pages, brief wrote %d", b.RelPath, len(pages), report.Pages)
		}
		text, _ := Text(b, nil, Options{Width: 1000})
		if lost := fidelity.Missing(fidelity.Words(string(text)), fidelity.Words(strings.Join(pages, "\n"))); len(lost) > 0 {
			t.Errorf("%s: the PDF lacks %d words of the text handout, such as %q", b.RelPath, len(lost), lost[:min(8, len(lost))])
		}
		if len(report.Missing) > 0 {
			t.Errorf("%s: characters not drawn: %q", b.RelPath, report.Missing)
		}
	}
}

// TestCommonMarkPDF: the PDF handout of every CommonMark example has the
// words of the reference HTML, in order. The examples are laid out in one
// PDF, each from a new page, so that poppler runs once.
func TestCommonMarkPDF(t *testing.T) {
	examples := fidelity.Spec(t)
	d, err := newPDFDoc(PDFOptions{})
	if err != nil {
		t.Fatal(err)
	}
	first := map[int]int{}
	titles := map[int]string{}
	for _, e := range examples {
		b, err := briefings.Parse("example.md", []byte(e.Markdown))
		if err != nil {
			t.Fatal(err)
		}
		first[e.Number], titles[e.Number] = len(d.pages), b.Title
		if err := layoutHandout(d, b, nil); err != nil {
			t.Fatalf("example %d: %v", e.Number, err)
		}
	}
	pdf, _, err := d.write("CommonMark", "", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	pages := fidelity.PDFPages(t, pdf)
	if len(pages) != len(d.pages) {
		t.Fatalf("poppler reads %d pages of %d", len(pages), len(d.pages))
	}
	ends := map[int]int{}
	for i, e := range examples {
		ends[e.Number] = len(d.pages)
		if i+1 < len(examples) {
			ends[e.Number] = first[examples[i+1].Number]
		}
	}
	// Examples with characters the Go fonts lack are drawn from installed
	// fonts, or as "?" when none has them; either way poppler's word finding
	// cannot be trusted there (a line of single letters in alternating
	// fonts reads as one word), so those are left out, and named.
	goFont := d.fonts.primary(textFont, regularStyle)
	var other []string
	fidelity.CheckExamples(t, func(e fidelity.Example) ([]string, string) {
		for _, r := range fidelity.HTMLText(e.HTML) {
			if r > ' ' && !goFont.covers(r) {
				other = append(other, fmt.Sprint(e.Number))
				return fidelity.Words(fidelity.HTMLText(e.HTML)), ""
			}
		}
		text := strings.Join(pages[first[e.Number]:ends[e.Number]], "\n")
		// Each page's footer repeats the title and numbers the page.
		var body []string
		for _, l := range strings.Split(text, "\n") {
			if !pageFooter.MatchString(l) {
				body = append(body, l)
			}
		}
		return fidelity.Words(strings.Join(body, "\n")), titles[e.Number]
	})
	t.Logf("examples with characters beyond the Go fonts, not checked: %s", strings.Join(other, " "))
}

// pageFooter is a handout page's footer as pdftotext lays it out.
var pageFooter = regexp.MustCompile(`\d+\s*/\s*\d+\s*$`)

func TestWrapCode(t *testing.T) {
	tests := []struct {
		line string
		cols int
		want []string
	}{
		{"short", 10, []string{"short"}},
		{"let x = some_function(argument)", 16, []string{"let x = some_", "  function(", "  argument)"}},
		{"../listings/ch03/no-listing-19-statements/src/main.rs", 24, []string{"../listings/ch03/no-", "  listing-19-statements/", "  src/main.rs"}},
		{"let x = some(arg) + other(more)", 20, []string{"let x = some(arg) +", "  other(more)"}},
		{"    aaaaaaaaaaaaaaaaaaaa", 10, []string{"    aaaaaa", "     aaaaa", "     aaaaa", "     aaaa"}},
	}
	for _, tt := range tests {
		if got := wrapCode(tt.line, tt.cols); fmt.Sprintf("%q", got) != fmt.Sprintf("%q", tt.want) {
			t.Errorf("wrapCode(%q, %d) = %q, want %q", tt.line, tt.cols, got, tt.want)
		}
	}
}
