package index

import (
	"strings"
	"testing"

	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/internal/fidelity"
)

// TestCommonMarkSnippetText: the text the index keeps of every CommonMark
// example, which search snippets are cut from, has the words of the
// reference HTML in order; and a snippet cut from it has them too.
func TestCommonMarkSnippetText(t *testing.T) {
	fidelity.CheckExamples(t, func(e fidelity.Example) ([]string, string) {
		b, err := briefings.Parse("example.md", []byte(e.Markdown))
		if err != nil {
			t.Fatalf("example %d: %v", e.Number, err)
		}
		var words []string
		for _, d := range sectionDocs(b) {
			words = append(words, fidelity.Words(d.Heading)...)
			words = append(words, fidelity.Words(d.Body)...)
			for _, s := range buildSnippets(d.Body, nil) {
				flat := strings.Join(strings.Fields(d.Body), " ")
				if !strings.Contains(flat, strings.Join(strings.Fields(s.Text), " ")) {
					t.Errorf("example %d: snippet %q is not the section's text", e.Number, s.Text)
				}
			}
		}
		return words, ""
	})
}
