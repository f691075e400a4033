package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefreader/brief/briefings"
	"github.com/charmbracelet/x/exp/golden"
)

// TestGoldenRustBook pages through two chapters of the Rust book in the
// reader at 80 and 120 columns and compares every screen with the golden
// file: real text nobody here wrote, with inline code, emphasis and links
// that start hard-wrapped lines, reference links, tables and superscripts.
// Screens are compared without styling, so that the files read as text.
func TestGoldenRustBook(t *testing.T) {
	for _, name := range []string{"ch03-02-data-types.md", "ch04-03-slices.md"} {
		data, err := os.ReadFile(filepath.Join("testdata", "rust-book", name))
		if err != nil {
			t.Fatal(err)
		}
		b, err := briefings.Parse(name, data)
		if err != nil {
			t.Fatal(err)
		}
		for _, size := range [][2]int{{80, 24}, {120, 40}} {
			t.Run(fmt.Sprintf("%s-%dx%d", strings.TrimSuffix(name, ".md"), size[0], size[1]), func(t *testing.T) {
				r := openReader(t, b, nil, size[0], size[1])
				var screens []string
				for n := 1; ; n++ {
					screens = append(screens, fmt.Sprintf("--- screen %d ---\n%s", n, plainView(r)))
					if r.top >= r.maxTop() || n > 200 {
						break
					}
					press(r, "pgdown")
				}
				golden.RequireEqual(t, strings.Join(screens, "\n")+"\n")
			})
		}
	}
}
