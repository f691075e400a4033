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
	if _, ok := bigText("Économie", 80, 2); ok {
		t.Error("characters outside the font should fall back")
	}
	if _, ok := bigText("Internationalization", 20, 3); ok {
		t.Error("a word wider than the screen should fall back")
	}
}
