package anchor

import (
	"strings"
	"testing"
)

const para = "Rust has a strong type system. Ownership is Rust's most unique feature and has deep implications for the rest of the language. It enables Rust to make memory safety guarantees without needing a garbage collector."

func selectorOf(t *testing.T, text, quote string) Selector {
	t.Helper()
	i := strings.Index(text, quote)
	if i < 0 {
		t.Fatalf("%q not in the text", quote)
	}
	return NewSelector(text, i, i+len(quote))
}

func TestNewSelectorKeepsContext(t *testing.T) {
	quote := "Ownership is Rust's most unique feature"
	sel := selectorOf(t, para, quote)
	if sel.Exact != quote || sel.Prefix != "Rust has a strong type system. " || !strings.HasPrefix(sel.Suffix, " and has deep") {
		t.Fatalf("selector = %+v", sel)
	}
	if n := len([]rune(sel.Suffix)); n != ContextLen {
		t.Errorf("suffix has %d characters, want %d", n, ContextLen)
	}
	// A range cut inside a character is widened to whole characters.
	s := NewSelector("naïve", 3, 4)
	if s.Exact != "ï" {
		t.Errorf("Exact = %q, want ï", s.Exact)
	}
	if s := NewSelector("abc", 5, -2); s.Exact != "" || s.Start != 3 {
		t.Errorf("out of range: %+v", s)
	}
}

func TestLocate(t *testing.T) {
	quote := "Ownership is Rust's most unique feature and has deep implications for the rest of the language."
	sel := selectorOf(t, para, quote)
	cases := []struct {
		name string
		text string
		want string // "" means not found
		kind Kind
	}{
		{"unchanged", para, quote, Exact},
		{"paragraph inserted before", "A new first paragraph, which moves everything.\n\n" + para, quote, Exact},
		{"neighbour reworded", strings.Replace(para, "Rust has a strong type system.", "Rust is statically typed.", 1), quote, Exact},
		{"typo fixed inside", strings.Replace(para, "most unique", "most unusual", 1),
			"Ownership is Rust's most unusual feature and has deep implications for the rest of the language.", Fuzzy},
		{"sentence deleted", strings.Replace(para, quote+" ", "", 1), "", NotFound},
		{"sentence rewritten", strings.Replace(para, quote, "Ownership sets Rust apart, and everything else in the language follows from it.", 1), "", NotFound},
		{"text emptied", "", "", NotFound},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, ok := Locate(c.text, sel)
			if c.want == "" {
				if ok {
					t.Fatalf("found %q (%v), want not found", c.text[m.Start:m.End], m.Kind)
				}
				return
			}
			if !ok {
				t.Fatalf("not found, want %q", c.want)
			}
			if got := c.text[m.Start:m.End]; got != c.want || m.Kind != c.kind {
				t.Fatalf("found %q (%v), want %q (%v)", got, m.Kind, c.want, c.kind)
			}
		})
	}
}

func TestExactPrefersTheOccurrenceWithItsContext(t *testing.T) {
	text := "First, the value is moved. Then it is gone.\n\nLater, the value is moved. Then it is dropped."
	i := strings.LastIndex(text, "the value is moved")
	sel := NewSelector(text, i, i+len("the value is moved"))
	// The text before both occurrences grows: the hint is off, the
	// context decides.
	edited := "Intro paragraph.\n\n" + text
	m, ok := FindExact(edited, sel)
	if !ok || m.Start != strings.LastIndex(edited, "the value is moved") {
		t.Fatalf("found at %d (%v), want the second occurrence", m.Start, ok)
	}
}

func TestShortQuoteWithoutContextIsNotTakenElsewhere(t *testing.T) {
	text := "We call this a borrow. The borrow checker agrees."
	i := strings.Index(text, "a borrow")
	sel := NewSelector(text, i, i+len("a borrow"))
	// The sentence is gone; "a borrow" still occurs in other words.
	edited := "Here everything changed and a borrow appears in new company, far from the old place."
	if m, ok := FindExact(edited, sel); ok {
		t.Fatalf("took %q at %d, a common phrase in other words", edited[m.Start:m.End], m.Start)
	}
}

func TestFuzzyRejectsANearbySentenceThatIsNotTheQuote(t *testing.T) {
	text := "Listing 4-1: A variable and the scope in which it is valid. Some text follows here."
	quote := "Listing 4-1: A variable and the scope in which it is valid."
	sel := selectorOf(t, text, quote)
	edited := "Listing 4-2: The scope of a string and when it is dropped. Some text follows here."
	if m, ok := Locate(edited, sel); ok {
		t.Fatalf("found %q for a different caption", edited[m.Start:m.End])
	}
}

func TestFuzzyWorksInAnyScript(t *testing.T) {
	text := "Введение. Владение — самая уникальная особенность Rust и влияет на весь язык. Конец."
	quote := "Владение — самая уникальная особенность Rust и влияет на весь язык."
	sel := selectorOf(t, text, quote)
	edited := strings.Replace(text, "уникальная", "уникальна", 1)
	m, ok := Locate(edited, sel)
	want := strings.Replace(quote, "уникальная", "уникальна", 1)
	if !ok || edited[m.Start:m.End] != want {
		t.Fatalf("found %v %q", ok, edited[m.Start:m.End])
	}
}
