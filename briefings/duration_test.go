package briefings

import (
	"testing"
	"time"
)

func TestParseLength(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"5m", 5 * time.Minute, true},
		{"1h30m", 90 * time.Minute, true},
		{" 90s ", 90 * time.Second, true},
		{"5", 5 * time.Minute, true},
		{"2.5", 150 * time.Second, true},
		{"5 min", 5 * time.Minute, true},
		{"10 minutes", 10 * time.Minute, true},
		{"1:30", 90 * time.Second, true},
		{"1:00:00", time.Hour, true},
		{"1 h 30 m", 90 * time.Minute, true},
		{"five", 0, false},
		{"", 0, false},
		{"0", 0, false},
		{"-5m", 0, false},
		{"1:75", 0, false},
		{"25h", 0, false},
		{"99999999999999999999", 0, false},
	}
	for _, tt := range tests {
		got, err := ParseLength(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseLength(%q) = %v, %v; want %v (ok %v)", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestFrontMatterPresentation(t *testing.T) {
	tests := []struct {
		text        string
		duration    time.Duration
		incremental bool
		problems    int
	}{
		{"---\nduration: 45m\nincremental_lists: true\n---\n# A\n", 45 * time.Minute, true, 0},
		{"---\nduration: 50\nincremental_lists: yes\n---\n", 50 * time.Minute, true, 0},
		{"---\nduration: a while\nincremental_lists: sometimes\ntitle: T\n---\n", 0, false, 1},
		{"---\ntitle: T\n---\n", 0, false, 0},
	}
	for _, tt := range tests {
		b, err := Parse("talk.md", []byte(tt.text))
		if err != nil {
			t.Fatal(err)
		}
		if b.Duration != tt.duration || b.IncrementalLists != tt.incremental || len(b.Problems) != tt.problems {
			t.Errorf("%q: duration %v incremental %v problems %q", tt.text, b.Duration, b.IncrementalLists, b.Problems)
		}
	}
}
