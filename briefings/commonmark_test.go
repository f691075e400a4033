package briefings

import (
	"testing"

	"github.com/briefreader/brief/internal/fidelity"
)

// TestCommonMarkPlainText: the plain text of every CommonMark example (what
// the index holds and search snippets are cut from) has the words of the
// reference HTML, in order.
func TestCommonMarkPlainText(t *testing.T) {
	fidelity.CheckExamples(t, func(e fidelity.Example) ([]string, string) {
		b, err := Parse("example.md", []byte(e.Markdown))
		if err != nil {
			t.Fatalf("example %d: %v", e.Number, err)
		}
		words := fidelity.Words(PlainText(b.Lead, b.Refs))
		for _, s := range b.Sections {
			words = append(words, fidelity.Words(s.Heading)...)
			words = append(words, fidelity.Words(PlainText(s.Body(), b.Refs))...)
		}
		return words, ""
	})
}
