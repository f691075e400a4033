package render

import (
	"strings"
	"testing"
	"time"

	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/internal/hostile"
)

func TestKeepOnlySGR(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain text untouched", "héllo\tworld\n", "héllo\tworld\n"},
		{"sgr kept", "\x1b[1;31mred\x1b[0m", "\x1b[1;31mred\x1b[0m"},
		{"osc 52 dropped", "a\x1b]52;c;aGk=\x07b", "ab"},
		{"osc 8 dropped", "\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", "link"},
		{"dcs and apc dropped", "a\x1bPq#0\x1b\\b\x1b_Gf=1\x1b\\c", "abc"},
		{"other csi dropped", "a\x1b[2J\x1b[10;10Hb\x1b[?25l", "ab"},
		{"c1 dropped", "a\u009b31mb", "a31mb"},
		{"bell and lone esc dropped", "a\x07b\x1b", "ab"},
		{"raw c1 byte dropped", "a\x9b2Jb", "ab"},
		{"invalid utf8 replaced", "a\xffb", "a\ufffdb"},
		{"huge sgr dropped", "a\x1b[" + strings.Repeat("1;", 40) + "1mb", "ab"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := KeepOnlySGR(tt.in); got != tt.want {
				t.Errorf("KeepOnlySGR(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTrimLines(t *testing.T) {
	in := "\n  \x1b[1mtitle\x1b[0m      \n  text   \n\x1b[38;5;1m   \x1b[0m\n"
	got := TrimLines(in)
	if len(got) != 2 || got[0] != "  \x1b[1mtitle\x1b[0m" || got[1] != "  text" {
		t.Errorf("TrimLines = %q", got)
	}
}

func TestBreakLongTokens(t *testing.T) {
	long := strings.Repeat("x", 1200)
	got := BreakLongTokens("a "+long+" b", 500)
	for _, word := range strings.Fields(got) {
		if len(word) > 500 {
			t.Fatalf("word of %d runes left", len(word))
		}
	}
	if strings.ReplaceAll(got, " ", "") != "a"+long+"b" {
		t.Error("text changed beyond the inserted spaces")
	}
	if s := "short words only"; BreakLongTokens(s, 5) != s {
		t.Error("short text changed")
	}
}

// TestHostileFilesRenderSafely renders every hostile fixture in every
// built-in style and checks that the only escape sequences in the output
// are SGR styling.
func TestHostileFilesRenderSafely(t *testing.T) {
	dir := t.TempDir()
	if _, err := hostile.WriteDir(dir); err != nil {
		t.Fatal(err)
	}
	lib := briefings.Load([]string{dir}, briefings.LoadOptions{})
	for _, style := range Styles() {
		style = ResolveStyle(style, true, true)
		r, err := New(style, 80)
		if err != nil {
			t.Fatalf("style %s: %v", style, err)
		}
		for _, b := range lib.Briefings {
			if b.RelPath == "many-headings.md" && style != StyleDark {
				continue // 10,000 sections: one style is enough, and slow
			}
			out := strings.Join(r.Document(b), "\n")
			if bad := hostile.ForeignEscape(out); bad != "" {
				t.Errorf("style %s, %s: foreign escape in output: %s", style, b.RelPath, bad)
			}
			for _, word := range []string{"aGFja2Vk", "pwned"} {
				if strings.Contains(out, "\x1b]") && strings.Contains(out, word) {
					t.Errorf("style %s, %s: OSC payload %q survived", style, b.RelPath, word)
				}
			}
		}
	}
}

func TestDeepSectionsFallBackToPlainText(t *testing.T) {
	r, err := New(StyleDark, 60)
	if err != nil {
		t.Fatal(err)
	}
	deep := strings.Repeat("> ", 200) + "deep words"
	lines := r.Markdown(deep, 200, nil)
	joined := strings.Join(lines, "\n")
	if !strings.Contains(joined, "deep words") || strings.Contains(joined, "\x1b[") {
		t.Errorf("deep section = %q, want the plain text", joined)
	}
	for _, l := range lines {
		if len([]rune(l)) > 60 {
			t.Errorf("plain line wider than 60: %q", l)
		}
	}
}

// TestNestingCostScales guards the depth cap: rendering at MaxDepth must
// stay in the same order of cost as half that depth (glamour's cost grows
// exponentially past it). It compares two runs, not a wall-clock limit.
func TestNestingCostScales(t *testing.T) {
	r, err := New(StyleDark, 80)
	if err != nil {
		t.Fatal(err)
	}
	cost := func(depth int) time.Duration {
		md := strings.Repeat("> ", depth) + "x\n"
		start := time.Now()
		for range 3 {
			r.Markdown(md, depth, nil)
		}
		return time.Since(start)
	}
	half, full := cost(MaxDepth/2), cost(MaxDepth)
	if full > 40*half+50*time.Millisecond {
		t.Errorf("depth %d cost %v, depth %d cost %v: growth is not bounded", MaxDepth, full, MaxDepth/2, half)
	}
}

func TestStyles(t *testing.T) {
	for _, name := range []string{"dark", "light", "notty", "ascii", "high-contrast-dark", "high-contrast-light"} {
		if _, err := StyleConfig(name); err != nil {
			t.Errorf("StyleConfig(%s): %v", name, err)
		}
	}
	if _, err := StyleConfig("no-such-style"); err == nil || !strings.Contains(err.Error(), "unknown style") {
		t.Errorf("unknown style error = %v", err)
	}
	// The environment is a setting resolved by the command line, not here.
	t.Setenv("GLAMOUR_STYLE", "dracula")
	for _, c := range []struct {
		dark bool
		want string
	}{{true, StyleDark}, {false, StyleLight}} {
		if got := ResolveStyle("auto", true, c.dark); got != c.want {
			t.Errorf("auto on a dark=%v background, GLAMOUR_STYLE set = %s, want %s", c.dark, got, c.want)
		}
	}
	if got := ResolveStyle("auto", false, true); got != StyleNoTTY {
		t.Errorf("auto without colour = %s", got)
	}
	if got := ResolveStyle("light", true, true); got != "light" {
		t.Errorf("explicit style = %s", got)
	}
}

func TestDocumentAddsTitleAndMeta(t *testing.T) {
	b, err := briefings.Parse("x.md", []byte("---\ntitle: \"A *title* [x](y)\"\ndate: 2024-11-21\nauthor: Ann\n---\nLead.\n\n## One\n\nBody.\n"))
	if err != nil {
		t.Fatal(err)
	}
	r, _ := New(StyleNoTTY, 80)
	out := Plain(strings.Join(r.Document(b), "\n"))
	for _, want := range []string{"# A *title* [x](y)", "21 November 2024 · Ann", "Lead.", "## One", "Body."} {
		if !strings.Contains(out, want) {
			t.Errorf("document lacks %q:\n%s", want, out)
		}
	}
}

// TestASCIIStyleIsASCII: the ascii style draws bullets, rules, tables,
// quotes, images and bylines with ASCII characters only.
func TestASCIIStyleIsASCII(t *testing.T) {
	md := "---\ntitle: Plain\nauthor: A. Writer\ndate: 2024-11-21\ntags: [a, b]\n---\n" +
		"Lead with *emphasis*, **strong**, `code`, ~~struck~~ and [a link](https://example.com).\n\n" +
		"## Lists\n\n- one\n- two\n  - nested\n\n1. first\n2. second\n\n- [x] done\n- [ ] to do\n\n" +
		"> a quote\n> > nested quote\n\n---\n\n![a picture](pic.png)\n\n" +
		"| Name | Value |\n|:-----|------:|\n| alpha | 1 |\n| beta | 22 |\n\n" +
		"```go\nfunc main() {}\n```\n\nLine one  \nline two\n"
	b, err := briefings.Parse("plain.md", []byte(md))
	if err != nil {
		t.Fatal(err)
	}
	for _, width := range []int{80, 24} {
		r, err := New(StyleASCII, width)
		if err != nil {
			t.Fatal(err)
		}
		out := strings.Join(r.Document(b), "\n")
		for i, c := range []byte(out) {
			if c >= 0x80 {
				line := out[strings.LastIndexByte(out[:i], '\n')+1:]
				line, _, _ = strings.Cut(line, "\n")
				t.Errorf("width %d: non-ASCII byte %#x in %q", width, c, line)
				break
			}
		}
		for _, word := range []string{"emphasis", "strong", "code", "struck", "a link", "nested quote", "a picture", "alpha", "22", "done", "func main"} {
			if !strings.Contains(Plain(out), word) {
				t.Errorf("width %d: %q is missing:\n%s", width, word, out)
			}
		}
	}
}
