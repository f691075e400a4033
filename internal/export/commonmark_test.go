package export

import (
	"testing"

	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/internal/fidelity"
)

// TestCommonMarkText: a plain-text handout of every CommonMark example has
// the words of the reference HTML, in order.
func TestCommonMarkText(t *testing.T) {
	fidelity.CheckExamples(t, func(e fidelity.Example) ([]string, string) {
		b, err := briefings.Parse("example.md", []byte(e.Markdown))
		if err != nil {
			t.Fatalf("example %d: %v", e.Number, err)
		}
		out, err := Text(b, nil, Options{})
		if err != nil {
			t.Fatalf("example %d: %v", e.Number, err)
		}
		return fidelity.Words(string(out)), b.Title
	})
}
