package render

import (
	"fmt"
	"strings"
	"testing"

	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/internal/fidelity"
)

// TestCommonMarkShow: what `brief show` prints of every CommonMark example
// has the words of the reference HTML, in order, in the plain style of
// piped output and in the dark style, at two widths.
func TestCommonMarkShow(t *testing.T) {
	for _, style := range []string{StyleNoTTY, StyleDark, StyleASCII} {
		for _, width := range []int{100, 60} {
			t.Run(fmt.Sprintf("%s-%d", style, width), func(t *testing.T) {
				r, err := New(style, width)
				if err != nil {
					t.Fatal(err)
				}
				fidelity.CheckExamples(t, func(e fidelity.Example) ([]string, string) {
					b, err := briefings.Parse("example.md", []byte(e.Markdown))
					if err != nil {
						t.Fatalf("example %d: %v", e.Number, err)
					}
					return fidelity.Words(Plain(strings.Join(r.Document(b), "\n"))), b.Title
				})
			})
		}
	}
}
