package render

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/internal/fidelity"
	"github.com/charmbracelet/x/ansi"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

// The words of a file can all be on screen while its code is not: lines
// run together ("- a" and "b" shown as "- a b") or broken apart. These
// tests hold every line of every code block that fits the width to be a
// line of its own on screen, in order; goldmark, the oracle, finds the
// code blocks.

// TestRustBookCodeBlocksKeepTheirLines checks the Rust book's chapters.
func TestRustBookCodeBlocksKeepTheirLines(t *testing.T) {
	r, err := New(StyleNoTTY, 100)
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, f := range fidelity.RustBook(t) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		checked += checkCodeLines(t, r, filepath.Base(f), data)
	}
	t.Logf("%d code lines checked", checked)
}

// TestCommonMarkCodeBlocksKeepTheirLines checks the CommonMark examples,
// in every style, at two widths.
func TestCommonMarkCodeBlocksKeepTheirLines(t *testing.T) {
	examples := fidelity.Spec(t)
	for _, style := range []string{StyleNoTTY, StyleDark, StyleASCII} {
		for _, width := range []int{100, 60} {
			r, err := New(style, width)
			if err != nil {
				t.Fatal(err)
			}
			checked := 0
			for _, e := range examples {
				checked += checkCodeLines(t, r, fmt.Sprintf("%s-%d example %d", style, width, e.Number), []byte(e.Markdown))
			}
			if checked == 0 {
				t.Fatalf("%s-%d: no code line checked", style, width)
			}
		}
	}
}

// gmOracle parses markdown as GitHub does.
var gmOracle = goldmark.New(goldmark.WithExtensions(extension.GFM))

// checkCodeLines renders data as `brief show` does and reports each code
// line (of those that fit the width) that is not a line of its own on
// screen, after the lines of the code before it. It returns the number of
// lines checked.
func checkCodeLines(t *testing.T, r *Renderer, name string, data []byte) int {
	t.Helper()
	b, err := briefings.Parse("example.md", data)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var shown []string
	for _, line := range r.Document(b) {
		shown = append(shown, codeLine(ansi.Strip(line)))
	}
	checked, at := 0, 0 // at: where in shown the next code line is looked for
	doc := gmOracle.Parser().Parse(text.NewReader(data))
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || (n.Kind() != ast.KindFencedCodeBlock && n.Kind() != ast.KindCodeBlock) {
			return ast.WalkContinue, nil
		}
		for i := 0; i < n.Lines().Len(); i++ {
			seg := n.Lines().At(i)
			raw := strings.TrimRight(strings.ReplaceAll(string(seg.Value(data)), "\t", "    "), "\n")
			want := codeLine(raw)
			if want == "" || ansi.StringWidth(raw) > r.Width()-12 || !printable(want) {
				continue // blank, wrapped on screen (code is indented, in a quote more), or cleaned
			}
			checked++
			found := -1
			for j := at; j < len(shown); j++ {
				if shown[j] == want {
					found = j
					break
				}
			}
			if found < 0 {
				t.Errorf("%s: code line %q is not a line of its own on screen (after line %d):\n%s",
					name, want, at, strings.Join(shown, "\n"))
				return ast.WalkStop, nil
			}
			at = found + 1
		}
		return ast.WalkSkipChildren, nil
	})
	return checked
}

// codeLine is a line as the tests compare it: without the spaces around it
// and without a quote's bar ("| " or "│ ") before it.
func codeLine(s string) string {
	return strings.TrimSpace(strings.TrimLeft(s, " |│"))
}

// printable reports whether s has only characters brief shows as they are
// (it replaces control characters and the like).
func printable(s string) bool {
	for _, r := range s {
		if r < ' ' || r == 0x7f || r == '\ufffd' {
			return false
		}
	}
	return true
}
