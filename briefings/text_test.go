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
