package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/briefreader/brief/briefings"
)

func TestSpreadPlan(t *testing.T) {
	m := time.Minute
	tests := []struct {
		name    string
		fixed   []time.Duration
		weights []int
		budget  time.Duration
		want    []time.Duration
		over    bool
	}{
		{"by length", []time.Duration{0, 0, 0}, []int{10, 20, 30}, 60 * m, []time.Duration{10 * m, 20 * m, 30 * m}, false},
		{"fixed stay, the rest spread", []time.Duration{0, 5 * m, 0}, []int{10, 99, 30}, 45 * m, []time.Duration{10 * m, 5 * m, 30 * m}, false},
		{"no budget: only fixed", []time.Duration{0, 5 * m, 0}, []int{10, 20, 30}, 0, []time.Duration{0, 5 * m, 0}, false},
		{"fixed over the budget", []time.Duration{30 * m, 20 * m, 0}, []int{1, 1, 1}, 45 * m, []time.Duration{30 * m, 20 * m, 0}, true},
		{"rounding goes to the last part", []time.Duration{0, 0, 0}, []int{1, 1, 1}, 10 * m, []time.Duration{200 * time.Second, 200 * time.Second, 200 * time.Second}, false},
		{"all fixed", []time.Duration{m, m}, []int{5, 5}, 10 * m, []time.Duration{m, m}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, over := spreadPlan(tt.fixed, tt.weights, tt.budget)
			var sum time.Duration
			for i := range got {
				sum += got[i]
				if got[i] != tt.want[i] && !(tt.name == "rounding goes to the last part") {
					t.Errorf("part %d = %v, want %v", i, got[i], tt.want[i])
				}
			}
			if over != tt.over {
				t.Errorf("over = %v", over)
			}
			if !tt.over && tt.budget > 0 && sum != tt.budget && tt.name != "all fixed" {
				t.Errorf("the plan adds up to %v, not %v", sum, tt.budget)
			}
		})
	}
}

func TestPlanPace(t *testing.T) {
	m := time.Minute
	pl := plan{parts: []time.Duration{2 * m, 10 * m, 6 * m}}
	tests := []struct {
		part, page, pages int
		elapsed           time.Duration
		want              time.Duration
	}{
		{0, 0, 1, 30 * time.Second, 0},      // within the title's two minutes
		{1, 0, 2, 5 * m, 0},                 // page 1 of §1 runs 2:00-7:00
		{1, 0, 2, 8 * m, m},                 // still on page 1 at 8:00: a minute behind
		{1, 1, 2, 3 * m, -4 * m},            // page 2 (7:00-12:00) reached at 3:00
		{2, 0, 1, 20 * m, 2 * m},            // §2 planned to end at 18:00
		{2, 0, 1, 12*m + 30*time.Second, 0}, // on time
		{2, 0, 3, 12 * m, 0},                // the start of a window is in it
		{1, 5, 2, 20 * m, 8 * m},            // a page past the count: the end of the part
		{0, 0, 1, 0, 0},                     // at the very start
		{2, 2, 3, 16*m + 59*time.Second, 0}, // last page of §2: 16:00-18:00
		{2, 2, 3, 15 * m, -time.Minute},     // a minute early
		{1, 0, 0, 3 * m, 0},                 // no pages counts as one
		{0, 0, 1, 2*m + 30*time.Second, 30 * time.Second},
	}
	for _, tt := range tests {
		got, ok := pl.pace(tt.part, tt.page, tt.pages, tt.elapsed)
		if !ok || got != tt.want {
			t.Errorf("pace(part %d, page %d/%d, %v) = %v %v, want %v", tt.part, tt.page, tt.pages, tt.elapsed, got, ok, tt.want)
		}
	}
	if _, ok := (plan{parts: []time.Duration{0, 0}}).pace(0, 0, 1, m); ok {
		t.Error("an empty plan has a pace")
	}
}

func TestPaceText(t *testing.T) {
	tests := []struct {
		part  int
		delta time.Duration
		want  string
		state timerState
	}{
		{3, 80 * time.Second, "§3 +1:20", timerWarning},
		{3, 20 * time.Second, "§3 +0:20", timerNormal},
		{3, -45 * time.Second, "§3 -0:45", timerNormal},
		{3, 0, "§3 on time", timerNormal},
		{3, 6 * time.Minute, "§3 +6:00", timerOver},
		{0, time.Minute, "title +1:00", timerWarning},
	}
	for _, tt := range tests {
		if got, st := paceText(tt.part, tt.delta); got != tt.want || st != tt.state {
			t.Errorf("paceText(%d, %v) = %q %v, want %q %v", tt.part, tt.delta, got, st, tt.want, tt.state)
		}
	}
}

// TestMakePlan: <!-- time: --> comments under headings fix a section's
// length, the rest of a duration is spread by length, a comment that does
// not parse is a warning and leaves its section to the spread, and a plan
// longer than the duration is said.
func TestMakePlan(t *testing.T) {
	text := "---\nduration: 30m\n---\n# Talk\n\nIntro.\n\n## One\n<!-- time: 10m -->\n\n" +
		strings.Repeat("word ", 100) + "\n\n## Two\n<!-- time: a while -->\n\n" + strings.Repeat("word ", 70) +
		"\n\n## Three\n\n" + strings.Repeat("word ", 70) + "\n"
	b, err := briefings.Parse("talk.md", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	pl := makePlan(b, b.Duration)
	if len(pl.parts) != 5 || pl.parts[2] != 10*time.Minute || !pl.explicit[2] || pl.explicit[3] {
		t.Fatalf("plan %v explicit %v", pl.parts, pl.explicit)
	}
	if pl.total() != 30*time.Minute {
		t.Errorf("plan adds up to %v", pl.total())
	}
	if diff := pl.parts[3] - pl.parts[4]; diff > 30*time.Second || diff < -30*time.Second || pl.parts[3] <= pl.parts[1] {
		t.Errorf("sections of equal length got %v and %v (title part %v)", pl.parts[3], pl.parts[4], pl.parts[1])
	}
	if len(pl.warnings) != 1 || !strings.Contains(pl.warnings[0], "§3 “Two”") || !strings.Contains(pl.warnings[0], "a while") {
		t.Errorf("warnings %q", pl.warnings)
	}
	over := makePlan(b, 5*time.Minute)
	if len(over.warnings) != 2 || !strings.Contains(over.warnings[1], "add up to 10:00, more than the 5:00") {
		t.Errorf("over-long plan warnings %q", over.warnings)
	}
	if none := makePlan(sampleBriefing(t, "ukraine"), 0); none.active() {
		t.Errorf("a briefing without times or duration has a plan: %v", none.parts)
	}
}
