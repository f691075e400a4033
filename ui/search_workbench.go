package ui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/briefreader/brief/index"
)

// workbench is what the search screen offers beyond a list of hits: the
// sort, results grouped by briefing, filters chosen from facets, a preview
// of the selected section, and saved searches.
type workbench struct {
	sort string // index.SortRelevance, SortNewest or SortOldest
	flat bool   // one row per hit instead of grouped by briefing
	// expanded are the briefings whose other sections are shown under
	// their best one; groupHits their sections, fetched on expanding.
	expanded  map[string]bool
	groupHits map[string][]index.Hit
	rows      []row
	// facets are the counts of the results shown, once counted.
	facets *index.Facets
	// filters is the filter chooser, while it has the keys.
	filters *filterPane
	// anyOf says, per field, whether values chosen are alternatives
	// (tag:a,b) rather than all required (tag:a tag:b).
	anyOf   map[string]bool
	preview previewPane
	prompt  *prompt
	// opened is the saved search being looked at, if any.
	opened *openedSearch
	style  string // the glamour style previews are rendered in
	indent int    // cells the hit drawn is indented by
}

// openedSearch is a saved search opened from the library: its hits that
// changed since it was last opened are marked new.
type openedSearch struct {
	name  string
	since time.Time
	query string
	// onlyNew keeps the sections new since then (ctrl+l switches).
	onlyNew bool
}

func newWorkbench() workbench {
	return workbench{
		expanded: map[string]bool{},
		anyOf:    map[string]bool{"folder": true, "lang": true, "author": true, "date": true},
		preview:  newPreviewPane(),
	}
}

// Messages of the workbench.
type (
	facetsMsg struct {
		seq    int
		facets *index.Facets
	}
	groupHitsMsg struct {
		seq  int
		path string
		hits []index.Hit
	}
)

// workbenchKey handles the workbench's keys; ok is false for the keys it
// leaves to the query box and the list.
func (s *searcher) workbenchKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	if s.prompt != nil {
		return s.promptKey(msg), true
	}
	if s.filters != nil {
		return s.filterKey(msg), true
	}
	k := s.keys
	switch {
	case matches(msg, k.Filters):
		return s.openFilters(), true
	case matches(msg, k.Sort):
		s.sort = nextSort(s.sort)
		return s.changed(), true
	case matches(msg, k.Group):
		on := s.selected()
		s.flat = !s.flat
		s.regroup()
		s.selectHit(on)
		return nil, true
	case matches(msg, k.Expand):
		return s.toggleGroup(), true
	case matches(msg, k.Save):
		s.openSavePrompt()
		return nil, true
	case matches(msg, k.Export):
		s.openExportPrompt()
		return nil, true
	case matches(msg, k.OnlyNew):
		if s.opened == nil {
			s.notice = "ctrl+l shows only what is new in a saved search: open one from the library (tab there)."
			return nil, true
		}
		s.opened.onlyNew = !s.opened.onlyNew
		return s.changed(), true
	}
	return nil, false
}

// workbenchUpdate handles the workbench's messages.
func (s *searcher) workbenchUpdate(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case facetsMsg:
		if msg.seq == s.applied && msg.facets != nil {
			on := s.selected()
			s.facets = msg.facets
			s.tags = tagCounts(msg.facets.Tags)
			s.regroup()
			s.selectHit(on)
		}
		return nil, true
	case groupHitsMsg:
		if msg.seq == s.applied {
			on := s.selected()
			s.groupHits[msg.path] = msg.hits
			s.regroup()
			s.selectHit(on)
		}
		return nil, true
	case previewMsg:
		return s.previewArrived(msg), true
	case promptDoneMsg:
		s.promptDone(msg)
		return nil, true
	}
	return nil, false
}

// countFacets counts the facets of the results shown, and the sections of
// the briefings they show, off the UI goroutine.
func (s *searcher) countFacets() tea.Cmd {
	if s.svc == nil || s.results == nil || len(s.hits) == 0 {
		return nil
	}
	var paths []string
	seen := map[string]bool{}
	for _, h := range s.hits {
		if !seen[h.Path] {
			seen[h.Path] = true
			paths = append(paths, h.Path)
		}
	}
	req := index.Request{Query: s.query, AsYouType: true, ChangedSince: s.changedSince()}
	svc, seq := s.svc, s.applied
	return func() tea.Msg {
		f, err := svc.Facets(context.Background(), req, paths)
		if err != nil {
			return nil // the counts stay as they are
		}
		return facetsMsg{seq: seq, facets: f}
	}
}

func tagCounts(fs []index.FacetCount) []index.TagCount {
	out := make([]index.TagCount, len(fs))
	for i, f := range fs {
		out[i] = index.TagCount{Tag: f.Value, Count: f.Count}
	}
	return out
}

// sorts are the orders ctrl+o goes through.
var sorts = []string{index.SortRelevance, index.SortNewest, index.SortOldest}

func nextSort(s string) string {
	for i, o := range sorts {
		if o == s {
			return sorts[(i+1)%len(sorts)]
		}
	}
	return index.SortRelevance
}

// sortName names an order for people.
func sortName(s string) string {
	switch s {
	case index.SortNewest:
		return "newest"
	case index.SortOldest:
		return "oldest"
	case index.SortTitle:
		return "by title"
	}
	return "relevance"
}

// openSaved starts the screen on a saved search: its query and order, its
// hits new since since marked, and with onlyNew, only those.
func (s *searcher) openSaved(name, query, sort string, since time.Time, onlyNew bool) tea.Cmd {
	s.sort = sort
	s.opened = &openedSearch{name: name, since: since, query: query, onlyNew: onlyNew}
	s.input.SetValue(query)
	s.input.CursorEnd()
	s.history = -1
	// The results of another search must not pass for the saved one's:
	// the list is empty until its own results come, at once.
	s.results, s.hits, s.query, s.facets, s.tags = nil, nil, "", nil, nil
	s.regroup()
	s.changed()
	return s.run(false)
}

// leave forgets what belongs to one visit of the screen: the saved search
// opened, the filter chooser and a prompt.
func (s *searcher) leave() {
	s.opened, s.filters, s.prompt = nil, nil, nil
}

// isNew reports whether a hit is new to the saved search opened.
func (s *searcher) isNew(h index.Hit) bool {
	return s.opened != nil && !h.Changed.IsZero() && h.Changed.After(s.opened.since)
}

// changedSince is the time from which sections are kept: that of the
// saved search opened, while it shows only what is new.
func (s *searcher) changedSince() time.Time {
	if s.opened != nil && s.opened.onlyNew {
		return s.opened.since
	}
	return time.Time{}
}
