package briefings

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
)

// AmbiguousError says a name matched more than one briefing or section.
type AmbiguousError struct {
	// Query is what the user typed.
	Query string
	// What is "briefing" or "section".
	What string
	// Candidates are the display names of the matches.
	Candidates []string
}

// Error lists the candidates, one per line.
func (e *AmbiguousError) Error() string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "%q matches %d %ss; be more specific:", e.Query, len(e.Candidates), e.What)
	for _, c := range e.Candidates {
		sb.WriteString("\n  ")
		sb.WriteString(c)
	}
	return sb.String()
}

// NotFoundError says nothing matched a name.
type NotFoundError struct {
	Query string
	What  string
}

// Error says what was not found.
func (e *NotFoundError) Error() string {
	return fmt.Sprintf("no %s matches %q", e.What, e.Query)
}

// Find returns the briefing a user means by query: its path (absolute or
// relative to its root), the end of its path, its file name without
// extension, the slug of its title, or a case-insensitive part of its title.
// Earlier kinds of match win; several matches of the best kind are an
// *AmbiguousError.
func (l *Library) Find(query string) (*Briefing, error) {
	q := strings.TrimSpace(query)
	if q == "" {
		return nil, &NotFoundError{Query: query, What: "briefing"}
	}
	abs, _ := filepath.Abs(q)
	lower := strings.ToLower(q)
	slug := Slug(q)
	tiers := []func(b *Briefing) bool{
		func(b *Briefing) bool { return b.Path == q || b.Path == abs || b.RelPath == filepath.ToSlash(q) },
		func(b *Briefing) bool { return strings.HasSuffix(b.Path, "/"+filepath.ToSlash(q)) },
		func(b *Briefing) bool { return strings.EqualFold(stem(b.RelPath), q) || Slug(b.Title) == slug },
		func(b *Briefing) bool {
			return strings.Contains(strings.ToLower(b.Title), lower) || strings.Contains(strings.ToLower(b.RelPath), lower)
		},
	}
	for _, match := range tiers {
		var found []*Briefing
		for _, b := range l.Briefings {
			if match(b) {
				found = append(found, b)
			}
		}
		switch {
		case len(found) == 1:
			return found[0], nil
		case len(found) > 1:
			names := make([]string, len(found))
			for i, b := range found {
				names[i] = fmt.Sprintf("%s  (%s)", b.Title, b.RelPath)
			}
			return nil, &AmbiguousError{Query: query, What: "briefing", Candidates: names}
		}
	}
	return nil, &NotFoundError{Query: query, What: "briefing"}
}

func stem(rel string) string {
	base := filepath.Base(rel)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// FindSection returns the index of the section a user means: its 1-based
// number, its anchor, its heading (ignoring case), or a case-insensitive
// part of its heading ("north korean" finds "The North Korean Factor").
func (b *Briefing) FindSection(query string) (int, error) {
	q := strings.TrimSpace(query)
	if n, err := strconv.Atoi(q); err == nil {
		if n >= 1 && n <= len(b.Sections) {
			return n - 1, nil
		}
		return -1, fmt.Errorf("section %d does not exist: %q has %d sections", n, b.Title, len(b.Sections))
	}
	lower := strings.ToLower(q)
	tiers := []func(s Section) bool{
		func(s Section) bool { return s.Anchor == q },
		func(s Section) bool { return strings.EqualFold(s.Heading, q) || s.Anchor == Slug(q) },
		func(s Section) bool { return strings.Contains(strings.ToLower(s.Heading), lower) },
	}
	for _, match := range tiers {
		var found []int
		for i, s := range b.Sections {
			if match(s) {
				found = append(found, i)
			}
		}
		switch {
		case len(found) == 1:
			return found[0], nil
		case len(found) > 1:
			names := make([]string, len(found))
			for i, idx := range found {
				names[i] = fmt.Sprintf("%d. %s", idx+1, b.Sections[idx].Heading)
			}
			return -1, &AmbiguousError{Query: query, What: "section", Candidates: names}
		}
	}
	return -1, &NotFoundError{Query: query, What: "section"}
}
