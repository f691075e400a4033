package briefings

import (
	"os"
	"path/filepath"
	"testing"
)

func TestLinks(t *testing.T) {
	md := "See [the *other* one](other.md#the-part) and [here](#local), <https://example.com/x>,\n" +
		"[mail](mailto:a@b.c), ![img](pic.png) and `[not](a-link.md)`.\n\n```\n[nor](this.md)\n```\n"
	links := Links(md, nil)
	want := []Link{
		{"the other one", "other.md#the-part"},
		{"here", "#local"},
		{"https://example.com/x", "https://example.com/x"},
		{"mail", "mailto:a@b.c"},
	}
	if len(links) != len(want) {
		t.Fatalf("links = %+v", links)
	}
	for i := range want {
		if links[i] != want[i] {
			t.Errorf("link %d = %+v, want %+v", i, links[i], want[i])
		}
	}
	b := &Briefing{Path: filepath.FromSlash("/lib/a/brief.md")}
	tests := []struct {
		target, path, anchor string
		ok                   bool
	}{
		{"other.md#the-part", "/lib/a/other.md", "the-part", true},
		{"../b/x.md", "/lib/b/x.md", "", true},
		{"#local", "", "local", true},
		{"sub%20dir/y.md", "/lib/a/sub dir/y.md", "", true},
		{"https://example.com", "", "", false},
		{"mailto:x@y", "", "", false},
	}
	for _, tt := range tests {
		p, a, ok := Link{Target: tt.target}.Resolve(b)
		if filepath.ToSlash(p) != tt.path || a != tt.anchor || ok != tt.ok {
			t.Errorf("Resolve(%q) = %q %q %v", tt.target, p, a, ok)
		}
	}
	sample := &Briefing{Path: BuiltinPrefix + "getting-started.md"}
	if p, _, _ := (Link{Target: "presenting-in-class.md"}).Resolve(sample); p != BuiltinPrefix+"presenting-in-class.md" {
		t.Errorf("builtin link resolves to %q", p)
	}
}

func TestURLKindOf(t *testing.T) {
	tests := []struct {
		url  string
		want URLKind
	}{
		{"https://example.com", WebURL},
		{"HTTP://EXAMPLE.COM", WebURL},
		{"//example.com/x", WebURL},
		{`\\example.com/x`, WebURL},
		{"mailto:a@b.c", MailURL},
		{"other.md#section", RelativeURL},
		{"../up/other.md", RelativeURL},
		{"#anchor", RelativeURL},
		{"a:b/c", UnsafeURL},
		{"folder/file:name.md", RelativeURL},
		{"", RelativeURL},
		{"javascript:alert(1)", UnsafeURL},
		{" JavaScript:alert(1)", UnsafeURL},
		{"java\tscript:alert(1)", UnsafeURL},
		{"java\nscript:alert(1)", UnsafeURL},
		{"java&#x09;script:alert(1)", UnsafeURL},
		{"&#106;avascript:alert(1)", UnsafeURL},
		{"javascript&colon;alert(1)", UnsafeURL},
		{"\x01javascript:alert(1)", UnsafeURL},
		{"vbscript:x", UnsafeURL},
		{"data:text/html,x", UnsafeURL},
		{"data:image/png;base64,AAAA", UnsafeURL},
		{"file:///etc/passwd", UnsafeURL},
		{"ftp://example.com", UnsafeURL},
	}
	for _, tt := range tests {
		if got := URLKindOf(tt.url); got != tt.want {
			t.Errorf("URLKindOf(%q) = %d, want %d", tt.url, got, tt.want)
		}
	}
}

// TestHTMLLinksOpenMarkdownTwins: a book written for mdBook links its
// chapters as "ch04-00.html"; the reader opens "ch04-00.md" when it exists.
func TestHTMLLinksOpenMarkdownTwins(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"ch01.md", "ch04-00.md", "page.html"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("# x\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b := &Briefing{Path: filepath.Join(dir, "ch01.md")}
	tests := map[string]string{
		"ch04-00.html#ownership": "ch04-00.md",
		"ch04-00.HTM":            "ch04-00.md",
		"missing.html":           "missing.html",
		"page.html":              "page.html",
	}
	for target, want := range tests {
		p, _, ok := Link{Target: target}.Resolve(b)
		if !ok || p != filepath.Join(dir, want) {
			t.Errorf("Resolve(%q) = %q %v, want %s", target, p, ok, want)
		}
	}
}

func TestReferencesEncodeRoundTrip(t *testing.T) {
	b, err := Parse("refs.md", []byte("# T\n\nSee [the docs][d] and [x].\n\n[d]: https://example.com/a \"Docs\"\n[x]: <https://example.com/b c>\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Refs) != 2 {
		t.Fatalf("refs: %d", len(b.Refs))
	}
	back := DecodeReferences(b.Refs.Encode())
	if len(back) != 2 || string(back[0].Label()) != string(b.Refs[0].Label()) ||
		string(back[0].Destination()) != string(b.Refs[0].Destination()) || string(back[0].Title()) != string(b.Refs[0].Title()) {
		t.Errorf("round trip: %v -> %v", b.Refs, back)
	}
	if DecodeReferences("not json") != nil || DecodeReferences("") != nil || References(nil).Encode() != "" {
		t.Error("empty or bad input should give no references")
	}
}
