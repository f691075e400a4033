package ui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/briefreader/brief/index"
	"github.com/briefreader/brief/internal/render"
	"github.com/charmbracelet/x/ansi"
)

// The filter chooser (tab): the tags, folders, languages, authors and years
// of the results, each with how many sections have it. Choosing one writes
// it into the query box as syntax (tag:nato), and choosing it again takes
// it out, so that what is on screen can be typed, edited and saved. a
// switches a field between all of the values chosen (tag:nato tag:ukraine)
// and any of them (tag:nato,ukraine).

// filterPane is the chooser's cursor.
type filterPane struct {
	cursor int
	offset int
	// keep is the value chosen last: the cursor stays on it when the
	// counts of the new results reorder the list.
	keep *filterItem
}

// filterItem is one line of the chooser: a field's heading, or a value.
type filterItem struct {
	field  string
	head   bool
	value  string
	count  int // -1: not counted (a filter of the query the results lack)
	active bool
}

// facetFields are the chooser's fields, with their headings.
var facetFields = []struct{ field, title string }{
	{"tag", "Tags"}, {"folder", "Folders"}, {"lang", "Languages"}, {"author", "Authors"}, {"date", "Years"},
}

// filterItems lists the chooser's lines for the query and facets shown.
func (s *searcher) filterItems() []filterItem {
	q := s.input.Value()
	var items []filterItem
	for _, f := range facetFields {
		var values []index.FacetCount
		if s.facets != nil {
			switch f.field {
			case "tag":
				values = s.facets.Tags
			case "folder":
				values = s.facets.Folders
			case "lang":
				values = s.facets.Languages
			case "author":
				values = s.facets.Authors
			case "date":
				values = s.facets.Years
			}
		}
		var group []filterItem
		shown := map[string]bool{}
		for _, v := range values {
			shown[strings.ToLower(v.Value)] = true
			group = append(group, filterItem{field: f.field, value: v.Value, count: v.Count, active: index.HasFilter(q, f.field, v.Value)})
		}
		// Filters of the query the results do not have (a tag that is
		// gone, a typo) are listed too, so that they can be taken out.
		for _, qf := range index.QueryFilters(q) {
			if qf.Field != f.field {
				continue
			}
			for _, v := range qf.Values {
				if !shown[strings.ToLower(v)] {
					shown[strings.ToLower(v)] = true
					group = append([]filterItem{{field: f.field, value: v, count: -1, active: true}}, group...)
				}
			}
		}
		if len(group) > 0 {
			items = append(items, filterItem{field: f.field, head: true, value: f.title})
			items = append(items, group...)
		}
	}
	return items
}

// openFilters gives the chooser the keys.
func (s *searcher) openFilters() tea.Cmd {
	s.filters = &filterPane{}
	s.filters.cursor = nextValue(s.filterItems(), -1, 1)
	if s.facets == nil {
		return s.countFacets()
	}
	return nil
}

// nextValue returns the first value line after (dir 1) or before (-1)
// line i, or i when there is none.
func nextValue(items []filterItem, i, dir int) int {
	for j := i + dir; j >= 0 && j < len(items); j += dir {
		if !items[j].head {
			return j
		}
	}
	return max(i, 0)
}

// filterKey handles a key while the chooser is open.
func (s *searcher) filterKey(msg tea.KeyPressMsg) tea.Cmd {
	items := s.filterItems()
	fp := s.filters
	fp.cursor = min(fp.cursor, max(len(items)-1, 0))
	switch msg.String() {
	case "esc", "tab", "shift+tab":
		s.filters = nil
		return nil
	case "down", "j", "ctrl+n":
		fp.keep = nil
		fp.cursor = nextValue(items, fp.cursor, 1)
	case "up", "k", "ctrl+p":
		fp.keep = nil
		fp.cursor = nextValue(items, fp.cursor, -1)
	case "pgdown":
		fp.keep = nil
		for range 10 {
			fp.cursor = nextValue(items, fp.cursor, 1)
		}
	case "pgup":
		fp.keep = nil
		for range 10 {
			fp.cursor = nextValue(items, fp.cursor, -1)
		}
	case "enter", "space", "x":
		if fp.cursor < len(items) && !items[fp.cursor].head {
			it := items[fp.cursor]
			fp.keep = &it
			s.setQueryText(index.ToggleFilter(s.input.Value(), it.field, it.value, s.anyOf[it.field]))
			return s.changed()
		}
	case "a":
		if fp.cursor < len(items) {
			field := items[fp.cursor].field
			s.anyOf[field] = !s.anyOf[field]
			if q := index.GroupFilters(s.input.Value(), field, s.anyOf[field]); q != s.input.Value() {
				s.setQueryText(q)
				return s.changed()
			}
		}
	case "ctrl+o":
		s.sort = nextSort(s.sort)
		return s.changed()
	}
	return nil
}

// setQueryText replaces the query box's text, as if typed.
func (s *searcher) setQueryText(q string) {
	s.input.SetValue(q)
	s.input.CursorEnd()
	s.history = -1
}

// filterLines draws the chooser in width cells and height lines.
func (s *searcher) filterLines(width, height int) []string {
	items := s.filterItems()
	lines := []string{s.st.subtle.Render(ansi.Truncate("enter adds or removes · a: all of / any of · ctrl+o sort: "+sortName(s.sort)+" · esc done", width, "…"))}
	if len(items) == 0 {
		msg := "Counting…"
		if s.facets != nil || len(s.hits) == 0 {
			msg = "Nothing to filter by: search for something first."
		}
		return append(lines, "", "  "+s.st.subtle.Render(msg))
	}
	fp := s.filters
	room := max(height-1, 1)
	if fp.keep != nil {
		for i, it := range items {
			if !it.head && it.field == fp.keep.field && strings.EqualFold(it.value, fp.keep.value) {
				fp.cursor = i
				break
			}
		}
	}
	fp.cursor = min(fp.cursor, len(items)-1)
	if fp.cursor < fp.offset {
		fp.offset = max(fp.cursor-1, 0) // keep the heading above in view
	}
	if fp.cursor >= fp.offset+room {
		fp.offset = fp.cursor - room + 1
	}
	for i := fp.offset; i < len(items) && len(lines) < height; i++ {
		it := items[i]
		if it.head {
			mode := "all of them"
			if s.anyOf[it.field] {
				mode = "any of them"
			}
			lines = append(lines, " "+s.st.title.Render(it.value)+s.st.subtle.Render("  (sections with "+mode+")"))
			continue
		}
		mark := "[ ] "
		if it.active {
			mark = "[x] "
		}
		count := fmt.Sprint(it.count)
		if it.count < 0 {
			count = "none"
		}
		text := ansi.Truncate(render.Plain(it.value), max(width-len(mark)-len(count)-6, 4), "…")
		gap := max(width-4-len(mark)-ansi.StringWidth(text)-len(count), 1)
		line := mark + text + strings.Repeat(" ", gap) + count
		switch {
		case i == fp.cursor:
			line = s.st.selected.Render("▌ " + line)
		case it.count < 0:
			line = "  " + s.st.warning.Render(line)
		case it.active:
			line = "  " + s.st.accent.Render(line)
		default:
			line = "  " + line
		}
		lines = append(lines, line)
	}
	return lines
}
