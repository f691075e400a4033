package briefings

import (
	"path/filepath"
	"testing"
)

func TestLinks(t *testing.T) {
	md := "See [the *other* one](other.md#the-part) and [here](#local), <https://example.com/x>,\n" +
		"[mail](mailto:a@b.c), ![img](pic.png) and `[not](a-link.md)`.\n\n```\n[nor](this.md)\n```\n"
	links := Links(md)
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
