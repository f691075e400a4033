package render

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkListSection renders one section that is a list of 5,000 wrapped
// items (800 KB), with addresses and sentences that end at a line's end:
// joining what glamour broke must not cost a search of the whole section
// per line.
func BenchmarkListSection(b *testing.B) {
	var sb strings.Builder
	for i := range 5000 {
		fmt.Fprintf(&sb, "- Item %d says the quick brown fox jumps over the lazy dog again and again. Then it rests for a while, and the story ends. See https://example.com/a/b/c/%d.\n", i, i)
	}
	md := sb.String()
	r, err := New(StyleNoTTY, 80)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if lines := r.Markdown(md, 2, nil); len(lines) < 10000 {
			b.Fatalf("%d lines", len(lines))
		}
	}
}
