package briefings

import "testing"

func TestPlainText(t *testing.T) {
	tests := []struct{ name, md, want string }{
		{"paragraphs", "One *two* **three**.\nSame paragraph.\n\nNext.", "One two three. Same paragraph.\n\nNext."},
		{"list", "- a\n- b `code`\n\n1. c", "a\nb code\n\nc"},
		{"notes", "Before.\n\n<!-- note: secret presenter words -->\n\nAfter <!-- pause --> tail.\n\n<!-- pause -->\n", "Before.\n\nAfter  tail."},
		{"links", "[text](http://x.example) ![alt](i.png) <https://a.example/b>", "text alt https://a.example/b"},
		{"table", "| A | B |\n|---|---|\n| 1 | *2* |\n", "A | B\n1 | 2"},
		{"code", "```go\nfmt.Println(1)\n```\n", "fmt.Println(1)"},
		{"entities", "caf&eacute; &amp; &#233; \\*lit\\*", "café & é *lit*"},
		{"quote", "> quoted\n> more\n", "quoted more"},
		{"html", "<div>\ninside <b>bold</b>\n</div>\n", "inside bold"},
		{"task", "- [x] done\n- [ ] todo\n", "done\ntodo"},
		{"cjk", "北京大学 **한국어** 텍스트 🎉", "北京大学 한국어 텍스트 🎉"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := PlainText(tt.md, nil); got != tt.want {
				t.Errorf("PlainText(%q)\n got %q\nwant %q", tt.md, got, tt.want)
			}
		})
	}
}

func TestTextAsShown(t *testing.T) {
	b, err := Parse("book.md", []byte("<!-- Old headings -->\n<a id=\"x\"></a>\n\n## Installation\n\n"+
		"Numbers from 2<sup>n</sup> to 2<sup>n - 1</sup>, a<br>b.\n\n"+
		"See [the guide][guide] and [`Box`][box].\n\n"+
		"Do [not follow][bad] <javascript:alert(1)>.\n\n"+
		"<figcaption>Figure 1: a `Box`</figcaption>\n\n"+
		"## Later\n\nAlso [the guide][guide].\n\n"+
		"[guide]: ch04-00.html\n[box]: https://doc.example/Box\n[bad]: javascript:alert(1)\n"))
	if err != nil {
		t.Fatal(err)
	}
	if b.Title != "Installation" || !b.OpensWithTitle() {
		t.Errorf("title %q, opens with it %v: want the opening heading", b.Title, b.OpensWithTitle())
	}
	got := PlainText(b.Sections[0].Body(), b.Refs)
	want := "Numbers from 2^n to 2^(n - 1), a\nb.\n\nSee the guide and Box.\n\nDo not follow javascript:alert(1).\n\nFigure 1: a `Box`"
	if got != want {
		t.Errorf("text\n got %q\nwant %q", got, want)
	}
	links := b.SectionLinks(1)
	if len(links) != 1 || links[0].Target != "ch04-00.html" || links[0].Text != "the guide" {
		t.Errorf("a section alone lost the file's definitions: links %+v", links)
	}
	for _, l := range b.SectionLinks(0) {
		if URLKindOf(l.Target) == UnsafeURL {
			t.Errorf("unsafe link listed: %+v", l)
		}
	}
}
