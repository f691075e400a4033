package briefings

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"

	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"
)

// maxFrontMatter bounds the YAML we are willing to parse, so a huge or
// adversarial header cannot stall loading.
const maxFrontMatter = 64 << 10

// ErrNotFrontMatter means the text between "---" lines is not a YAML
// mapping, so it is not front matter but part of the body (a thematic break).
var ErrNotFrontMatter = errors.New("not front matter")

// FrontMatter is the optional YAML header of a briefing.
type FrontMatter struct {
	Title   string
	Date    time.Time
	Author  string
	Tags    []string
	Summary string
	Source  string
	// Lang is the lower-case ISO 639-1 code of lang: or language:.
	Lang string
	// Duration is the planned length of a presentation (duration: 45m).
	Duration time.Duration
	// IncrementalLists makes every list of a presentation appear item by
	// item (incremental_lists: true).
	IncrementalLists bool
}

// SplitFrontMatter separates a leading YAML block, delimited by a line
// "---" and a closing "---" or "...", from the text. It returns the YAML
// (without delimiters) and the offset where the body starts. Without a
// complete block it returns ok == false and bodyStart == 0.
func SplitFrontMatter(text []byte) (yamlText []byte, bodyStart int, ok bool) {
	first, _, found := bytes.Cut(text, []byte("\n"))
	if !found || string(bytes.TrimRight(first, " \t")) != "---" {
		return nil, 0, false
	}
	offset := len(first) + 1
	for pos := offset; pos <= len(text); {
		line := text[pos:]
		next := len(text) + 1
		if i := bytes.IndexByte(line, '\n'); i >= 0 {
			line = line[:i]
			next = pos + i + 1
		}
		switch string(bytes.TrimRight(line, " \t")) {
		case "---", "...":
			return text[offset:pos], min(next, len(text)), true
		}
		pos = next
	}
	return nil, 0, false
}

// ParseFrontMatter decodes the YAML header. Unknown keys are ignored; values
// of the wrong type are converted where that is obvious (a number as a
// title, a comma-separated string of tags) and reported otherwise.
func ParseFrontMatter(yamlText []byte) (FrontMatter, error) {
	var fm FrontMatter
	if len(yamlText) > maxFrontMatter {
		return fm, fmt.Errorf("front matter is %d KiB, over the %d KiB limit", len(yamlText)>>10, maxFrontMatter>>10)
	}
	var raw map[string]any
	if err := yaml.Unmarshal(yamlText, &raw); err != nil {
		var typeErr *yaml.TypeError
		if errors.As(err, &typeErr) {
			return fm, ErrNotFrontMatter
		}
		return fm, fmt.Errorf("front matter is not valid YAML (%s)", strings.TrimPrefix(err.Error(), "yaml: "))
	}
	var errs []error
	for key, value := range raw {
		switch strings.ToLower(key) {
		case "title":
			fm.Title = cleanLine(scalar(value))
		case "author", "authors":
			fm.Author = cleanLine(joinList(value))
		case "summary", "description":
			fm.Summary = cleanLine(scalar(value))
		case "source", "url":
			fm.Source = cleanLine(scalar(value))
		case "tags", "keywords":
			fm.Tags = parseTags(value)
		case "lang", "language":
			code, err := parseLang(value)
			if err != nil {
				errs = append(errs, err)
			}
			fm.Lang = code
		case "duration":
			d, err := ParseLength(scalar(value))
			if err != nil {
				errs = append(errs, fmt.Errorf("front matter: duration %w", err))
			}
			fm.Duration = d
		case "incremental_lists", "incremental-lists", "incremental":
			on, err := parseSwitch(value)
			if err != nil {
				errs = append(errs, fmt.Errorf("front matter: %s %w", key, err))
			}
			fm.IncrementalLists = on
		case "date":
			d, err := parseDate(value)
			if err != nil {
				errs = append(errs, err)
			}
			fm.Date = d
		}
	}
	return fm, errors.Join(errs...)
}

// parseLang reads a language tag ("de", "de-CH", "deu", "pt_BR") as the
// ISO 639-1 code of its language.
func parseLang(v any) (string, error) {
	s := strings.TrimSpace(scalar(v))
	if s == "" {
		return "", nil
	}
	tag, err := language.Parse(strings.ReplaceAll(s, "_", "-"))
	if err != nil {
		return "", fmt.Errorf("front matter: lang %q is not a language code such as en or de", cleanLine(s))
	}
	base, _ := tag.Base()
	return base.String(), nil
}

// parseSwitch reads a yes/no setting: YAML's true and false, or yes, no,
// on, off.
func parseSwitch(v any) (bool, error) {
	if b, ok := v.(bool); ok {
		return b, nil
	}
	switch s := strings.ToLower(strings.TrimSpace(scalar(v))); s {
	case "yes", "on", "true", "1":
		return true, nil
	case "no", "off", "false", "0", "":
		return false, nil
	default:
		return false, fmt.Errorf("%q is not true or false", cleanLine(s))
	}
}

func scalar(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case time.Time:
		return v.Format("2006-01-02")
	case []any, map[string]any:
		return ""
	default:
		return fmt.Sprint(v)
	}
}

func joinList(v any) string {
	if list, ok := v.([]any); ok {
		parts := make([]string, 0, len(list))
		for _, item := range list {
			if s := scalar(item); s != "" {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, ", ")
	}
	return scalar(v)
}

func parseTags(v any) []string {
	var parts []string
	switch v := v.(type) {
	case []any:
		for _, item := range v {
			parts = append(parts, scalar(item))
		}
	default:
		parts = strings.Split(scalar(v), ",")
	}
	seen := make(map[string]bool)
	tags := make([]string, 0, len(parts))
	for _, p := range parts {
		tag := strings.ToLower(cleanLine(p))
		tag = strings.TrimPrefix(tag, "#")
		if tag != "" && !seen[tag] {
			seen[tag] = true
			tags = append(tags, tag)
		}
	}
	return tags
}

// parseDate accepts YYYY-MM-DD and RFC 3339; YAML may already have decoded
// either into a time.Time.
func parseDate(v any) (time.Time, error) {
	switch v := v.(type) {
	case nil:
		return time.Time{}, nil
	case time.Time:
		return v, nil
	}
	s := strings.TrimSpace(scalar(v))
	for _, layout := range []string{"2006-01-02", time.RFC3339, time.RFC3339Nano, "2006-01-02 15:04:05", "2006-01-02T15:04"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("date %q is not YYYY-MM-DD or RFC 3339", cleanLine(s))
}
