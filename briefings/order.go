package briefings

import (
	"fmt"
	"net/url"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/yuin/goldmark/ast"
)

// The order of a library. Dated briefings come newest first; undated ones,
// such as the chapters of a book, come in reading order: the order of the
// book's table of contents (an mdBook SUMMARY.md, or a README.md or
// index.md made of an ordered list of links), else their paths in natural
// order, so that ch2 comes before ch10.

// SortKey is an order of the library list.
type SortKey int

const (
	// ByDate is newest first, then the undated in reading order.
	ByDate SortKey = iota
	// ByTitle is by title, in natural order ("Part 2" before "Part 10").
	ByTitle
	// ByPath is by path, in natural order.
	ByPath
)

// SortKeys lists the orders, as ParseSortKey reads them.
var SortKeys = []SortKey{ByDate, ByTitle, ByPath}

// String returns "date", "title" or "path".
func (k SortKey) String() string {
	switch k {
	case ByTitle:
		return "title"
	case ByPath:
		return "path"
	}
	return "date"
}

// Next returns the order after k, for a key that cycles through them.
func (k SortKey) Next() SortKey {
	return SortKeys[(slices.Index(SortKeys, k)+1)%len(SortKeys)]
}

// ParseSortKey reads "date", "title" or "path".
func ParseSortKey(s string) (SortKey, error) {
	for _, k := range SortKeys {
		if strings.EqualFold(strings.TrimSpace(s), k.String()) {
			return k, nil
		}
	}
	return ByDate, fmt.Errorf("%q is not one of date, title, path", s)
}

// SortEntriesByDate orders entries newest first, then the undated in
// reading order (SortEntries with ByDate).
func SortEntriesByDate(list []Entry) { SortEntries(list, ByDate) }

// entryKey is what an entry is sorted by, computed once per entry.
type entryKey struct {
	date   time.Time
	title  string
	anchor string // the path it is read after: its own, or its book's contents
	pos    int    // its place in that book's contents; -1 for its own path
	i      int
}

// SortEntries orders entries by key. It computes each entry's key once,
// then moves each entry once: a library of 40,000 sorts in milliseconds.
func SortEntries(list []Entry, key SortKey) {
	keys := readingKeys(list)
	slices.SortStableFunc(keys, func(a, b entryKey) int {
		switch key {
		case ByTitle:
			if c := naturalCompare(a.title, b.title); c != 0 {
				return c
			}
		case ByPath:
			return naturalCompare(list[a.i].Path, list[b.i].Path)
		default:
			if c := b.date.Compare(a.date); c != 0 {
				return c
			}
		}
		return compareReading(a, b)
	})
	sorted := make([]Entry, len(list))
	for i, k := range keys {
		sorted[i] = list[k.i]
	}
	copy(list, sorted)
}

func compareReading(a, b entryKey) int {
	if c := naturalCompare(a.anchor, b.anchor); c != 0 {
		return c
	}
	return a.pos - b.pos
}

// NextInReadingOrder returns the entry read after the one at path: the
// next chapter of its book, or the next file by path.
func NextInReadingOrder(list []Entry, path string) (Entry, bool) {
	keys := readingKeys(list)
	at := slices.IndexFunc(keys, func(k entryKey) bool { return list[k.i].Path == path })
	if at < 0 {
		return Entry{}, false
	}
	best := -1
	for j, k := range keys {
		if j != at && compareReading(k, keys[at]) > 0 && (best < 0 || compareReading(k, keys[best]) < 0) {
			best = j
		}
	}
	if best < 0 {
		return Entry{}, false
	}
	return list[keys[best].i], true
}

// readingKeys computes the sort keys of the entries: each file listed in
// a table of contents is read after that file, in its order there. A
// SUMMARY.md wins over a README.md or index.md listing the same file.
func readingKeys(list []Entry) []entryKey {
	keys := make([]entryKey, len(list))
	byPath := make(map[string]int, len(list))
	for i, e := range list {
		keys[i] = entryKey{date: e.Date, title: strings.ToLower(e.Title), anchor: e.Path, pos: -1, i: i}
		byPath[e.Path] = i
	}
	var tocs []int
	for i, e := range list {
		if len(e.Contents) > 0 {
			tocs = append(tocs, i)
		}
	}
	slices.SortStableFunc(tocs, func(a, b int) int {
		return boolRank(isSummary(list[a].Path)) - boolRank(isSummary(list[b].Path))
	})
	placed := make(map[int]bool)
	for _, t := range tocs {
		toc := list[t]
		// A book comes first in its folder: its contents, then the
		// chapters in their order there.
		group := folderOf(toc.Path)
		keys[t].anchor = group
		for pos, target := range toc.Contents {
			j, ok := findListed(byPath, toc.Path, target)
			if !ok || j == t || placed[j] {
				continue
			}
			placed[j] = true
			keys[j].anchor, keys[j].pos = group, pos
		}
	}
	return keys
}

// folderOf returns the folder part of a path, with its final separator:
// it sorts before every file in the folder.
func folderOf(p string) string {
	return p[:strings.LastIndexAny(p, "/\\:")+1]
}

func boolRank(b bool) int {
	if b {
		return 0
	}
	return 1
}

func isSummary(p string) bool {
	return strings.EqualFold(path.Base(strings.ReplaceAll(p, "\\", "/")), "SUMMARY.md")
}

// findListed finds the entry a table of contents at tocPath lists as
// target (relative to its folder): "ch01.html" stands for "ch01.md".
func findListed(byPath map[string]int, tocPath, target string) (int, bool) {
	var candidate string
	if rest, builtin := strings.CutPrefix(tocPath, BuiltinPrefix); builtin {
		candidate = BuiltinPrefix + path.Join(path.Dir(rest), target)
	} else {
		candidate = filepath.Join(filepath.Dir(tocPath), filepath.FromSlash(target))
	}
	if j, ok := byPath[candidate]; ok {
		return j, true
	}
	if md, ok := markdownTwin(candidate); ok {
		j, ok := byPath[md]
		return j, ok
	}
	return 0, false
}

// isContentsName reports whether a file may be a table of contents, and
// whether it is a SUMMARY.md.
func isContentsName(name string) (summary, ok bool) {
	base := strings.ToLower(path.Base(strings.ReplaceAll(name, "\\", "/")))
	switch base {
	case "summary.md":
		return true, true
	case "readme.md", "index.md":
		return false, true
	}
	return false, false
}

// contents returns the files a table of contents lists, in order, as
// paths relative to its folder: every local link of a SUMMARY.md, or the
// links that open the items of an ordered list in a README.md or index.md
// (at least two). Other files list nothing.
func (b *Briefing) contents() []string {
	summary, ok := isContentsName(b.Path)
	if !ok || b.Format != Markdown {
		return nil
	}
	t := ParseMarkdown(b.Text[b.BodyStart:], b.Refs)
	var out []string
	seen := make(map[string]bool)
	add := func(dest []byte) {
		if p, ok := localTarget(string(dest)); ok && !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	_ = ast.Walk(t.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if l, ok := n.(*ast.Link); ok && summary {
			add(l.Destination)
		}
		if list, ok := n.(*ast.List); ok && !summary && list.IsOrdered() {
			for item := list.FirstChild(); item != nil; item = item.NextSibling() {
				if l := firstLink(item); l != nil {
					add(l.Destination)
				}
			}
		}
		return ast.WalkContinue, nil
	})
	if !summary && len(out) < 2 {
		return nil
	}
	return out
}

// firstLink returns the link that opens a list item's text, or nil.
func firstLink(item ast.Node) *ast.Link {
	block := item.FirstChild()
	if block == nil {
		return nil
	}
	l, _ := block.FirstChild().(*ast.Link)
	return l
}

// localTarget returns the path of a link to a file of the library, cleaned
// and relative to the linking file's folder, or ok == false.
func localTarget(dest string) (string, bool) {
	if URLKindOf(dest) != RelativeURL {
		return "", false
	}
	u, err := url.Parse(dest)
	if err != nil || u.Path == "" || path.IsAbs(u.Path) {
		return "", false
	}
	p := path.Clean(u.Path)
	if strings.HasPrefix(p, "../") || p == ".." {
		return "", false
	}
	return p, true
}

// naturalCompare compares strings as people order names: letters without
// regard to case, runs of digits by their value ("ch2" before "ch10"),
// and "/" before any other character, so that paths compare folder by
// folder.
func naturalCompare(a, b string) int {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		ca, cb := a[i], b[j]
		if isDigit(ca) && isDigit(cb) {
			si, sj := i, j
			for i < len(a) && isDigit(a[i]) {
				i++
			}
			for j < len(b) && isDigit(b[j]) {
				j++
			}
			na := strings.TrimLeft(a[si:i], "0")
			nb := strings.TrimLeft(b[sj:j], "0")
			if len(na) != len(nb) {
				return len(na) - len(nb)
			}
			if c := strings.Compare(na, nb); c != 0 {
				return c
			}
			continue
		}
		la, lb := foldByte(ca), foldByte(cb)
		if la != lb {
			return int(la) - int(lb)
		}
		i++
		j++
	}
	return (len(a) - i) - (len(b) - j)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// foldByte lower-cases ASCII letters and puts path separators first.
func foldByte(c byte) byte {
	switch {
	case c == '/' || c == '\\':
		return 0
	case c >= 'A' && c <= 'Z':
		return c + 'a' - 'A'
	}
	return c
}
