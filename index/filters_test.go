package index

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestToggleFilter(t *testing.T) {
	tests := []struct {
		q, field, value string
		anyOf           bool
		want            string
	}{
		{"", "tag", "nato", false, "tag:nato"},
		{"missile ", "tag", "nato", false, "missile tag:nato"},
		{"missile tag:nato", "tag", "ukraine", false, "missile tag:nato tag:ukraine"},
		{"missile tag:nato", "tag", "ukraine", true, "missile tag:nato,ukraine"},
		{"missile tag:nato,ukraine date:2024", "tag", "nato", true, "missile tag:ukraine date:2024"},
		{"missile tag:NATO date:2024", "tag", "nato", false, "missile date:2024"},
		{"tag:nato OR tag:ukraine missile", "tag", "ukraine", false, "tag:nato missile"},
		{"missile", "author", "Jane Doe", false, `missile author:"Jane Doe"`},
		{`missile author:"Jane Doe"`, "author", "Min Park", true, `missile author:"Jane Doe" OR author:"Min Park"`},
		{`missile author:"Jane Doe"`, "author", "jane doe", false, "missile"},
		{"missile folder:europe/east", "folder", "/europe/east/", false, "missile"},
		{"missile date:2023", "date", "2024", true, "missile date:2023,2024"},
		{"missile -tag:nato", "tag", "nato", false, "missile -tag:nato tag:nato"}, // an exclusion is not a filter to toggle
		{`missile "unclosed`, "tag", "x", false, `missile "unclosed tag:x`},
		{"missile", "tag", `odd "tag", here`, false, `missile tag:"odd \"tag\", here"`},
	}
	for _, tt := range tests {
		if got := ToggleFilter(tt.q, tt.field, tt.value, tt.anyOf); got != tt.want {
			t.Errorf("ToggleFilter(%q, %s:%s, any=%v) = %q, want %q", tt.q, tt.field, tt.value, tt.anyOf, got, tt.want)
		}
	}
}

// What ToggleFilter writes reads back as the filter it means.
func TestToggledFiltersReadBack(t *testing.T) {
	q := ToggleFilter("missile", "tag", `odd "tag", here`, false)
	q = ToggleFilter(q, "author", "OR", false)
	if !HasFilter(q, "tag", `odd "tag", here`) || !HasFilter(q, "author", "OR") {
		t.Errorf("%q does not read back: %+v", q, QueryFilters(q))
	}
	if _, err := parseQuery(q, false); err != nil {
		t.Errorf("%q: %v", q, err)
	}
}

func TestGroupFilters(t *testing.T) {
	if got := GroupFilters("missile tag:nato date:2024 tag:ukraine", "tag", true); got != "missile tag:nato,ukraine date:2024" {
		t.Errorf("any: %q", got)
	}
	if got := GroupFilters("missile tag:nato,ukraine date:2024", "tag", false); got != "missile tag:nato tag:ukraine date:2024" {
		t.Errorf("all: %q", got)
	}
	if got := GroupFilters("missile tag:nato", "tag", true); got != "missile tag:nato" {
		t.Errorf("one value: %q", got)
	}
}

// FuzzToggleFilter: in a query that reads, toggling a filter puts it in
// or takes it out, the query still reads, and toggling it again undoes it.
func FuzzToggleFilter(f *testing.F) {
	for _, seed := range [][2]string{{"missile", "nato"}, {`north "korean troops" tag:x`, "odd, value"}, {"a OR b tag:c,d", "c"}, {"date:2024", `"`}} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, q, value string) {
		if _, err := parseQuery(q, false); err != nil || strings.TrimSpace(value) == "" || !utf8.ValidString(value) || strings.ContainsAny(value, "\n\r\t") {
			return
		}
		had := HasFilter(q, "tag", value)
		on := ToggleFilter(q, "tag", value, false)
		if _, err := parseQuery(on, false); err != nil && strings.TrimSpace(on) != "" {
			t.Fatalf("%q, tag %q toggled: %q: %v", q, value, on, err)
		}
		if HasFilter(on, "tag", value) == had {
			t.Fatalf("%q, tag %q toggled: %q", q, value, on)
		}
		if back := ToggleFilter(on, "tag", value, false); HasFilter(back, "tag", value) != had {
			t.Fatalf("%q, tag %q toggled twice: %q", q, value, back)
		}
	})
}
