package ui

import (
	"fmt"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// sectionPicker is the presenter's list of sections (o): the title slide,
// then every section; enter presents the one under the cursor.
type sectionPicker struct {
	list *listOverlay
}

func newSectionPicker(p *presenter) *sectionPicker {
	return &sectionPicker{list: newListOverlay("Sections", "enter: present · esc: close", "present", p.deck.partCount(), p.part)}
}

// pickerKey hands a key to the section picker and goes where it says.
func (p *presenter) pickerKey(msg tea.KeyPressMsg) tea.Cmd {
	res := p.picker.list.update(msg)
	switch res.outcome {
	case overlayChosen:
		p.picker = nil
		return p.moveTo(slideAt(blockRef(res.item)))
	case overlayClosed:
		p.picker = nil
	}
	return nil
}

func (s *sectionPicker) view(p *presenter) []string {
	st := p.chrome()
	return s.list.view(st, p.width, p.height, func(i int, selected bool) []string {
		name := "Title: " + p.b.Title
		if s, ok := blockRef(i).index(); ok {
			name = fmt.Sprintf("%d. %s", blockRef(i).number(), p.b.Sections[s].Heading)
		}
		name = ansi.Truncate(" "+name, p.width, "…")
		if selected {
			name = st.tocCursor.Render(name)
		}
		return []string{name}
	})
}
