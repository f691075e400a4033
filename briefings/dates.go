package briefings

import (
	"strconv"
	"strings"
	"time"
)

// Dates as pasted articles write them on a line of their own, or at the
// start of one: "2024-11-21", "21 November 2024", "Nov. 21, 2024",
// "date 2024-11-21", "Published: Thursday 21 Nov 2024 14.02 GMT", and the
// wire-service dateline "KYIV, Nov 21 (Reuters) -" that opens a story.

// monthNames maps English month names and their usual abbreviations to
// months.
var monthNames = map[string]time.Month{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
	"apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
	"aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
	"oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}

const (
	monthRE   = `(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`
	dayRE     = `(\d{1,2})(?:st|nd|rd|th)?`
	weekdayRE = `(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?`
	// A time after the date: "14.02 GMT", "at 3:02 p.m. ET", "10:30 UTC".
	clockRE = `(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4}\b)?)?`
	// Words that announce a date: "date 2024-11-21", "Published: ...".
	dateWordRE = `(?:(?:date[d]?|published|updated|posted|first published|last updated)\s*:?\s+(?:on\s+)?)?`
)

var (
	isoDateRE = lazyRegexp(`^(?i)` + dateWordRE + weekdayRE + `(\d{4})[-/](\d{1,2})[-/](\d{1,2})\b` + clockRE)
	dmyDateRE = lazyRegexp(`^(?i)` + dateWordRE + weekdayRE + dayRE + `\s+` + monthRE + `,?\s+(\d{4})\b` + clockRE)
	mdyDateRE = lazyRegexp(`^(?i)` + dateWordRE + weekdayRE + monthRE + `\s+` + dayRE + `,?\s+(\d{4})\b` + clockRE)
	// datelineRE is "CITY, Mon DD (Agency) -" or "CITY (Agency) -", the
	// place in capitals; the year is often left out.
	datelineRE = lazyRegexp(`^(\p{Lu}[\p{Lu} .'’-]*\p{Lu}(?:,\s+[\p{L} .'’-]+?)?)` +
		`(?:,\s+` + `(?i:` + monthRE + `)\s+` + dayRE + `(?:,\s+(\d{4}))?)?` +
		`\s+\(([^()\n]{2,40})\)\s*[-–—]+\s`)
)

// leadingDate finds a date at the start of line. It returns the date, the
// text after it (separators trimmed), and ok.
func leadingDate(line string) (d time.Time, rest string, ok bool) {
	line = strings.TrimSpace(line)
	if m := isoDateRE().FindStringSubmatch(line); m != nil {
		if d, ok := makeDate(m[1], monthNumber(m[2]), m[3]); ok {
			return d, afterDate(line[len(m[0]):]), true
		}
	}
	if m := dmyDateRE().FindStringSubmatch(line); m != nil {
		if d, ok := makeDate(m[3], monthNames[strings.ToLower(m[2])], m[1]); ok {
			return d, afterDate(line[len(m[0]):]), true
		}
	}
	if m := mdyDateRE().FindStringSubmatch(line); m != nil {
		if d, ok := makeDate(m[3], monthNames[strings.ToLower(m[1])], m[2]); ok {
			return d, afterDate(line[len(m[0]):]), true
		}
	}
	return time.Time{}, line, false
}

// afterDate is what follows a date on its line, without the separator
// between them; "" when the text goes on without one ("2024-11-21x").
func afterDate(s string) string {
	return strings.TrimSpace(strings.TrimLeft(s, " \t-–—|·,;:"))
}

// dateline is a wire-service dateline opening a paragraph.
type dateline struct {
	place, agency string
	month         time.Month
	day, year     int // year 0: the dateline has none
}

// findDateline reads a dateline at the start of line.
func findDateline(line string) (dateline, bool) {
	m := datelineRE().FindStringSubmatch(strings.TrimSpace(line))
	if m == nil {
		return dateline{}, false
	}
	dl := dateline{place: strings.TrimSpace(m[1]), agency: strings.TrimSpace(m[5])}
	if m[2] != "" {
		dl.month = monthNames[strings.ToLower(strings.TrimSuffix(m[2], "."))]
		dl.day, _ = strconv.Atoi(m[3])
		dl.year, _ = strconv.Atoi(m[4])
		if dl.day < 1 || dl.day > 31 {
			return dateline{}, false
		}
	}
	return dl, true
}

// dateIn returns the dateline's date, taking a missing year from ref: the
// latest such day not after ref (a story is dated before it is saved).
func (dl dateline) dateIn(ref time.Time) (time.Time, bool) {
	if dl.month == 0 {
		return time.Time{}, false
	}
	year := dl.year
	if year == 0 {
		if ref.IsZero() {
			return time.Time{}, false
		}
		year = ref.Year()
		if d := time.Date(year, dl.month, dl.day, 0, 0, 0, 0, time.UTC); d.After(ref) {
			year--
		}
	}
	d, ok := makeDate(strconv.Itoa(year), dl.month, strconv.Itoa(dl.day))
	return d, ok
}

func monthNumber(s string) time.Month {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 12 {
		return 0
	}
	return time.Month(n)
}

// makeDate checks a day that exists (no 31 November) in a plausible year.
func makeDate(year string, month time.Month, day string) (time.Time, bool) {
	y, err1 := strconv.Atoi(year)
	d, err2 := strconv.Atoi(day)
	if err1 != nil || err2 != nil || month < 1 || month > 12 || y < 1800 || y > 2999 {
		return time.Time{}, false
	}
	t := time.Date(y, month, d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || t.Month() != month {
		return time.Time{}, false
	}
	return t, true
}
