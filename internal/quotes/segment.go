package quotes

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/clipperhouse/uax29/v2/sentences"
)

// Where a passage to highlight starts and ends, in a section's plain text:
// sentences as Unicode text segmentation (UAX #29) finds them, a new line
// ending one too (a list item, a table row), and words as runs of
// characters between spaces, so that a word keeps its punctuation.

// Sentences returns the sentences of text as byte ranges, without the
// space around them.
func Sentences(text string) [][2]int {
	var out [][2]int
	it := sentences.FromString(text)
	for it.Next() {
		start, end := trimRange(text, it.Start(), it.End())
		if start < end {
			out = append(out, [2]int{start, end})
		}
	}
	return out
}

// SentenceAround returns the sentences of text that [start, end) touches,
// as one range without the space around it.
func SentenceAround(text string, start, end int) (int, int) {
	from, to := -1, -1
	for _, s := range Sentences(text) {
		if s[1] > start && s[0] < max(end, start+1) || s[0] <= start && start < s[1] {
			if from < 0 {
				from = s[0]
			}
			to = s[1]
		}
	}
	if from < 0 {
		return trimRange(text, start, end)
	}
	return from, to
}

// SentenceStart returns where the sentence holding off starts; if that is
// off itself, where the sentence before starts.
func SentenceStart(text string, off int) int {
	prev := 0
	for _, s := range Sentences(text) {
		if s[0] >= off {
			break
		}
		prev = s[0]
	}
	return prev
}

// SentenceLastWord returns where the last word of the sentence holding off
// starts; if that is off itself, the last word of the next sentence.
func SentenceLastWord(text string, off int) int {
	for _, s := range Sentences(text) {
		if s[1] <= off {
			continue
		}
		if last := WordStart(text, s[1]-1); last > off {
			return last
		}
	}
	return WordStart(text, max(len(text)-1, 0))
}

// WordStart returns where the word (run of characters other than space)
// holding off starts; at a space, the next word's start.
func WordStart(text string, off int) int {
	off = min(max(off, 0), len(text))
	if off < len(text) && isSpaceAt(text, off) {
		return NextWord(text, off)
	}
	for off > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:off])
		if unicode.IsSpace(r) {
			break
		}
		off -= size
	}
	return off
}

// WordEnd returns where the word holding off ends.
func WordEnd(text string, off int) int {
	off = WordStart(text, off)
	for off < len(text) {
		r, size := utf8.DecodeRuneInString(text[off:])
		if unicode.IsSpace(r) {
			break
		}
		off += size
	}
	return off
}

// NextWord returns where the word after the one holding off starts, or
// the end of the text.
func NextWord(text string, off int) int {
	off = min(max(off, 0), len(text))
	for off < len(text) && !isSpaceAt(text, off) {
		_, size := utf8.DecodeRuneInString(text[off:])
		off += size
	}
	for off < len(text) && isSpaceAt(text, off) {
		_, size := utf8.DecodeRuneInString(text[off:])
		off += size
	}
	return off
}

// PrevWord returns where the word before the one holding off starts.
func PrevWord(text string, off int) int {
	off = WordStart(text, off)
	for off > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:off])
		if !unicode.IsSpace(r) {
			break
		}
		off -= size
	}
	if off == 0 {
		return 0
	}
	_, size := utf8.DecodeLastRuneInString(text[:off])
	return WordStart(text, off-size)
}

func isSpaceAt(text string, off int) bool {
	r, _ := utf8.DecodeRuneInString(text[off:])
	return unicode.IsSpace(r)
}

// trimRange drops the space at both ends of text[start:end].
func trimRange(text string, start, end int) (int, int) {
	start, end = min(max(start, 0), len(text)), min(max(end, 0), len(text))
	if start >= end {
		return start, start
	}
	s := text[start:end]
	t := strings.TrimLeftFunc(s, unicode.IsSpace)
	start += len(s) - len(t)
	return start, start + len(strings.TrimRightFunc(t, unicode.IsSpace))
}
