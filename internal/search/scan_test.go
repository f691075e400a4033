package search

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/index"
)

func TestScanTerms(t *testing.T) {
	tests := []struct {
		q, want   string
		asYouType bool
	}{
		{`north korean troops`, "north|korean|troops", false},
		{`"North Korean" -russia +troops`, "north korean|troops -russia", false},
		{`title:atacms tag:nato date:>2024 missil* ukrane~ word^2 a OR b`, "atacms|nato|missil*|ukrane|word|a|b", false},
		{`harb`, "harb*", true},
		{`"unclosed phrase`, "unclosed phrase", false},
	}
	for _, tt := range tests {
		terms, excluded := scanTerms(tt.q, tt.asYouType)
		var got []string
		for _, term := range terms {
			s := term.text
			if term.prefix {
				s += "*"
			}
			got = append(got, s)
		}
		out := strings.Join(got, "|")
		if len(excluded) > 0 {
			out += " -" + strings.Join(excluded, " -")
		}
		if out != tt.want {
			t.Errorf("scanTerms(%q) = %q, want %q", tt.q, out, tt.want)
		}
	}
}

// A quick scan finds sections by their words, as words (not inside other
// words), the sections with more of the words first, with snippets and
// the words to highlight; excluded words and other tags leave sections
// out.
func TestQuickScan(t *testing.T) {
	lib := t.TempDir()
	write(t, filepath.Join(lib, "a.md"), "---\ntags: [sea]\n---\n# Ports\n\nLead text.\n\n## Harbour\n\nThe Harbour of Zanzibar reopened.\n\n## Inland\n\nNo sea here, only harbourmasters.\n")
	write(t, filepath.Join(lib, "b.md"), "# Other\n\n## Zanzibar\n\nThe island, and its harbour.\n\n## Russia\n\nA harbour of Russia.\n")
	for i := range 30 {
		write(t, filepath.Join(lib, "many", fmt.Sprintf("%02d.md", i)), "# Filler\n\nNothing to see.\n")
	}
	roots, _ := briefings.ResolveRoots([]string{lib})
	scan := func(req index.Request) []string {
		res := quickScan(context.Background(), roots, req, briefings.LoadOptions{}, time.Minute)
		if res.looked != res.files || res.files != 32 {
			t.Errorf("looked at %d of %d files", res.looked, res.files)
		}
		var out []string
		for _, h := range res.results.Hits {
			out = append(out, h.RelPath+"#"+h.Anchor)
		}
		return out
	}
	if got := strings.Join(scan(index.Request{Query: "harbour zanzibar"}), " "); got != "a.md#harbour b.md#zanzibar b.md#russia" {
		t.Errorf("harbour zanzibar: %s", got)
	}
	if got := strings.Join(scan(index.Request{Query: "harbour -russia"}), " "); got != "a.md#harbour" {
		t.Errorf("harbour -russia: %s", got)
	}
	if got := strings.Join(scan(index.Request{Query: "harbour", Tags: []string{"sea"}}), " "); got != "a.md#harbour" {
		t.Errorf("harbour, tag sea: %s", got)
	}
	if got := strings.Join(scan(index.Request{Query: "harbourm", AsYouType: true}), " "); got != "a.md#inland" {
		t.Errorf("harbourm as you type: %s", got)
	}
	res := quickScan(context.Background(), roots, index.Request{Query: "zanzibar"}, briefings.LoadOptions{}, time.Minute)
	h := res.results.Hits[len(res.results.Hits)-1]
	if h.RelPath != "a.md" || len(h.Snippets) != 1 || len(h.Snippets[0].Matches) != 1 || strings.Join(h.Terms, ",") != "zanzibar" {
		t.Fatalf("hit %+v", h)
	}
	if m := h.Snippets[0].Matches[0]; h.Snippets[0].Text[m[0]:m[1]] != "Zanzibar" {
		t.Errorf("match %q", h.Snippets[0].Text[m[0]:m[1]])
	}
}
