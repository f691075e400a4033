package fidelity

import (
	"strings"
	"testing"
)

func TestMatch(t *testing.T) {
	want := HTMLTokens(`<p>Read <a href="ch04-00.html">the chapter</a> on <code>String</code>s, then <img alt="a map" src="m.png"></p><ol start="3"><li>three</li></ol>`)
	tests := []struct {
		shown string
		ok    bool
	}{
		{"Read the chapter on Strings, then a map 3. three", true},
		{"Read the chapter ch04-00.html on Strings, then Image: a map → m.png three", true},
		{"Read the chapter on String s, then a map three", false},     // a word split
		{"Read the chapteron Strings, then a map three", false},       // words run together
		{"Read the chapter on Strings, then three", false},            // a word lost
		{"Read the chapter on Strings, then a map three more", false}, // a word added
	}
	for _, tt := range tests {
		if ok, why := Match(want, Words(tt.shown)); ok != tt.ok {
			t.Errorf("Match(%q) = %v (%s), want %v", tt.shown, ok, why, tt.ok)
		}
	}
}

func TestMeasure(t *testing.T) {
	file := "The author of\n`String` can put it here.\n"
	page := "<p>The author of <code>String</code> can put it here.</p>"
	if c := Measure(file, "The author of String can put it here.", page); c.Foreign+c.Lost+c.Markup != 0 {
		t.Errorf("faithful text measured %+v", c)
	}
	c := Measure(file, "The author of Stringcan put` it here.", page)
	if c.Foreign != 1 || c.Lost != 2 || c.Markup != 1 || !strings.EqualFold(c.Examples[0], "Stringcan") {
		t.Errorf("run-together text measured %+v", c)
	}
}

func TestMissing(t *testing.T) {
	got := Missing([]string{"The", "cat", "the", "mat"}, []string{"the", "CAT"})
	if strings.Join(got, " ") != "the mat" {
		t.Errorf("missing %q, want the second \"the\" and \"mat\"", got)
	}
}
