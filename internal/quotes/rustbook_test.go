package quotes

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/internal/fidelity"
	"github.com/briefreader/brief/internal/state"
)

// The re-anchoring test on real edits: 50 highlights in Rust book
// chapters, each put through five scripted edits of its file (a paragraph
// inserted before it, a neighbouring sentence reworded, its section moved
// to the end, a typo inside it fixed, the sentence deleted). Every
// highlight must be found at the right text or listed as not found; none
// may land on other text.

// quoteCase is one highlighted sentence of a chapter.
type quoteCase struct {
	name      string // chapter file
	text      string // the chapter's markdown (briefing.Text)
	section   int
	sentence  string
	span      [2]int // where the sentence is written in text (wrapped)
	neighbour [2]int // where a sentence next to it is written
}

// editKind is one of the scripted edits.
type editKind struct {
	name string
	// apply returns the chapter's text before the edit (the highlight is
	// made there), after it, and the text the highlight must be found
	// at ("" for: must be listed as not found).
	apply func(c quoteCase) (before, after, want string, ok bool)
}

var sentenceRE = regexp.MustCompile(`[A-Z][^.!?\n]{38,240}[.!?]`)

func TestReanchorRustBookEdits(t *testing.T) {
	shared := fidelity.SharedDir()
	if shared == "" {
		t.Skip("../shared is absent: the Rust book chapters are not here")
	}
	dir := filepath.Join(shared, "corpora", "rust-book", "src")
	names, err := filepath.Glob(filepath.Join(dir, "ch*.md"))
	if err != nil || len(names) == 0 {
		t.Skipf("no Rust book chapters in %s", dir)
	}
	slices.Sort(names)
	var cases []quoteCase
	for _, path := range names {
		if len(cases) == 50 {
			break
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		b, err := briefings.Parse(filepath.Base(path), data)
		if err != nil {
			t.Fatal(err)
		}
		if c, ok := pickSentence(b); ok {
			cases = append(cases, c)
		}
	}
	if len(cases) < 50 {
		t.Fatalf("only %d chapters have a sentence to highlight", len(cases))
	}

	type tally struct{ found, notFound, wrong int }
	results := map[string]*tally{}
	for _, edit := range rustBookEdits() {
		tl := &tally{}
		results[edit.name] = tl
		for _, c := range cases {
			before, after, want, ok := edit.apply(c)
			if !ok {
				t.Fatalf("%s: %s cannot be applied", c.name, edit.name)
			}
			b0 := parse(t, c.name, before)
			texts0 := Texts(b0)
			quote := want
			if edit.name == "typo fixed inside the quote" {
				quote = typo(c.sentence)
			} else if quote == "" {
				quote = c.sentence
			}
			start := strings.Index(texts0[c.section+1], quote)
			if start < 0 {
				t.Fatalf("%s: %q not in section %d before the edit", c.name, quote, c.section)
			}
			h := New(b0, c.section, texts0[c.section+1], start, start+len(quote), "")
			h.ID = "h"

			b1 := parse(t, c.name, after)
			texts1 := Texts(b1)
			changed := Reanchor(b1, []state.Highlight{h}, texts1)
			if len(changed) != 1 {
				t.Fatalf("%s / %s: Reanchor returned %d highlights", c.name, edit.name, len(changed))
			}
			got := changed[0]
			switch {
			case got.Lost != state.Found:
				tl.notFound++
				if want != "" {
					t.Logf("%s / %s: not found: %q", c.name, edit.name, quote)
				}
			case want == "":
				tl.wrong++
				t.Errorf("%s / %s: the deleted sentence was placed on %q", c.name, edit.name, got.Quote.Exact)
			default:
				section := -1
				if got.Section != "" {
					section = b1.SectionIndex(got.Section)
				}
				at := texts1[section+1][got.Quote.Start:got.Quote.End]
				if at != want || got.Quote.Exact != want {
					tl.wrong++
					t.Errorf("%s / %s: placed on %q, want %q", c.name, edit.name, at, want)
					continue
				}
				tl.found++
			}
		}
	}
	for _, edit := range rustBookEdits() {
		tl := results[edit.name]
		t.Logf("%-32s found at the right text %2d, not found %2d, on wrong text %d", edit.name, tl.found, tl.notFound, tl.wrong)
		if edit.name != "sentence deleted" && tl.found < len(cases)*9/10 {
			t.Errorf("%s: only %d of %d highlights found", edit.name, tl.found, len(cases))
		}
	}
}

func parse(t *testing.T, name, text string) *briefings.Briefing {
	t.Helper()
	b, err := briefings.Parse(name, []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// pickSentence finds a sentence to highlight in a chapter: prose outside
// code, unique in the chapter, in a section neither first nor last (so
// that moving it moves it), with a neighbour in its paragraph.
func pickSentence(b *briefings.Briefing) (quoteCase, bool) {
	texts := Texts(b)
	all := strings.Join(texts, "\n")
	for i := len(b.Sections) - 2; i >= 1; i-- {
		sec := b.Sections[i]
		for _, para := range strings.Split(texts[i+1], "\n\n") {
			sentences := sentenceRE.FindAllString(para, -1)
			for k, s := range sentences {
				span, ok := mdSpan(b.Text, s)
				if !ok || strings.Count(all, s) != 1 || span[0] < sec.Start+sec.HeadingLen || span[1] > sec.End {
					continue
				}
				for _, n := range []int{k - 1, k + 1} {
					if n < 0 || n >= len(sentences) {
						continue
					}
					if nb, ok := mdSpan(b.Text, sentences[n]); ok {
						return quoteCase{name: b.RelPath, text: b.Text, section: i, sentence: s, span: span, neighbour: nb}, true
					}
				}
			}
		}
	}
	return quoteCase{}, false
}

// mdSpan finds where a sentence of the plain text is written in the
// markdown, wrapped over lines (of a block quote, too), outside code. ok
// is false unless it is there exactly once.
func mdSpan(md, sentence string) ([2]int, bool) {
	words := strings.Fields(sentence)
	for i, w := range words {
		words[i] = regexp.QuoteMeta(w)
	}
	re := regexp.MustCompile(strings.Join(words, `(?:[ \t]*\n[ \t>]*|[ \t]+)`))
	locs := re.FindAllStringIndex(md, 2)
	if len(locs) != 1 || strings.Count(md[:locs[0][0]], "```")%2 == 1 {
		return [2]int{}, false
	}
	return [2]int{locs[0][0], locs[0][1]}, true
}

// typo swaps two different letters in the middle of one of the
// sentence's longer words.
func typo(s string) string {
	type word struct{ at, n int }
	var words []word
	for i := 0; i < len(s); {
		j := i
		for j < len(s) && s[j] < 0x80 && unicode.IsLetter(rune(s[j])) {
			j++
		}
		if j-i >= 4 {
			words = append(words, word{i, j - i})
		}
		i = j + 1
	}
	slices.SortStableFunc(words, func(a, b word) int { return b.n - a.n })
	for _, w := range words {
		for m := w.at + w.n/2; m < w.at+w.n-1; m++ {
			if s[m] != s[m-1] {
				return s[:m-1] + string(s[m]) + string(s[m-1]) + s[m+1:]
			}
		}
	}
	return s
}

func rustBookEdits() []editKind {
	return []editKind{
		{"paragraph inserted before", func(c quoteCase) (string, string, string, bool) {
			para := strings.LastIndex(c.text[:c.span[0]], "\n\n") + 2
			added := "This paragraph was added before the quote, and it moves everything after it down the page.\n\n"
			return c.text, c.text[:para] + added + c.text[para:], c.sentence, true
		}},
		{"neighbouring sentence reworded", func(c quoteCase) (string, string, string, bool) {
			after := c.text[:c.neighbour[0]] + "Here the author now says something else entirely." + c.text[c.neighbour[1]:]
			return c.text, after, c.sentence, true
		}},
		{"section moved to the end", func(c quoteCase) (string, string, string, bool) {
			b, err := briefings.Parse(c.name, []byte(c.text))
			if err != nil {
				return "", "", "", false
			}
			s := b.Sections[c.section]
			own := strings.TrimRight(c.text[s.Start:s.End], "\n")
			after := strings.TrimRight(c.text[:s.Start]+c.text[s.End:], "\n") + "\n\n" + own + "\n"
			return c.text, after, c.sentence, true
		}},
		{"typo fixed inside the quote", func(c quoteCase) (string, string, string, bool) {
			t := typo(c.sentence)
			return c.text[:c.span[0]] + t + c.text[c.span[1]:], c.text, c.sentence, t != c.sentence
		}},
		{"sentence deleted", func(c quoteCase) (string, string, string, bool) {
			return c.text, c.text[:c.span[0]] + c.text[c.span[1]:], "", true
		}},
	}
}

func sharedOrSkip(b testing.TB) string {
	shared := fidelity.SharedDir()
	if shared == "" {
		b.Skip("../shared is absent: the Rust book chapters are not here")
	}
	return shared
}

// readOrSkip parses a chapter with text put before its body.
func readOrSkip(b testing.TB, path, before string) *briefings.Briefing {
	data, err := os.ReadFile(path)
	if err != nil {
		b.Skip(err)
	}
	text := string(data)
	if i := strings.Index(text, "\n\n"); i >= 0 {
		text = text[:i+2] + before + text[i+2:]
	}
	br, err := briefings.Parse(filepath.Base(path), []byte(text))
	if err != nil {
		b.Fatal(err)
	}
	return br
}
