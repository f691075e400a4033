package ui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/briefreader/brief/briefings"
)

// longBriefing writes a briefing of about size bytes: sections of a few
// paragraphs and a list each.
func longBriefing(size int) string {
	var sb strings.Builder
	sb.WriteString("---\ntitle: Long\n---\nLead.\n\n")
	for i := 0; sb.Len() < size; i++ {
		fmt.Fprintf(&sb, "## Section %d\n\n", i+1)
		for p := range 3 {
			fmt.Fprintf(&sb, "Paragraph %d of section %d talks about supply lines, depots and the front, "+
				"and about what the coming months may bring for the region and its neighbours.\n\n", p+1, i+1)
		}
		sb.WriteString("- one point\n- another point that is a little longer\n\n")
	}
	return sb.String()
}

// BenchmarkScroll measures one scroll key press (Update and View) in a
// fully rendered briefing: the cost must not grow with the briefing.
func BenchmarkScroll(b *testing.B) {
	for _, size := range []int{5 << 10, 5 << 20} {
		b.Run(fmt.Sprintf("%dKB", size>>10), func(b *testing.B) {
			br, err := briefings.Parse("long.md", []byte(longBriefing(size)))
			if err != nil {
				b.Fatal(err)
			}
			r := newReader(br, newStyles(true), nil, "dark", 100)
			drive(r, r.setSize(120, 40))
			if !r.doc.complete() {
				b.Fatal("not rendered")
			}
			press(r, "5")
			down, up := keyMsg("j"), keyMsg("k")
			b.ResetTimer()
			for i := range b.N {
				if i%2 == 0 {
					r.update(down)
				} else {
					r.update(up)
				}
				_ = r.view()
			}
		})
	}
}
