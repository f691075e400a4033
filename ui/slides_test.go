package ui

import (
	"fmt"
	"strings"
	"testing"
)

func TestPaginate(t *testing.T) {
	tests := []struct {
		name          string
		heights       []int
		pause         []bool
		first, height int
		want          string
	}{
		{"everything fits", []int{3, 3}, nil, 10, 10, "[0:0-3 1:0-3]"},
		{"gap counts", []int{5, 5}, nil, 10, 10, "[0:0-5] [1:0-5]"},
		{"second page is taller", []int{4, 4, 4}, nil, 5, 9, "[0:0-4] [1:0-4 2:0-4]"},
		{"first block needs a full page: bare title page", []int{8}, nil, 5, 10, "[] [0:0-8]"},
		{"a page break ends a page", []int{1, 1, 1}, []bool{true, false, false}, 10, 10, "[0:0-1] [1:0-1 2:0-1]"},
		{"a page break at the end adds nothing", []int{1}, []bool{true}, 10, 10, "[0:0-1]"},
		{"tall block is split, not cut", []int{2, 25, 2}, nil, 10, 10, "[0:0-2] [1:0-10] [1:10-20] [1:20-25 2:0-2]"},
		{"tall first block uses the title page", []int{12}, nil, 5, 10, "[0:0-5] [0:5-12]"},
		{"empty section", nil, nil, 10, 10, "[]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := formatPages(paginate(tt.heights, tt.pause, tt.first, tt.height))
			if got != tt.want {
				t.Errorf("paginate(%v) = %s, want %s", tt.heights, got, tt.want)
			}
		})
	}
}

// TestPaginateNeverClips checks, for many shapes, that every line of every
// block lands on exactly one page and no page overflows.
func TestPaginateNeverClips(t *testing.T) {
	for first := 1; first <= 12; first += 3 {
		for height := first; height <= 20; height += 4 {
			heights := []int{1, 7, 3, 30, 2, 12, 5, 1, 1, 19}
			pause := []bool{false, true, false, false, true, false, false, true, false, false}
			pages := paginate(heights, pause, first, height)
			seen := make([]int, len(heights))
			for p, page := range pages {
				capacity := height
				if p == 0 {
					capacity = first
				}
				used := 0
				for i, s := range page {
					if i > 0 {
						used++
					}
					used += s.to - s.from
					seen[s.block] += s.to - s.from
				}
				if used > capacity {
					t.Fatalf("first %d height %d: page %d uses %d of %d lines", first, height, p, used, capacity)
				}
			}
			for b, h := range heights {
				if seen[b] != h {
					t.Fatalf("first %d height %d: block %d shows %d of %d lines", first, height, b, seen[b], h)
				}
			}
		}
	}
}

func TestSplitSlideBlocks(t *testing.T) {
	body := "Intro paragraph\nover two lines.\n\n" +
		"<!-- note: Ask the class first. -->\n\n" +
		"3. third\n4. fourth\n   continued\n\n" +
		"```sh\n# not a heading\n---\n```\n\n" +
		"<!-- pause -->\n\n" +
		"| a | b |\n|---|---|\n| 1 | 2 |\n\n" +
		"> quoted\n\n" +
		"<div>html shows its text, as in the reader</div>\n\n" +
		"Last.\n<!-- note: Final note. -->\n"
	blocks := splitSlideBlocks(body)
	var got []string
	for _, b := range blocks {
		got = append(got, fmt.Sprintf("%q notes=%q step=%v", strings.TrimSpace(b.md), b.notes, b.step))
	}
	want := []string{
		`"Intro paragraph\nover two lines." notes=[] step=false`,
		`"3. third" notes=["Ask the class first."] step=false`,
		`"4. fourth\n   continued" notes=[] step=false`,
		"\"```sh\\n# not a heading\\n---\\n```\" notes=[] step=false",
		`"| a | b |\n|---|---|\n| 1 | 2 |" notes=[] step=true`,
		`"> quoted" notes=[] step=false`,
		`"<div>html shows its text, as in the reader</div>" notes=[] step=false`,
		`"Last." notes=["Final note."] step=false`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("blocks:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestSplitSlidesSteps: what waits for a step, where pages break, and the
// planned time, from the presenter's comments and the incremental setting.
func TestSplitSlidesSteps(t *testing.T) {
	tests := []struct {
		name        string
		body        string
		incremental bool
		want        string // per block: s (waits for a step) or . , then | after a page break
		time        string
	}{
		{"plain", "a\n\nb\n\n- x\n- y\n", false, "....", ""},
		{"pause", "a\n\n<!-- pause -->\n\nb\n\nc\n", false, ".s.", ""},
		{"pause before anything counts for nothing", "<!-- pause -->\n\na\n", false, ".", ""},
		{"pauses in a row are one step", "a\n\n<!-- pause -->\n<!-- pause -->\n\nb\n", false, ".s", ""},
		{"incremental comment: the next list only", "a\n\n<!-- incremental -->\n\n- x\n- y\n\nb\n\n- z\n", false, ".ss..", ""},
		{"incremental_lists front matter: every list", "- x\n- y\n\nb\n\n1. z\n", true, "ss.s", ""},
		{"nested items go with their item", "<!-- incremental -->\n- x\n  - x1\n- y\n", false, "ss", ""},
		{"end_slide breaks the page", "a\n\n<!-- end_slide -->\n\nb\n", false, ".|.", ""},
		{"time under the heading", "<!-- time: 5m -->\n\na\n\n<!-- time: 9m -->\n", false, ".", "5m"},
		{"a comment in code is text", "```\n<!-- pause -->\n```\n\nb\n", false, "..", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := splitSlides(tt.body, tt.incremental)
			var got strings.Builder
			for _, b := range st.blocks {
				if b.step {
					got.WriteString("s")
				} else {
					got.WriteString(".")
				}
				if b.breakAfter {
					got.WriteString("|")
				}
			}
			if got.String() != tt.want || st.time != tt.time {
				t.Errorf("blocks %q time %q, want %q time %q", got.String(), st.time, tt.want, tt.time)
			}
		})
	}
}

func TestSegmentSteps(t *testing.T) {
	waits := []bool{false, true, true, false, true}
	tests := []struct {
		page []segment
		want []int
	}{
		{[]segment{{0, 0, 2}, {1, 0, 1}, {2, 0, 1}, {3, 0, 1}, {4, 0, 3}}, []int{0, 1, 2, 2, 3}},
		{[]segment{{1, 0, 1}, {2, 0, 1}}, []int{0, 1}}, // a step first on a page shows at once
		{[]segment{{2, 4, 6}, {3, 0, 1}}, []int{0, 0}}, // the rest of a block carried over
		{[]segment{{3, 0, 1}, {4, 0, 1}}, []int{0, 1}}, // one step, two shown
		{nil, []int{}},
	}
	for _, tt := range tests {
		if got := segmentSteps(tt.page, waits); fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("segmentSteps(%v) = %v, want %v", tt.page, got, tt.want)
		}
	}
}

func formatPages(pages [][]segment) string {
	var out []string
	for _, p := range pages {
		var segs []string
		for _, s := range p {
			segs = append(segs, fmt.Sprintf("%d:%d-%d", s.block, s.from, s.to))
		}
		out = append(out, "["+strings.Join(segs, " ")+"]")
	}
	return strings.Join(out, " ")
}
