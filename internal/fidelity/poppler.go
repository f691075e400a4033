package fidelity

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// PDFSkipper is the part of testing.TB the poppler helpers need.
type PDFSkipper interface {
	Skipper
	TempDir() string
}

// PDFPages returns the text of each page of a PDF as poppler's pdftotext
// reads it in layout mode (which keeps a hyphen that ends a line rather
// than joining the words), or skips the test when pdftotext is not
// installed (Debian: poppler-utils); a PDF poppler cannot read fails it.
func PDFPages(t PDFSkipper, pdf []byte) []string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed (Debian: poppler-utils): the PDF is not checked")
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", path, "-").CombinedOutput()
	if err != nil {
		t.Fatal(fmt.Sprintf("pdftotext cannot read the PDF: %v\n%s", err, out))
	}
	pages := strings.Split(string(out), "\f")
	if n := len(pages); n > 0 && strings.TrimSpace(pages[n-1]) == "" {
		pages = pages[:n-1]
	}
	return pages
}

// PDFImages renders every page of a PDF with poppler's pdftoppm at a low
// resolution and returns how many images it made, or skips the test when
// pdftoppm is not installed; a PDF poppler cannot draw fails it.
func PDFImages(t PDFSkipper, pdf []byte) int {
	t.Helper()
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Skip("pdftoppm is not installed (Debian: poppler-utils): the PDF is not drawn")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftoppm", "-r", "20", "-png", path, filepath.Join(dir, "page")).CombinedOutput()
	if err != nil || len(strings.TrimSpace(string(out))) > 0 {
		t.Fatal(fmt.Sprintf("pdftoppm cannot draw the PDF: %v\n%s", err, out))
	}
	images, _ := filepath.Glob(filepath.Join(dir, "page*.png"))
	return len(images)
}
