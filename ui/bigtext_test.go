package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestBigText(t *testing.T) {
	rows, ok := bigText("Hi 1", 80, 2)
	if !ok {
		t.Fatal("not drawn")
	}
	want := []string{
		"█ █ ▀█▀    ▄█",
		"█▀█  █      █",
		"▀ ▀ ▀▀▀    ▀▀▀",
	}
	if strings.Join(rows, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(rows, "\n"), strings.Join(want, "\n"))
	}
}

func TestBigTextWrapsAndFallsBack(t *testing.T) {
	rows, ok := bigText("The North Korean Factor", 60, 2)
	if !ok || len(rows) != 2*bigTextRows+1 {
		t.Fatalf("two lines expected, got ok=%v rows=%d", ok, len(rows))
	}
	for _, r := range rows {
		if ansi.StringWidth(r) > 60 {
			t.Errorf("row wider than 60: %q", r)
		}
	}
	if _, ok := bigText("The North Korean Factor", 30, 2); ok {
		t.Error("three lines should not fit in two")
	}
	if _, ok := bigText("Internationalization", 20, 3); ok {
		t.Error("a word wider than the screen should fall back")
	}
}

// Accented Latin, Greek and Cyrillic titles are drawn in block letters,
// with the accents over (or under) their letters.
func TestBigTextBeyondASCII(t *testing.T) {
	for _, title := range []string{"Économie française", "Ñandú, Ção, Łódź", "Straße über Øresund",
		"Ελληνικά: Άθηνα", "Україна і Європа", "Йошкар-Ола, Ёлка", "Śląsk – Kraków"} {
		rows, ok := bigText(title, 100, 2)
		if !ok || !strings.ContainsAny(strings.Join(rows, ""), "█▀▄") || strings.Contains(strings.Join(rows, ""), "━") {
			t.Errorf("%q not drawn in block letters:\n%s", title, strings.Join(rows, "\n"))
		}
	}
	// É: the acute sits in a row of its own above the E.
	rows, _ := bigText("É", 80, 1)
	want := []string{"▄▀", "█▀▀", "█▀", "▀▀▀"}
	if strings.Join(rows, "\n") != strings.Join(want, "\n") {
		t.Errorf("É drawn as\n%s\nwant\n%s", strings.Join(rows, "\n"), strings.Join(want, "\n"))
	}
	// Without accents above, a line keeps its three rows.
	if rows, _ := bigText("ΔΣΩ", 80, 1); len(rows) != bigTextRows {
		t.Errorf("Greek without accents takes %d rows", len(rows))
	}
}

// A title in a script the font lacks is large and spaced in the normal
// font, over a rule, rather than a small band.
func TestBigTextLargeTitleForOtherScripts(t *testing.T) {
	rows, ok := bigText("北约峰会 在海牙举行", 80, 2)
	if !ok || rows[0] != "北 约 峰 会   在 海 牙 举 行" || !strings.HasPrefix(rows[len(rows)-1], "━━━") {
		t.Errorf("CJK title: ok=%v\n%s", ok, strings.Join(rows, "\n"))
	}
	for _, title := range []string{"Việt Nam: Ấn tượng", "مؤتمر الصحافة", "ประชุม"} {
		rows, ok := bigText(title, 80, 2)
		if !ok || strings.ContainsAny(strings.Join(rows, ""), "█▄") {
			t.Errorf("%q: ok=%v\n%s", title, ok, strings.Join(rows, "\n"))
		}
		for _, r := range rows {
			if ansi.StringWidth(r) > 80 {
				t.Errorf("%q: row wider than the screen: %q", title, r)
			}
		}
	}
	// A long run of wide characters wraps at the width.
	rows, ok = bigText(strings.Repeat("海", 60), 40, 4)
	if !ok {
		t.Fatal("a long CJK title did not fit in four lines of 40")
	}
	for _, r := range rows {
		if ansi.StringWidth(r) > 40 {
			t.Errorf("row wider than 40: %q", r)
		}
	}
}
