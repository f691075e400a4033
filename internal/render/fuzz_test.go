package render

import (
	"strings"
	"testing"
	"time"

	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/internal/hostile"
	"github.com/charmbracelet/x/ansi"
)

// FuzzRender parses arbitrary bytes as a briefing and renders its lead and
// every section, as the reader and `brief show` do: nothing may panic, no
// escape sequence other than SGR may come out, no line may be wider than
// the wrap width, and no section may take longer than a person would wait.
// (Go's fuzzer kills an input after 10 s; the budget here is tighter and
// says which section was slow.)
func FuzzRender(f *testing.F) {
	for _, fx := range hostile.Fixtures() {
		if len(fx.Data) < 4096 {
			f.Add(fx.Data)
		}
	}
	f.Add([]byte("# T\n\n| a | b |\n|---|---|\n| " + strings.Repeat("x", 300) + " | y |\n"))
	f.Add([]byte("> > > - - - quote\n\n```go\nfunc main() {}\n```\n\n1. one\n   * two\n"))
	const width = 60
	r, err := New(StyleDark, width)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := briefings.Parse("f.md", data)
		if err != nil {
			return // not a briefing (binary): nothing to render
		}
		check := func(what string, render func() []string) {
			start := time.Now()
			lines := render()
			if took := time.Since(start); took > 3*time.Second {
				t.Fatalf("%s took %s to render", what, took)
			}
			for _, line := range lines {
				if bad := hostile.ForeignEscape(line); bad != "" {
					t.Fatalf("%s: escape sequence that is not styling: %s", what, bad)
				}
				if w := ansi.StringWidth(line); w > width {
					t.Fatalf("%s: line of %d columns at width %d: %q", what, w, width, ansi.Strip(line))
				}
			}
		}
		check("lead", func() []string { return r.Lead(b) })
		for i := range b.Sections {
			check(b.Sections[i].Heading, func() []string { return r.Section(b, i) })
		}
	})
}
