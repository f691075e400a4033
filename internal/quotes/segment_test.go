package quotes

import "testing"

func TestSegments(t *testing.T) {
	text := "Ships left Odesa in August. The corridor carried 33 million tonnes!\n\n- a list item\n- another one"
	got := Sentences(text)
	want := []string{"Ships left Odesa in August.", "The corridor carried 33 million tonnes!", "- a list item", "- another one"}
	if len(got) != len(want) {
		t.Fatalf("Sentences = %v", got)
	}
	for i, g := range got {
		if text[g[0]:g[1]] != want[i] {
			t.Errorf("sentence %d = %q, want %q", i, text[g[0]:g[1]], want[i])
		}
	}
	at := 35 // inside "corridor"
	if s, e := SentenceAround(text, at, at+3); text[s:e] != want[1] {
		t.Errorf("SentenceAround = %q", text[s:e])
	}
	if w := WordStart(text, at); text[w:WordEnd(text, at)] != "corridor" {
		t.Errorf("word at %d = %q", at, text[w:WordEnd(text, at)])
	}
	if n := NextWord(text, at); text[n:WordEnd(text, n)] != "carried" {
		t.Errorf("NextWord = %q", text[n:])
	}
	if p := PrevWord(text, at); text[p:WordEnd(text, p)] != "The" {
		t.Errorf("PrevWord = %q", text[p:])
	}
	if l := SentenceLastWord(text, at); text[l:WordEnd(text, l)] != "tonnes!" {
		t.Errorf("SentenceLastWord = %q", text[l:])
	}
	if s := SentenceStart(text, at); text[s:s+3] != "The" {
		t.Errorf("SentenceStart = %q", text[s:])
	}
	if s := SentenceStart(text, 28); s != 0 {
		t.Errorf("SentenceStart at a sentence's start = %d, want the one before (0)", s)
	}
}
