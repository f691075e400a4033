package briefings

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

func titles(list []Entry) []string {
	out := make([]string, len(list))
	for i, e := range list {
		out[i] = e.Title
	}
	return out
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func loadEntries(t *testing.T, dir string) []Entry {
	t.Helper()
	roots, _ := ResolveRoots([]string{dir})
	files, _ := Scan(roots)
	entries, problems := Entries(files, LoadOptions{}, nil)
	if len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
	return entries
}

func TestUndatedFilesInNaturalPathOrder(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"ch10.md":  "# Zebra chapter ten\n",
		"ch2.md":   "# Yak chapter two\n",
		"ch1.md":   "# Xylophone chapter one\n",
		"news.md":  "---\ntitle: Dated news\ndate: 2024-05-01\n---\ntext\n",
		"older.md": "---\ntitle: Older news\ndate: 2023-05-01\n---\ntext\n",
	})
	list := loadEntries(t, dir)
	SortEntries(list, ByDate)
	want := []string{"Dated news", "Older news", "Xylophone chapter one", "Yak chapter two", "Zebra chapter ten"}
	if got := titles(list); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("by date: %q\nwant %q", got, want)
	}
	SortEntries(list, ByTitle)
	want = []string{"Dated news", "Older news", "Xylophone chapter one", "Yak chapter two", "Zebra chapter ten"}
	if got := titles(list); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("by title: %q\nwant %q", got, want)
	}
	SortEntries(list, ByPath)
	want = []string{"Xylophone chapter one", "Yak chapter two", "Zebra chapter ten", "Dated news", "Older news"}
	if got := titles(list); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("by path: %q\nwant %q", got, want)
	}
}

func TestReadmeWithOrderedLinksIsReadingOrder(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"README.md":         "# Field guide\n\n1. [Start here](zz-start.md)\n2. [Then this](aa-then.html)\n3. [Last](parts/mm-last.md#top)\n",
		"zz-start.md":       "# Start\n",
		"aa-then.md":        "# Then\n",
		"parts/mm-last.md":  "# Last\n",
		"appendix.md":       "# Appendix\n",
		"other/README.md":   "# Notes\n\n- [a bullet list](../zz-start.md)\n- [is no order](../aa-then.md)\n",
		"other/b-second.md": "# B second\n",
	})
	list := loadEntries(t, dir)
	SortEntries(list, ByDate)
	want := []string{"Field guide", "Start", "Then", "Last", "Appendix", "B second", "Notes"}
	if got := titles(list); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("reading order: %q\nwant %q", got, want)
	}
	next, ok := NextInReadingOrder(list, filepath.Join(dir, "zz-start.md"))
	if !ok || next.Title != "Then" {
		t.Errorf("after Start comes %q, want Then", next.Title)
	}
	if _, ok := NextInReadingOrder(list, filepath.Join(dir, "other", "README.md")); ok {
		t.Error("the last file has a next one")
	}
}

// TestRustBookInSummaryOrder lists the Rust book's chapters (real material:
// ../shared/corpora) and checks they come in the order of its SUMMARY.md,
// not by title.
func TestRustBookInSummaryOrder(t *testing.T) {
	src, _ := filepath.Abs(filepath.Join("..", "..", "shared", "corpora", "rust-book", "src"))
	summary, err := os.ReadFile(filepath.Join(src, "SUMMARY.md"))
	if err != nil {
		t.Skipf("the Rust book is not in ../shared/corpora: %v", err)
	}
	var want []string
	for _, m := range regexp.MustCompile(`\]\(([^)]+\.md)\)`).FindAllStringSubmatch(string(summary), -1) {
		want = append(want, filepath.Join(src, m[1]))
	}
	list := loadEntries(t, src)
	SortEntriesByDate(list)
	var got []string
	for _, e := range list {
		// A chapter that opens with "## Installation" is titled by it,
		// not by its file name.
		if filepath.Base(e.Path) == "ch01-01-installation.md" && e.Title != "Installation" {
			t.Errorf("ch01-01-installation.md is titled %q", e.Title)
		}
		if e.Path != filepath.Join(src, "SUMMARY.md") && e.Date.IsZero() {
			got = append(got, e.Path)
		}
	}
	got = got[:min(len(got), len(want))]
	for i := range want {
		if i >= len(got) || got[i] != want[i] {
			t.Fatalf("entry %d is %s, want %s (SUMMARY.md order)", i, got[min(i, len(got)-1)], want[i])
		}
	}
}

func TestNaturalCompare(t *testing.T) {
	less := [][2]string{
		{"ch2", "ch10"}, {"Chapter 9", "chapter 10"}, {"a/z.md", "a-b.md"}, {"ch01-02", "ch01-10"},
		{"file", "file2"}, {"x007", "x8"},
	}
	for _, p := range less {
		if naturalCompare(p[0], p[1]) >= 0 || naturalCompare(p[1], p[0]) <= 0 {
			t.Errorf("%q should come before %q", p[0], p[1])
		}
	}
	if naturalCompare("ch02", "ch2") != 0 && naturalCompare("ch02", "ch2") == naturalCompare("ch2", "ch02") {
		t.Error("not antisymmetric on leading zeros")
	}
}

func TestParseSortKey(t *testing.T) {
	for _, k := range SortKeys {
		got, err := ParseSortKey(strings.ToUpper(k.String()))
		if err != nil || got != k {
			t.Errorf("ParseSortKey(%q) = %v, %v", k, got, err)
		}
	}
	if _, err := ParseSortKey("size"); err == nil {
		t.Error("size is no sort key")
	}
	if ByPath.Next() != ByDate || ByDate.Next() != ByTitle {
		t.Error("Next does not cycle date, title, path")
	}
}

// BenchmarkSortEntries sorts a library of 40,000 entries, half of them
// undated chapters of books with a SUMMARY.md each.
func BenchmarkSortEntries(b *testing.B) {
	var list []Entry
	for book := range 400 {
		dir := "/lib/book" + strings.Repeat("x", book%7) + "/" + string(rune('a'+book%26)) + "/"
		toc := Entry{Path: dir + "SUMMARY.md", Title: "Contents"}
		for ch := range 50 {
			name := "ch" + itoa(ch) + ".md"
			toc.Contents = append(toc.Contents, name)
			list = append(list, Entry{Path: dir + name, Title: "Chapter " + itoa(ch)})
		}
		list = append(list, toc)
		for n := range 49 {
			list = append(list, Entry{Path: dir + "news" + itoa(n) + ".md", Title: "News " + itoa(n),
				Date: time.Date(2024, 1, 1+n, 0, 0, 0, 0, time.UTC)})
		}
	}
	work := make([]Entry, len(list))
	for _, key := range SortKeys {
		b.Run(key.String(), func(b *testing.B) {
			for b.Loop() {
				copy(work, list)
				SortEntries(work, key)
			}
		})
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
