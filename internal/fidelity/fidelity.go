// Package fidelity measures whether the words brief shows are the words of
// a markdown file, with real material as the oracle: the examples of the
// CommonMark specification (markdown in, reference HTML out) and
// cmark-gfm's plain text of real files. Tests in the packages that show text
// (render, export, briefings, ui) use it; it is test support, not product.
package fidelity

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"unicode"
)

// Example is one example of the CommonMark specification.
type Example struct {
	Number   int    `json:"example"`
	Section  string `json:"section"`
	Markdown string `json:"markdown"`
	HTML     string `json:"html"`
}

// SharedDir returns the project's shared material folder (../shared beside
// the module root, or $BRIEF_SHARED), or "" when it is absent.
func SharedDir() string {
	if dir := os.Getenv("BRIEF_SHARED"); dir != "" {
		return dir
	}
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return ""
	}
	for dir := filepath.Dir(file); ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			shared := filepath.Join(dir, "..", "shared")
			if info, err := os.Stat(shared); err == nil && info.IsDir() {
				return shared
			}
			return ""
		}
		if filepath.Dir(dir) == dir {
			return ""
		}
	}
}

// Skipper is the part of testing.TB that Spec and RustBook need.
type Skipper interface {
	Helper()
	Skip(args ...any)
	Fatal(args ...any)
}

// Spec loads the CommonMark examples, or skips the test when the shared
// material is absent.
func Spec(t Skipper) []Example {
	t.Helper()
	dir := SharedDir()
	if dir == "" {
		t.Skip("../shared is absent: the CommonMark examples are not here")
	}
	data, err := os.ReadFile(filepath.Join(dir, "corpora", "commonmark-spec.json"))
	if err != nil {
		t.Skip("no CommonMark examples: ", err)
	}
	var examples []Example
	if err := json.Unmarshal(data, &examples); err != nil {
		t.Fatal("commonmark-spec.json: ", err)
	}
	return examples
}

// RustBook returns the paths of the Rust book's chapters, or skips the test
// when the shared material is absent.
func RustBook(t Skipper) []string {
	t.Helper()
	dir := SharedDir()
	if dir == "" {
		t.Skip("../shared is absent: the Rust book is not here")
	}
	files, err := filepath.Glob(filepath.Join(dir, "corpora", "rust-book", "src", "*.md"))
	if err != nil || len(files) == 0 {
		t.Skip("no Rust book chapters under ", dir)
	}
	return files
}

// Words splits text into words as fidelity.py does: runs of letters and
// digits (an underscore separates words).
func Words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !isWordRune(r) })
}

// Missing returns the words of want that got lacks, counted as multisets
// and ignoring case.
func Missing(want, got []string) []string {
	have := map[string]int{}
	for _, w := range got {
		have[strings.ToLower(w)]++
	}
	var lost []string
	for _, w := range want {
		if have[strings.ToLower(w)] > 0 {
			have[strings.ToLower(w)]--
		} else {
			lost = append(lost, w)
		}
	}
	return lost
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}

// Token is a word brief must show, or with Within set, a run of words it
// may show at that place, each of them found in Within (the destination it
// prints after a link's text, the "Image" label before an image's
// description).
type Token struct {
	Word   string
	Within string
}

// Required makes tokens of words that must all be shown.
func Required(words []string) []Token {
	out := make([]Token, len(words))
	for i, w := range words {
		out[i] = Token{Word: w}
	}
	return out
}

// Match reports whether got, the words brief showed, are the wanted words
// in order, optional runs taken or left. Case is ignored: a style may set a
// heading in capitals. On a mismatch it says where the two part.
func Match(want []Token, got []string) (bool, string) {
	type key struct{ i, j int }
	memo := map[key]bool{}
	best := key{}
	var match func(i, j int) bool
	match = func(i, j int) bool {
		if i > best.i || i == best.i && j > best.j {
			best = key{i, j}
		}
		if i == len(want) {
			return j == len(got)
		}
		k := key{i, j}
		if v, ok := memo[k]; ok {
			return v
		}
		ok := false
		t := want[i]
		if t.Within != "" {
			within := strings.ToLower(t.Within)
			for k := j; !ok; k++ {
				if ok = match(i+1, k); ok || k == len(got) || !strings.Contains(within, strings.ToLower(got[k])) {
					break
				}
			}
		} else if j < len(got) && strings.EqualFold(t.Word, got[j]) {
			ok = match(i+1, j+1)
		}
		memo[k] = ok
		return ok
	}
	if match(0, 0) {
		return true, ""
	}
	return false, fmt.Sprintf("parted after %d wanted words: want %s, got %s",
		best.i, describe(want[best.i:]), quoteWords(got[min(best.j, len(got)):]))
}

func describe(ts []Token) string {
	var parts []string
	for _, t := range ts[:min(len(ts), 8)] {
		if t.Within != "" {
			parts = append(parts, "[words of "+t.Within+"]?")
		} else {
			parts = append(parts, t.Word)
		}
	}
	if len(parts) == 0 {
		return "(end)"
	}
	return strings.Join(parts, " ")
}

func quoteWords(ws []string) string {
	if len(ws) == 0 {
		return "(end)"
	}
	return strings.Join(ws[:min(len(ws), 8)], " ")
}

// CheckExamples runs show on every CommonMark example and reports, as one
// test error, the examples whose words are not the reference HTML's words
// in order. show returns the words a view of brief shows for the
// example's markdown; titled is true when that view adds the briefing's
// title (brief's own title line) before the text, whose words may then
// come first.
func CheckExamples(t interface {
	Skipper
	Errorf(format string, args ...any)
}, show func(e Example) (words []string, title string)) {
	t.Helper()
	var failed []string
	for _, e := range Spec(t) {
		got, title := show(e)
		want := HTMLTokens(e.HTML)
		if title != "" {
			want = append([]Token{{Within: title}}, want...)
		}
		if ok, why := Match(want, got); !ok {
			failed = append(failed, fmt.Sprintf("example %d (%s) %q: %s", e.Number, e.Section, e.Markdown, why))
		}
	}
	if len(failed) > 0 {
		t.Errorf("%d of the CommonMark examples do not show their words:\n%s", len(failed), strings.Join(failed, "\n"))
	}
}
