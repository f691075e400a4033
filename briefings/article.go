package briefings

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// What a pasted article says about itself in its first lines: a title, a
// date, a "By NAME" line, a wire-service dateline. brief takes them as the
// briefing's metadata and leaves the lines that only said that out of the
// text, so nothing shows twice. Every guess is recorded as a Detection,
// which brief show --toc prints.

// Detection is one piece of metadata read from the text of a plain-text
// briefing rather than from front matter.
type Detection struct {
	// Field is "title", "date", "author" or "source".
	Field string
	// Value is what was taken, as shown ("21 November 2024").
	Value string
	// Line is the 1-based line of the file it was read from.
	Line int
	// From is that line as written, shortened.
	From string
	// Note says more when the guess needed help ("year from the file's
	// date").
	Note string
}

// String formats the detection as `date 21 November 2024 (line 1: "date
// 2024-11-21 …")`.
func (d Detection) String() string {
	s := fmt.Sprintf("%s %s (line %d: %q", d.Field, d.Value, d.Line, d.From)
	if d.Note != "" {
		s += "; " + d.Note
	}
	return s + ")"
}

// maxHeaderLines is how far into a plain-text file metadata is looked for.
const maxHeaderLines = 12

// articleHeader is what the first lines of a plain-text article say.
type articleHeader struct {
	title, author, source string
	date                  time.Time
	dateline              *dateline // a dateline whose year must come from the file's date
	datelineAt            int
	detected              []Detection
}

// byLineRE is an author line: "By Jane Doe", "BY JANE DOE and JOHN ROE",
// "Author: Jane Doe".
var byLineRE = lazyRegexp(`^(?i:by|author:|authors:|written by)\s+(.+?)\s*$`)

// readHeader looks at the first lines of a plain-text body for metadata.
// It returns what it found and the body's lines with the lines that only
// held metadata made blank (a date at the start of a line is cut from it),
// so that line numbers stay those of the file. firstLine is the 1-based
// line number of lines[0] in the file.
func readHeader(lines []string, firstLine int) (articleHeader, []string) {
	var h articleHeader
	out := append([]string(nil), lines...)
	for i := 0; i < len(out) && i < maxHeaderLines; i++ {
		line := strings.TrimSpace(out[i])
		if line == "" {
			continue
		}
		lineNo := firstLine + i
		// A line of metadata stands alone: a blank line (or another line
		// of metadata) follows it.
		alone := i+1 >= len(out) || strings.TrimSpace(out[i+1]) == "" || isMetaLine(out[i+1])
		if h.date.IsZero() {
			if d, rest, ok := leadingDate(line); ok {
				h.date = d
				h.detected = append(h.detected, Detection{Field: "date", Value: d.Format("2 January 2006"), Line: lineNo, From: shorten(line)})
				out[i] = rest
				if line = rest; line == "" {
					continue
				}
			}
		}
		if h.author == "" && alone {
			if name, ok := authorLine(line); ok {
				h.author = name
				h.detected = append(h.detected, Detection{Field: "author", Value: name, Line: lineNo, From: shorten(line)})
				out[i] = ""
				continue
			}
		}
		if h.title == "" && alone && titleShaped(line) {
			h.title = cleanLine(line)
			h.detected = append(h.detected, Detection{Field: "title", Value: h.title, Line: lineNo, From: shorten(line)})
			out[i] = ""
			continue
		}
		// The first paragraph: a dateline may open it; the metadata ends.
		if dl, ok := findDateline(line); ok {
			h.readDateline(dl, lineNo, line)
		}
		break
	}
	return h, out
}

// readDateline records what a dateline says: the agency as the source,
// and the date unless one was found already. The dateline stays in the
// text: it names the place the story was filed from.
func (h *articleHeader) readDateline(dl dateline, lineNo int, line string) {
	from := shorten(line)
	if h.source == "" && dl.agency != "" {
		h.source = dl.agency
		h.detected = append(h.detected, Detection{Field: "source", Value: dl.agency, Line: lineNo, From: from})
	}
	if !h.date.IsZero() || dl.month == 0 {
		return
	}
	if dl.year != 0 {
		h.date, _ = dl.dateIn(time.Time{})
		h.detected = append(h.detected, Detection{Field: "date", Value: h.date.Format("2 January 2006"), Line: lineNo, From: from})
		return
	}
	h.dateline, h.datelineAt = &dl, len(h.detected)
	h.detected = append(h.detected, Detection{Field: "date", Value: fmt.Sprintf("%d %s", dl.day, dl.month), Line: lineNo, From: from,
		Note: "the dateline has no year"})
}

// settleDate gives a dateline without a year the year of ref (the file's
// modification time): the latest such day not after it.
func (h *articleHeader) settleDate(ref time.Time) {
	if h.dateline == nil {
		return
	}
	if d, ok := h.dateline.dateIn(ref); ok {
		h.date = d
		h.detected[h.datelineAt].Value = d.Format("2 January 2006")
		h.detected[h.datelineAt].Note = "the dateline has no year: the year is the file's"
	}
}

// nameLinks are the lower-case words a byline's names may hold: "Jane
// Doe and John Roe in Kyiv", "Ludwig van Beethoven".
var nameLinks = map[string]bool{
	"and": true, "&": true, "in": true, "of": true, "for": true, "with": true,
	"de": true, "da": true, "del": true, "di": true, "van": true, "von": true, "der": true,
	"den": true, "la": true, "le": true, "du": true, "al": true, "bin": true, "y": true,
}

// authorLine reads "By NAME": a short line whose words after "By" are
// names (capitalised, but for the small words names hold), without a full
// stop at the end. "By the end of the year" is no author.
func authorLine(line string) (string, bool) {
	m := byLineRE().FindStringSubmatch(line)
	if m == nil {
		return "", false
	}
	name := strings.TrimRight(m[1], " ,;|–—-")
	words := strings.Fields(name)
	if len(words) == 0 || len(words) > 10 || utf8.RuneCountInString(name) > 80 {
		return "", false
	}
	for i, w := range words {
		w = strings.Trim(w, ",;|()")
		first, _ := utf8.DecodeRuneInString(w)
		switch {
		case w == "" || nameLinks[strings.ToLower(w)] && i > 0:
		case unicode.IsLower(first) || unicode.IsDigit(first):
			return "", false
		case i == len(words)-1 && strings.HasSuffix(w, ".") && utf8.RuneCountInString(w) > 2:
			return "", false // a sentence, not an initial ("John Q.")
		}
	}
	return cleanLine(name), true
}

// isMetaLine reports whether a line is a date or an author line, which
// may follow a title without a blank line between.
func isMetaLine(line string) bool {
	line = strings.TrimSpace(line)
	if _, rest, ok := leadingDate(line); ok && rest == "" {
		return true
	}
	_, ok := authorLine(line)
	return ok
}

// titleShaped reports whether a line reads as a title: short, not ending
// like a sentence, starting with a capital, a digit or an uncased letter.
func titleShaped(line string) bool {
	return headingShaped(textBlock{lines: []string{line}})
}

// shorten cuts a line for display in a detection.
func shorten(line string) string {
	const max = 60
	if utf8.RuneCountInString(line) <= max {
		return line
	}
	r := []rune(line)
	return strings.TrimRightFunc(string(r[:max]), unicode.IsSpace) + "…"
}
