package index

import (
	"fmt"
	"strings"
	"time"
)

// dateValue parses the value of date:, one of 2024, 2024-11, 2024-11-21
// (that whole year, month or day), >D, >=D, <D, <=D, or D..D with either
// side open.
func (p *parser) dateValue(c *clause) error {
	start := p.i
	word := p.peekWord()
	p.i += len(word)
	c.kind = kindDate
	var err error
	c.from, c.to, err = p.dateRange(word, start)
	return err
}

// dateRange reads one date value (see dateValue), typed at start, as the
// range [from, to); a zero time is an open end.
func (p *parser) dateRange(word string, start int) (from, to time.Time, err error) {
	bad := func(s string) error {
		return p.errAt(start, fmt.Sprintf("%q is not a date; write dates as 2024, 2024-11 or 2024-11-21, as in date:>=2024-06 or date:2023..2024", s))
	}
	period := func(s string) (time.Time, time.Time, error) {
		for _, layout := range []struct {
			format string
			years  int
			months int
			days   int
		}{{"2006-01-02", 0, 0, 1}, {"2006-01", 0, 1, 0}, {"2006", 1, 0, 0}} {
			if t, err := time.Parse(layout.format, s); err == nil && len(s) == len(layout.format) {
				return t, t.AddDate(layout.years, layout.months, layout.days), nil
			}
		}
		return time.Time{}, time.Time{}, bad(s)
	}
	switch {
	case strings.HasPrefix(word, ">="):
		from, _, err = period(word[2:])
	case strings.HasPrefix(word, ">"):
		_, from, err = period(word[1:])
	case strings.HasPrefix(word, "<="):
		_, to, err = period(word[2:])
	case strings.HasPrefix(word, "<"):
		to, _, err = period(word[1:])
	case strings.Contains(word, ".."):
		lo, hi, _ := strings.Cut(word, "..")
		if lo == "" && hi == "" {
			return from, to, bad(word)
		}
		if lo != "" {
			if from, _, err = period(lo); err != nil {
				return from, to, err
			}
		}
		if hi != "" {
			_, to, err = period(hi)
		}
	default:
		from, to, err = period(word)
	}
	if err != nil {
		return from, to, err
	}
	if !from.IsZero() && !to.IsZero() && !from.Before(to) {
		return from, to, p.errAt(start, fmt.Sprintf("the date range %q is empty: its start comes after its end", word))
	}
	return from, to, nil
}
