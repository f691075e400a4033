package ui

import (
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/briefreader/brief/internal/render"
	"github.com/charmbracelet/x/ansi"
)

func TestLiteralMatcher(t *testing.T) {
	m := literalMatcher("korea")
	got := m("North KOREA and south korea, Koreans")
	want := [][2]int{{6, 11}, {22, 27}, {29, 34}}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("match %d = %v, want %v", i, got[i], want[i])
		}
	}
	if literalMatcher("  ") != nil {
		t.Error("blank query should match nothing")
	}
	if got := literalMatcher("a.b")("axb a.b"); len(got) != 1 || got[0] != [2]int{4, 7} {
		t.Errorf("query is not literal: %v", got)
	}
}

func TestTermsMatcher(t *testing.T) {
	m := termsMatcher([]string{"troop", "korean", "北朝鮮"})
	text := "North Korean troops; troopers, Koreans. Not introops. 北朝鮮軍 が"
	var words []string
	for _, r := range m(text) {
		words = append(words, text[r[0]:r[1]])
	}
	want := []string{"Korean", "troops", "troopers", "Koreans", "北朝鮮"}
	if strings.Join(words, "|") != strings.Join(want, "|") {
		t.Errorf("matched %q, want %q", words, want)
	}
	accented := termsMatcher([]string{"été"})
	if got := accented("L'été dernier, étés"); len(got) != 2 {
		t.Errorf("accented term matched %v", got)
	}
}

func TestFinderOnDocument(t *testing.T) {
	b := testBriefing(t, "# T\n\nOne korea.\n\n## Two\n\nKorea, korea.\n\n## Three\n\nNothing.\n")
	r, _ := render.New(render.StyleNoTTY, 60)
	d := newDocument(b, r)
	renderAll(d)
	f := finder{match: literalMatcher("korea"), current: -1}
	f.search(d)
	if len(f.matches) != 3 {
		t.Fatalf("matches = %+v", f.matches)
	}
	first, ok := f.nearest(d.sectionStart(1))
	if !ok || first.line < d.sectionStart(1) || f.current != 1 {
		t.Errorf("nearest = %+v (current %d)", first, f.current)
	}
	f.step(1)
	f.step(1)
	if f.current != 0 {
		t.Errorf("step does not wrap: current %d", f.current)
	}
	f.step(-1)
	if f.current != 2 {
		t.Errorf("step back does not wrap: current %d", f.current)
	}
	// Highlighting lands on the matched cells, through the styling.
	m := f.matches[1]
	styled, plain := d.line(m.line)
	out := f.highlight(styled, m.line, lipgloss.NewStyle().Reverse(true), lipgloss.NewStyle().Bold(true))
	if ansi.Strip(out) != plain {
		t.Errorf("highlight changed the text: %q", ansi.Strip(out))
	}
	if got := ansi.Cut(plain, m.start, m.end); !strings.EqualFold(got, "korea") {
		t.Errorf("match cells %d..%d hold %q", m.start, m.end, got)
	}
}
