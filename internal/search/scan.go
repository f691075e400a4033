package search

import (
	"bytes"
	"context"
	"io"
	"os"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/index"
)

// A quick scan answers a search without an index, from the files
// themselves: beside another brief that builds the index, when the disk is
// too full to hold it, when it is locked. It reads every file for the
// words of the query, then the files that hold most of them section by
// section. It is a first answer, not the index's: no stemming, no fuzzy
// words, no field or date syntax (those words are looked for as words).

// scanBudget is how long a quick scan may read files before it answers
// with what it found. (A variable for tests.)
var scanBudget = 1200 * time.Millisecond

// scanParseFiles bounds how many of the best matching files are read
// section by section, beyond the page of hits asked for.
const scanParseFiles = 40

// scanResult is a quick scan's answer and how much of the library it saw.
type scanResult struct {
	results *index.Results
	looked  int // files read
	files   int // files in the library
}

// quickScan searches the files of roots for the request's words, for at
// most budget.
func quickScan(ctx context.Context, roots []briefings.Root, req index.Request, opts briefings.LoadOptions, budget time.Duration) scanResult {
	terms, excluded := scanTerms(req.Query, req.AsYouType)
	files, _ := briefings.Scan(roots)
	if len(req.Paths) > 0 {
		want := map[string]bool{}
		for _, p := range req.Paths {
			want[p] = true
		}
		files = slices.DeleteFunc(files, func(f briefings.File) bool { return !want[f.Path] })
	}
	res := scanResult{results: &index.Results{}, files: len(files)}
	if len(terms) == 0 {
		return res
	}
	start := time.Now()
	ctx, cancel := context.WithTimeout(ctx, budget)
	defer cancel()
	matches := scanFiles(ctx, files, terms, excluded, opts, &res.looked)

	// The best files, read section by section.
	sort.SliceStable(matches, func(i, j int) bool { return matches[i].score > matches[j].score })
	limit := req.Limit
	if limit <= 0 {
		limit = 20
	}
	var hits []index.Hit
	for i, m := range matches {
		if i >= max(req.Offset, 0)+limit+scanParseFiles {
			break
		}
		b, err := briefings.ReadFile(m.file, opts)
		if err != nil || !hasTags(b, req.Tags) {
			continue
		}
		hits = append(hits, sectionHits(b, terms, excluded)...)
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].Score > hits[j].Score })
	res.results.Total = uint64(len(hits))
	from := min(max(req.Offset, 0), len(hits))
	res.results.Hits = hits[from:min(from+limit, len(hits))]
	res.results.Took = time.Since(start)
	return res
}

// fileMatch is a file that holds some of the words.
type fileMatch struct {
	file  briefings.File
	score int
}

// scanWorkers is how many files are read at once: more than the CPUs, as
// reading waits on the system.
var scanWorkers = max(4, 2*runtime.GOMAXPROCS(0))

// scanFiles reads the files, several at a time, until ctx is done, and
// returns those that hold at least one term and no excluded word.
func scanFiles(ctx context.Context, files []briefings.File, terms []term, excluded []string, opts briefings.LoadOptions, looked *int) []fileMatch {
	maxSize := opts.MaxSize
	if maxSize <= 0 {
		maxSize = 32 << 20
	}
	ascii := true // every term is ASCII: files can be lower-cased byte by byte
	for _, t := range terms {
		ascii = ascii && isASCII(t.text)
	}
	var next, count atomic.Int64
	var mu sync.Mutex
	var out []fileMatch
	var wg sync.WaitGroup
	for range scanWorkers {
		wg.Go(func() {
			var buf []byte
			for ctx.Err() == nil {
				i := int(next.Add(1)) - 1
				if i >= len(files) {
					return
				}
				f := files[i]
				if f.Size > maxSize {
					continue
				}
				var err error
				buf, err = readInto(buf[:0], f.Path, maxSize)
				count.Add(1)
				if err != nil {
					continue
				}
				lower := buf
				if ascii {
					lowerASCII(buf)
				} else {
					lower = bytes.ToLower(buf)
				}
				if score := fileScore(lower, terms, excluded); score > 0 {
					mu.Lock()
					out = append(out, fileMatch{file: f, score: score})
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	*looked = int(count.Load())
	return out
}

// readInto reads a file into buf, reusing its space, up to limit bytes.
func readInto(buf []byte, path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return buf, err
	}
	defer f.Close()
	for int64(len(buf)) < limit {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
	return buf, nil
}

// lowerASCII lower-cases the ASCII letters of b in place.
func lowerASCII(b []byte) {
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// fileScore rates a lower-cased file: the distinct terms it holds first,
// then how often; 0 when it holds none or an excluded word.
func fileScore(lower []byte, terms []term, excluded []string) int {
	for _, x := range excluded {
		if bytes.Contains(lower, []byte(x)) {
			return 0
		}
	}
	score := 0
	for _, t := range terms {
		if n := bytes.Count(lower, []byte(t.text)); n > 0 {
			score += 1000 + min(n, 999)
		}
	}
	return score
}

// sectionHits turns the sections of a briefing that hold the terms into
// hits: those with more distinct terms first, a term in the heading
// counting more than one in the text.
func sectionHits(b *briefings.Briefing, terms []term, excluded []string) []index.Hit {
	var date time.Time
	if !b.Date.IsZero() {
		date = b.Date
	}
	var hits []index.Hit
	add := func(anchor, heading string, path []string, ordinal int, md string) {
		text := briefings.PlainText(md, b.Refs)
		matches, distinct, inText := findTerms(text, terms)
		_, inHeading, _ := findTerms(heading, terms)
		if distinct == 0 && inHeading == 0 {
			return
		}
		for _, x := range excluded {
			if n, _, _ := findTerms(text, []term{{text: x}}); len(n) > 0 {
				return
			}
		}
		found := map[string]bool{}
		for _, m := range matches {
			found[strings.ToLower(text[m[0]:m[1]])] = true
		}
		h := index.Hit{Path: b.Path, RelPath: b.RelPath, Anchor: anchor, Title: b.Title, Heading: heading,
			HeadingPath: path, Ordinal: ordinal, Date: date, Tags: b.Tags,
			Score:    float64(max(distinct, inHeading))*10 + float64(inHeading)*3 + float64(min(inText, 20))/20,
			Snippets: index.Snippets(text, matches)}
		for w := range found {
			h.Terms = append(h.Terms, w)
		}
		sort.Strings(h.Terms)
		hits = append(hits, h)
	}
	add("", "", nil, 0, b.Lead)
	for i, s := range b.Sections {
		add(s.Anchor, s.Heading, b.HeadingPath(i), s.Ordinal, s.Body())
	}
	return hits
}

// findTerms finds the terms in text as words (or word starts, for
// prefixes), case folded. It returns their byte ranges, how many distinct
// terms occur, and how many times in all.
func findTerms(text string, terms []term) (ranges [][2]int, distinct, total int) {
	if text == "" {
		return nil, 0, 0
	}
	lower := strings.ToLower(text)
	sameOffsets := len(lower) == len(text)
	for _, t := range terms {
		n := 0
		for at := 0; at < len(lower); {
			i := strings.Index(lower[at:], t.text)
			if i < 0 {
				break
			}
			start, end := at+i, at+i+len(t.text)
			at = end
			if !wordStart(lower, start) || !t.prefix && !wordEnd(lower, end) {
				continue
			}
			n++
			if sameOffsets {
				if !t.prefix {
					ranges = append(ranges, [2]int{start, end})
				} else {
					ranges = append(ranges, [2]int{start, wordEndFrom(text, end)})
				}
			}
		}
		if n > 0 {
			distinct++
			total += n
		}
	}
	return ranges, distinct, total
}

func wordStart(s string, i int) bool {
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

func wordEnd(s string, i int) bool {
	if i >= len(s) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// wordEndFrom returns where the word that goes on at i ends.
func wordEndFrom(s string, i int) int {
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			break
		}
		i += n
	}
	return i
}

// hasTags reports whether a briefing has every tag.
func hasTags(b *briefings.Briefing, tags []string) bool {
	for _, want := range tags {
		found := false
		for _, t := range b.Tags {
			found = found || strings.EqualFold(strings.TrimSpace(t), strings.TrimSpace(want))
		}
		if !found {
			return false
		}
	}
	return true
}
