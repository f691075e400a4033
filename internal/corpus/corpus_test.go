package corpus

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/briefreader/brief/briefings"
)

func TestBriefingIsDeterministic(t *testing.T) {
	opts := Options{Seed: 7, Langs: []string{"en", "ko"}}
	for i := range 5 {
		n1, d1, m1 := Briefing(i, opts)
		n2, d2, m2 := Briefing(i, opts)
		if n1 != n2 || !bytes.Equal(d1, d2) || !m1.Equal(m2) {
			t.Fatalf("briefing %d differs between two calls", i)
		}
	}
	_, a, _ := Briefing(0, Options{Seed: 1})
	_, b, _ := Briefing(0, Options{Seed: 2})
	if bytes.Equal(a, b) {
		t.Error("different seeds gave the same briefing")
	}
}

func TestBriefingsParse(t *testing.T) {
	for _, lang := range Languages {
		for _, long := range []bool{false, true} {
			opts := Options{Seed: 3, Langs: []string{lang}, Long: long}
			for i := range 20 {
				name, data, _ := Briefing(i, opts)
				if !utf8.Valid(data) {
					t.Fatalf("%s %d: invalid UTF-8", lang, i)
				}
				b, err := briefings.Parse(name, data)
				if err != nil {
					t.Fatalf("%s %d: %v", lang, i, err)
				}
				if len(b.Problems) > 0 {
					t.Errorf("%s %d: problems %v", lang, i, b.Problems)
				}
				if b.Title == "" || b.Date.IsZero() || b.Author == "" || len(b.Tags) < 2 || b.Summary == "" {
					t.Errorf("%s %d: incomplete front matter: %+v", lang, i, b)
				}
				top := 0
				for _, s := range b.Sections {
					if s.Level == 2 {
						top++
					}
				}
				lo, hi := 4, 10
				if long {
					lo, hi = 8, 14
				}
				if top < lo || top > hi {
					t.Errorf("%s %d: %d sections, want %d to %d", lang, i, top, lo, hi)
				}
				if long && len(data) < 20_000 {
					t.Errorf("%s %d: long briefing has only %d bytes", lang, i, len(data))
				}
			}
		}
	}
}

func TestGenerate(t *testing.T) {
	dir := t.TempDir()
	if err := Generate(dir, 12, Options{PerDir: 5}); err != nil {
		t.Fatal(err)
	}
	lib := briefings.Load([]string{dir}, briefings.LoadOptions{})
	if len(lib.Briefings) != 12 || len(lib.Problems) != 0 {
		t.Fatalf("loaded %d briefings, problems %v", len(lib.Briefings), lib.Problems)
	}
	matches, _ := filepath.Glob(filepath.Join(dir, "002", "*.md"))
	if len(matches) != 2 {
		t.Errorf("folder 002 has %d files, want 2", len(matches))
	}
	name, _, mtime := Briefing(0, Options{})
	info, err := os.Stat(filepath.Join(dir, "000", name))
	if err != nil || !info.ModTime().Equal(mtime) {
		t.Errorf("modification time: %v, %v; want %v", info.ModTime(), err, mtime)
	}
	if err := Generate(dir, 1, Options{Langs: []string{"xx"}}); err == nil {
		t.Error("an unknown language was accepted")
	}
}
