package render

import (
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestCompactSGR(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"\x1b[1m\x1b[m\x1b[31m\x1b[0m", ""},
		{"  \x1b[38;5;252mtext\x1b[m\x1b[38;5;252m\x1b[m", "  \x1b[38;5;252mtext\x1b[m"},
		{"\x1b[1mopen", "\x1b[1mopen\x1b[m"},
		{"a\x1b[m\x1b[m b", "a b"},
	}
	for _, tt := range tests {
		if got := compactSGR(tt.in); got != tt.want {
			t.Errorf("compactSGR(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestSoftBreaksJoinInTheTree: a hard-wrapped paragraph or list item is
// one run of text, whatever inline markup starts or ends its lines. Joining
// lines of source text lost the opening mark of code, emphasis and links
// that started a line ("foo bar` baz").
func TestSoftBreaksJoinInTheTree(t *testing.T) {
	r, err := New(StyleNoTTY, 200)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ in, want string }{
		{"foo\n`bar` baz\n", "foo bar baz"},
		{"the author of\n`String` can put\n", "the author of String can put"},
		{"Rust calls\n`drop` automatically\n", "Rust calls drop automatically"},
		{"`sign_in_count`\ngets a value of `1`\n", "sign_in_count gets a value of 1"},
		{"*em\nphasis* and [link\ntext](#x)\nend\n", "em phasis and link text end"},
		{"a **b**\n*c* [d](#d)\n_e_\n", "a b c d e"},
		{"- one two\n  three\n- b\n", "• one two three\n  • b"},
		{"> quote\n> more\n", "| quote more"},
		{"line one  \nhard break\n", "line one\n  hard break"},
	}
	for _, tt := range tests {
		got := strings.TrimSpace(ansi.Strip(strings.Join(r.Markdown(tt.in, 2, nil), "\n")))
		if got != tt.want {
			t.Errorf("Markdown(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestListItemsHangAndFitTheWidth(t *testing.T) {
	r, err := New(StyleDark, 40)
	if err != nil {
		t.Fatal(err)
	}
	md := "- **Bold.** one two three four five six seven eight nine ten eleven\n  twelve thirteen\n" +
		"  1. nested one two three four five six seven eight nine\n"
	lines := r.Markdown(md, 2, nil)
	plain := make([]string, len(lines))
	for i, l := range lines {
		plain[i] = ansi.Strip(l)
		if w := ansi.StringWidth(l); w > 40 {
			t.Errorf("line %q is %d wide", plain[i], w)
		}
	}
	want := []string{
		"  • Bold. one two three four five six",
		"    seven eight nine ten eleven twelve",
		"    thirteen",
		"    1. nested one two three four five",
		"       six seven eight nine",
	}
	if strings.Join(plain, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(plain, "\n"), strings.Join(want, "\n"))
	}
}

func TestCarryStyles(t *testing.T) {
	got := carryStyles([]string{"a \x1b[1mbold", "still bold\x1b[m end", "plain"})
	want := []string{"a \x1b[1mbold\x1b[m", "\x1b[1mstill bold\x1b[m end", "plain"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("line %d = %q, want %q", i, got[i], want[i])
		}
	}
}

// shown renders md (whose deepest nesting is depth) in style at width, and
// returns its lines as shown, without styling or trailing spaces, and the
// width of the widest.
func shown(t *testing.T, style string, width, depth int, md string) (lines []string, widest int) {
	t.Helper()
	r, err := New(style, width)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range r.Markdown(md, depth, nil) {
		widest = max(widest, ansi.StringWidth(line))
		lines = append(lines, strings.TrimRight(ansi.Strip(line), " "))
	}
	return lines, widest
}

// trimmedLines is lines without the spaces around them, blank lines left out.
func trimmedLines(lines []string) []string {
	var out []string
	for _, l := range lines {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// TestAnItemWhoseFirstWordDoesNotFitStaysOnItsBullet: glamour puts such an
// item's text on the line after a lone bullet, and its word wrap let "word
// +" run a column past the width (found by FuzzRender).
func TestAnItemWhoseFirstWordDoesNotFitStaysOnItsBullet(t *testing.T) {
	const width = 60
	long := strings.Repeat("0", 56)
	for _, style := range []string{StyleASCII, StyleDark} {
		for _, md := range []string{"- " + long + "  +\n", "-   " + long + " +\n"} {
			plain, widest := shown(t, style, width, 1, md)
			if widest > width {
				t.Errorf("%s, %q: line of %d columns at width %d", style, md, widest, width)
			}
			bullet := map[string]string{StyleASCII: "-", StyleDark: "•"}[style]
			want := []string{"  " + bullet + " " + long, "    +"}
			if !slices.Equal(plain, want) {
				t.Errorf("%s, %q:\n got %q\nwant %q", style, md, plain, want)
			}
		}
	}
}

func TestFitWidthWrapsAtTheLinesIndent(t *testing.T) {
	got := fitWidth([]string{"ok", "    \x1b[1mone two three\x1b[m"}, 12)
	want := []string{"ok", "    \x1b[1mone two\x1b[m", "    \x1b[1mthree\x1b[m"}
	if !slices.Equal(got, want) {
		t.Errorf("fitWidth = %q, want %q", got, want)
	}
}

// TestCodeLinesAreNotTakenForAListItem: in a code block, a line that
// starts like a list item ("- a", or "-" alone) and the lines after it at
// the same indentation stay as they are; only text glamour wrapped is
// joined to an item.
func TestCodeLinesAreNotTakenForAListItem(t *testing.T) {
	md := "Text.\n\n```\n-\nfoo\nbar\n- a\nb\n1.\nc\n```\n\n    - x\n    y\n"
	for _, style := range []string{StyleDark, StyleASCII, StyleNoTTY} {
		lines, _ := shown(t, style, 60, 2, md)
		got := trimmedLines(lines)
		want := []string{"Text.", "-", "foo", "bar", "- a", "b", "1.", "c", "- x", "y"}
		if !slices.Equal(got, want) {
			t.Errorf("%s:\n got %q\nwant %q", style, got, want)
		}
	}
}

// TestCodeBlocksKeepTheirBackslashes: glamour writes a code block as text
// in the styles without a highlighting theme, and its text path took
// markdown's escapes out of the code ("\[" became "[", "\\" became "\").
func TestCodeBlocksKeepTheirBackslashes(t *testing.T) {
	md := "Text \\* and `a\\*b`.\n\n```\ns := \"\\\\[x\\\\]\" // \\* C:\\\\Users\n```\n\n    \\[\\] a\\b\n"
	want := []string{"Text * and a\\*b.", "s := \"\\\\[x\\\\]\" // \\* C:\\\\Users", "\\[\\] a\\b"}
	for _, style := range []string{StyleDark, StyleASCII, StyleNoTTY} {
		lines, _ := shown(t, style, 80, 2, md)
		if got := trimmedLines(lines); !slices.Equal(got, want) {
			t.Errorf("%s:\n got %q\nwant %q", style, got, want)
		}
	}
}

// TestLongCodeLinesWrapAtTheirIndentation: a code line wider than the
// screen continues at its own indentation inside the code block, not at
// the document's margin where it would read as text.
func TestLongCodeLinesWrapAtTheirIndentation(t *testing.T) {
	const width = 60
	md := "Text.\n\n```\nfn main() {\n        at /rustc/library/std/src/panicking.rs:692:5 and some more words here\n}\n```\n\n" +
		"- item\n\n  ```\n  {{#include ../listings/ch03-common-programming-concepts/output.txt}}\n  ```\n"
	for _, style := range []string{StyleDark, StyleASCII, StyleNoTTY} {
		lines, widest := shown(t, style, width, 3, md)
		if widest > width {
			t.Errorf("%s: a line of %d columns", style, widest)
		}
		got := slices.DeleteFunc(lines, func(l string) bool { return l == "" })
		want := []string{
			"  Text.",
			"    fn main() {",
			"            at /rustc/library/std/src/panicking.rs:692:5",
			"            and some more words here",
			"    }",
		}
		if len(got) < len(want)+3 || !slices.Equal(got[:len(want)], want) {
			t.Errorf("%s:\n got %q\nwant %q", style, got, want)
			continue
		}
		// In the list, the continuation keeps to the code's column.
		code := got[len(want)+1:]
		if len(code) != 2 || leadingSpaces(code[0]) != leadingSpaces(code[1]) {
			t.Errorf("%s: code in a list: %q", style, code)
		}
	}
}

func TestWrapCode(t *testing.T) {
	tests := []struct {
		line string
		room int
		want []string
	}{
		{"short\n", 40, []string{"short\n"}},
		{"  one two three four five six seven\n", 20, []string{"  one two three four\n", "  five six seven\n"}},
		{"a/very/long/path/without/any/spaces/at/all", 20, []string{"a/very/long/path/\n", "without/any/spaces/\n", "at/all"}},
		{"no room to wrap in", 10, []string{"no room to wrap in"}},
	}
	for _, tt := range tests {
		if got := wrapCode(tt.line, tt.room); !slices.Equal(got, tt.want) {
			t.Errorf("wrapCode(%q, %d) = %q, want %q", tt.line, tt.room, got, tt.want)
		}
	}
}

// TestAListItemsURLIsNotCutAtADot: glamour breaks a list item's text after
// "." as after a space, so a link's address came out as "https://github."
// and, with a space put back, "com/...". The halves are joined again; the
// address, longer than what is left of the line, starts the next, and
// being longer than a whole line too, it breaks after a "/".
func TestAListItemsURLIsNotCutAtADot(t *testing.T) {
	const url = "https://github.com/charmbracelet/bubbletea/blob/main/examples/spinner/main.go"
	md := "- [Example code, basic spinner](" + url + ")\n- A well-known, often-quoted sentence that is long enough to wrap at this width. Next one.\n"
	for _, style := range []string{StyleDark, StyleNoTTY} {
		lines, widest := shown(t, style, 80, 2, md)
		if widest > 80 {
			t.Errorf("%s: line of %d columns", style, widest)
		}
		text := make([]string, len(lines))
		for i, l := range lines {
			text[i] = strings.TrimSpace(l)
		}
		joined := strings.Join(text, "")
		if !strings.Contains(joined, url) {
			t.Errorf("%s: the address is cut apart:\n%s", style, strings.Join(text, "\n"))
		}
		if len(text) < 3 || text[0] != "• Example code, basic spinner" || !strings.HasSuffix(text[1], "/") || text[1]+text[2] != url {
			t.Errorf("%s: the address is not on lines of its own, broken after a /:\n%s", style, strings.Join(text, "\n"))
		}
		if all := strings.Join(text, " "); !strings.Contains(all, "well-known") || !strings.Contains(all, "width. Next one.") {
			t.Errorf("%s: %q", style, all)
		}
	}
}
