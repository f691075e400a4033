package quotes

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/internal/corpus"
	"github.com/briefreader/brief/internal/state"
)

// benchHighlights makes n highlights of a briefing: sentences spread over
// its sections.
func benchHighlights(b testing.TB, br *briefings.Briefing, n int) []state.Highlight {
	texts := Texts(br)
	var out []state.Highlight
	for i := 0; len(out) < n; i++ {
		block := 1 + i%(len(texts)-1)
		ss := Sentences(texts[block])
		if len(ss) == 0 {
			continue
		}
		s := ss[(i/len(texts))%len(ss)]
		h := New(br, block-1, texts[block], s[0], s[1], "")
		h.ID = fmt.Sprint(i)
		out = append(out, h)
		if i > 100*n {
			b.Fatalf("only %d sentences to highlight", len(out))
		}
	}
	return out
}

// BenchmarkReanchorOneFile measures finding a file's highlights again
// after it changed: a paragraph inserted at the top of every section, so
// that every highlight moved, in a long generated briefing (8–14 sections,
// about 60 KB). It includes extracting the sections' plain text.
func BenchmarkReanchorOneFile(b *testing.B) {
	for _, n := range []int{1, 10, 50} {
		b.Run(fmt.Sprintf("highlights=%d", n), func(b *testing.B) {
			name, data, _ := corpus.Briefing(7, corpus.Options{Seed: 1, Long: true})
			before, err := briefings.Parse(name, data)
			if err != nil {
				b.Fatal(err)
			}
			hs := benchHighlights(b, before, n)
			edited := strings.Replace(string(data), "\n\n", "\n\nA paragraph added at the top, which moves every highlight after it.\n\n", 3)
			after, err := briefings.Parse(name, []byte(edited))
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(edited)))
			for b.Loop() {
				changed := Reanchor(after, hs, nil)
				if len(changed) != n {
					b.Fatalf("%d re-anchored, want %d", len(changed), n)
				}
				for _, h := range changed {
					if h.Lost != state.Found {
						b.Fatalf("lost %q", h.Quote.Exact)
					}
				}
			}
		})
	}
}

// BenchmarkReanchorLostQuote measures the worst case: a file's highlight
// whose sentence was deleted, looked for word for word in every section
// and approximately in its own.
func BenchmarkReanchorLostQuote(b *testing.B) {
	name, data, _ := corpus.Briefing(7, corpus.Options{Seed: 1, Long: true})
	before, err := briefings.Parse(name, data)
	if err != nil {
		b.Fatal(err)
	}
	h := benchHighlights(b, before, 1)[0]
	after, err := briefings.Parse(name, []byte(strings.Replace(string(data), h.Quote.Exact, "", 1)))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if got := Reanchor(after, []state.Highlight{h}, nil); len(got) != 1 || got[0].Lost != state.LostText {
			b.Fatalf("%+v", got)
		}
	}
}

// BenchmarkReanchorRustBookChapter: one real chapter with 10 highlights,
// after a paragraph was inserted at its top.
func BenchmarkReanchorRustBookChapter(b *testing.B) {
	shared := sharedOrSkip(b)
	path := filepath.Join(shared, "corpora", "rust-book", "src", "ch04-01-what-is-ownership.md")
	before := readOrSkip(b, path, "")
	hs := benchHighlights(b, before, 10)
	after := readOrSkip(b, path, "An inserted paragraph.\n\n")
	for b.Loop() {
		if got := Reanchor(after, hs, nil); len(got) != 10 {
			b.Fatalf("%d", len(got))
		}
	}
}
