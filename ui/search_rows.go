package ui

import (
	"context"

	tea "charm.land/bubbletea/v2"
	"github.com/briefreader/brief/index"
)

// Results by briefing. By default the hits of one briefing are grouped
// under its best one (the first in rank order), which says how many more
// of its sections match; ctrl+x shows them under it, and ctrl+g switches
// to one row per hit.

// row is one line-group of the result list: a hit, and for the best hit
// of a briefing, how many of its other sections are not shown.
type row struct {
	hit    index.Hit
	member bool // shown under its briefing's best hit
	more   int  // other sections of the briefing that match, not shown
	head   bool // the best hit of its briefing, in grouped view
}

// groupMembersMax bounds the sections fetched when a briefing is expanded.
const groupMembersMax = 200

// regroup lays the hits out as rows.
func (s *searcher) regroup() {
	s.rows = s.rows[:0]
	if s.flat {
		for _, h := range s.hits {
			s.rows = append(s.rows, row{hit: h})
		}
		s.clampCursor()
		return
	}
	var order []string
	byPath := map[string][]index.Hit{}
	for _, h := range s.hits {
		if _, ok := byPath[h.Path]; !ok {
			order = append(order, h.Path)
		}
		byPath[h.Path] = append(byPath[h.Path], h)
	}
	for _, path := range order {
		hits := byPath[path]
		total := len(hits)
		if s.facets != nil && s.facets.Sections[path] > total {
			total = s.facets.Sections[path]
		}
		members := hits[1:]
		if s.expanded[path] {
			if all, ok := s.groupHits[path]; ok {
				members = without(all, hits[0])
				total = max(total, len(all))
			}
		} else {
			members = nil
		}
		s.rows = append(s.rows, row{hit: hits[0], head: true, more: total - 1 - len(members)})
		for _, h := range members {
			s.rows = append(s.rows, row{hit: h, member: true})
		}
	}
	s.clampCursor()
}

// without returns hits without the one at (h.Path, h.Anchor).
func without(hits []index.Hit, h index.Hit) []index.Hit {
	out := make([]index.Hit, 0, len(hits))
	for _, x := range hits {
		if x.Anchor != h.Anchor || x.Path != h.Path {
			out = append(out, x)
		}
	}
	return out
}

func (s *searcher) clampCursor() {
	s.cursor = min(max(s.cursor, 0), max(len(s.rows)-1, 0))
	s.offset = min(s.offset, s.cursor)
}

// selected returns the hit of the selected row, or nil.
func (s *searcher) selected() *index.Hit {
	if s.cursor < 0 || s.cursor >= len(s.rows) {
		return nil
	}
	h := s.rows[s.cursor].hit
	return &h
}

// selectHit moves the cursor to the row of a hit, or to its briefing's row
// when it is not shown; nil leaves it.
func (s *searcher) selectHit(h *index.Hit) {
	if h == nil {
		return
	}
	group := -1
	for i, r := range s.rows {
		if r.hit.Path == h.Path && r.hit.Anchor == h.Anchor {
			s.cursor = i
			return
		}
		if group < 0 && r.hit.Path == h.Path {
			group = i
		}
	}
	if group >= 0 {
		s.cursor = group
	}
}

// move moves the cursor by n rows, fetching the next page of hits at the
// end, and shows the preview of the hit it lands on.
func (s *searcher) move(n int) tea.Cmd {
	if len(s.rows) == 0 {
		return nil
	}
	before := s.cursor
	s.cursor = min(max(s.cursor+n, 0), len(s.rows)-1)
	var cmds []tea.Cmd
	if s.cursor != before {
		cmds = append(cmds, s.showPreview())
	}
	if s.cursor == len(s.rows)-1 && s.results != nil && uint64(len(s.hits)) < s.results.Total && !s.loading {
		cmds = append(cmds, s.run(true))
	}
	return tea.Batch(cmds...)
}

// toggleGroup shows or hides the other sections of the selected hit's
// briefing, fetching them when the page of hits does not hold them all.
func (s *searcher) toggleGroup() tea.Cmd {
	h := s.selected()
	if h == nil || s.flat {
		return nil
	}
	path := h.Path
	head := s.headOf(s.cursor)
	if s.expanded[path] {
		delete(s.expanded, path)
		s.regroup()
		s.cursor = head
		return s.showPreview()
	}
	s.expanded[path] = true
	s.regroup()
	if s.rows[head].more == 0 || s.svc == nil {
		return nil
	}
	if s.groupHits == nil {
		s.groupHits = map[string][]index.Hit{}
	}
	req := index.Request{Query: s.query, AsYouType: true, NoTagCounts: true, Paths: []string{path}, Limit: groupMembersMax, Sort: s.sort, ChangedSince: s.changedSince()}
	svc, seq := s.svc, s.applied
	return func() tea.Msg {
		ans, err := svc.Search(context.Background(), req)
		if err != nil || ans.Results == nil {
			return nil
		}
		return groupHitsMsg{seq: seq, path: path, hits: ans.Results.Hits}
	}
}

// headOf returns the row of the best hit of row i's briefing.
func (s *searcher) headOf(i int) int {
	for i > 0 && s.rows[i].member {
		i--
	}
	return i
}
