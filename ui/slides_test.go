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
		{"pause ends a page", []int{1, 1, 1}, []bool{true, false, false}, 10, 10, "[0:0-1] [1:0-1 2:0-1]"},
		{"pause at the end adds nothing", []int{1}, []bool{true}, 10, 10, "[0:0-1]"},
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
		got = append(got, fmt.Sprintf("%q notes=%q pause=%v", strings.TrimSpace(b.md), b.notes, b.pause))
	}
	want := []string{
		`"Intro paragraph\nover two lines." notes=[] pause=false`,
		`"3. third" notes=["Ask the class first."] pause=false`,
		`"4. fourth\n   continued" notes=[] pause=false`,
		"\"```sh\\n# not a heading\\n---\\n```\" notes=[] pause=true",
		`"| a | b |\n|---|---|\n| 1 | 2 |" notes=[] pause=false`,
		`"> quoted" notes=[] pause=false`,
		`"<div>html shows its text, as in the reader</div>" notes=[] pause=false`,
		`"Last." notes=["Final note."] pause=false`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("blocks:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
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
