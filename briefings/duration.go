package briefings

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// maxLength bounds a talk's or a section's planned length: a value beyond
// it is a typing mistake, not a plan.
const maxLength = 24 * time.Hour

var (
	clockLength   = lazyRegexp(`^(\d+):([0-5]\d)(?::([0-5]\d))?$`)
	minutesLength = lazyRegexp(`^(\d+(?:\.\d+)?)\s*(?:m|min|mins|minute|minutes)?$`)
)

// ParseLength reads a planned length as a lecturer writes it in front
// matter (duration: 45m) or in a section's <!-- time: 5m --> comment: a Go
// duration ("5m", "1h30m", "90s"), minutes as a number ("5", "2.5", "5
// min"), or a clock length ("1:30" is a minute and a half, "1:00:00" an
// hour). It must be more than zero and at most a day.
func ParseLength(s string) (time.Duration, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	d, err := parseLength(s)
	switch {
	case err != nil:
		return 0, fmt.Errorf("%q is not a length such as 5m, 90s or 1:30", cleanLine(s))
	case d <= 0:
		return 0, fmt.Errorf("%q is not a length above zero", cleanLine(s))
	case d > maxLength:
		return 0, fmt.Errorf("%q is longer than a day", cleanLine(s))
	}
	return d, nil
}

func parseLength(s string) (time.Duration, error) {
	if m := clockLength().FindStringSubmatch(s); m != nil {
		a, _ := strconv.Atoi(m[1])
		b, _ := strconv.Atoi(m[2])
		if m[3] == "" { // m:ss
			return time.Duration(a)*time.Minute + time.Duration(b)*time.Second, nil
		}
		c, _ := strconv.Atoi(m[3]) // h:mm:ss
		return time.Duration(a)*time.Hour + time.Duration(b)*time.Minute + time.Duration(c)*time.Second, nil
	}
	if m := minutesLength().FindStringSubmatch(s); m != nil {
		f, err := strconv.ParseFloat(m[1], 64)
		if err != nil || f > maxLength.Minutes() {
			return 0, fmt.Errorf("too long")
		}
		return time.Duration(f * float64(time.Minute)).Round(time.Second), nil
	}
	return time.ParseDuration(strings.ReplaceAll(s, " ", ""))
}
