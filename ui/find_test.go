package ui

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/internal/fidelity"
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
	first, ok := f.nearest(d.sectionStart(sectionOf(1)))
	if !ok || first.line < d.sectionStart(sectionOf(1)) || f.current != 1 {
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
	sp := m.spans[0]
	if got := ansi.Cut(plain, sp.start, sp.end); len(m.spans) != 1 || !strings.EqualFold(got, "korea") {
		t.Errorf("match %+v holds %q", m, got)
	}
}

// TestFindAcrossWrappedLines: a phrase the renderer wrapped over two lines
// is found, and highlighted on both.
func TestFindAcrossWrappedLines(t *testing.T) {
	wrapped := false
	b := testBriefing(t, "# T\n\nAaaa bbbb cccc dddd North Korea eeee ffff, well-known gggg.\n\n"+
		"> A quote that wraps so North\n> Korea sits on two lines of it.\n")
	for _, width := range []int{20, 24, 27, 30, 40, 80} {
		r, _ := render.New(render.StyleNoTTY, width)
		d := newDocument(b, r)
		renderAll(d)
		f := finder{match: literalMatcher("north korea"), current: -1}
		f.search(d)
		if len(f.matches) != 2 {
			t.Errorf("width %d: %d matches, want 2", width, len(f.matches))
			continue
		}
		for _, m := range f.matches {
			var got []string
			for _, sp := range m.spans {
				_, plain := d.line(sp.line)
				got = append(got, ansi.Cut(plain, sp.start, sp.end))
			}
			if !strings.EqualFold(strings.Join(got, " "), "north korea") {
				t.Errorf("width %d: match highlights %q", width, got)
			}
		}
		for _, m := range f.matches {
			wrapped = wrapped || len(m.spans) > 1
		}
		f = finder{match: literalMatcher("well-known"), current: -1}
		if f.search(d); len(f.matches) != 1 {
			t.Errorf("width %d: well-known found %d times", width, len(f.matches))
		}
	}
	if !wrapped {
		t.Error("no width wrapped the phrase: the test proves nothing")
	}
}

// TestFindCountsEveryOccurrence: on real text, at every width, find counts
// a phrase as often as the section's plain text has it. Phrases are the
// pairs of words of the text; a pair wrapped over two lines counts.
func TestFindCountsEveryOccurrence(t *testing.T) {
	var docs []*briefings.Briefing
	sample, err := briefings.LoadSample().Find("ukraine")
	if err != nil {
		t.Fatal(err)
	}
	docs = append(docs, sample)
	if dir := fidelity.SharedDir(); dir != "" {
		for _, name := range []string{"ch04-01-what-is-ownership.md", "ch08-02-strings.md", "ch15-06-reference-cycles.md"} {
			data, err := os.ReadFile(filepath.Join(dir, "corpora", "rust-book", "src", name))
			if err != nil {
				t.Fatal(err)
			}
			b, err := briefings.Parse(name, data)
			if err != nil {
				t.Fatal(err)
			}
			docs = append(docs, b)
		}
	} else {
		t.Log("../shared is absent: only the sample briefing is tried")
	}
	pair := regexp.MustCompile(`\pL+ \pL+`)
	for _, b := range docs {
		// Each block's text as the index has it: heading and body.
		texts := []string{briefings.PlainText(b.Lead, b.Refs)}
		if !b.OpensWithTitle() {
			texts[0] = b.Title + "\n\n" + strings.Join(b.Byline(), " · ") + "\n\n" + texts[0]
		}
		for i, s := range b.Sections {
			texts = append(texts, s.Heading+"\n\n"+briefings.PlainText(s.Body(), b.Refs))
			if i == 0 && b.OpensWithTitle() {
				texts[1] += "\n\n" + strings.Join(b.Byline(), " · ")
			}
		}
		phrases := map[string]bool{}
		for _, text := range texts {
			for k, p := range pair.FindAllString(text, -1) {
				if k%5 == 0 {
					phrases[strings.ToLower(p)] = true
				}
			}
		}
		for _, width := range []int{40, 80, 120, 200} {
			r, _ := render.New(render.StyleNoTTY, width)
			d := newDocument(b, r)
			renderAll(d)
			for phrase := range phrases {
				m := literalMatcher(phrase)
				f := finder{match: m, current: -1}
				f.search(d)
				got := make([]int, len(texts))
				for _, match := range f.matches {
					got[d.at(match.line).block]++
				}
				for i, text := range texts {
					// Lines of plain text are paragraphs, items, rows: a
					// phrase does not run from one to the next.
					want := len(m(strings.ReplaceAll(text, "\n", "\n\n")))
					if got[i] != want {
						t.Errorf("%s at width %d, block %d: %q found %d times, the text has it %d times",
							b.RelPath, width, i, phrase, got[i], want)
					}
				}
			}
		}
	}
}
