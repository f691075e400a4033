package ui

import (
	"strconv"

	tea "charm.land/bubbletea/v2"
	"github.com/briefreader/brief/briefings"
)

// Moving by section in the reader, saying why when nothing can happen:
// ] and [ at the ends, section numbers past 9 (digits, then enter), and ]
// at the end of a briefing offering the next one in reading order.

// nextSection goes to the next section; after the last one it asks the
// app for the next briefing (offered by a first ], opened by a second).
func (r *reader) nextSection(offered string) intent {
	if next, ok := r.at().after(len(r.b.Sections)); ok {
		r.jump(next)
		return nil
	}
	return nextBriefingIntent{open: offered}
}

// prevSection goes to the previous section, or to the top from the first.
func (r *reader) prevSection() {
	prev, ok := r.at().before()
	if !ok || r.top == 0 {
		r.status("This is the start of the briefing: there is no section before it.")
		return
	}
	r.jump(prev)
}

// sectionDigit goes to the section numbered by the digits typed so far
// (pending, then d). While another digit could still make a section
// number, it waits for one; enter or any other key ends the number.
func (r *reader) sectionDigit(pending, d string) {
	typed := pending + d
	n, _ := strconv.Atoi(typed)
	count := len(r.b.Sections)
	s, ok := numberedSection(n, count)
	switch {
	case count == 0:
		r.status("This briefing has no sections.")
		return
	case n == 0:
		r.status("Sections are numbered 1 to %d.", count)
		return
	case !ok:
		r.status("This briefing has %d %s: there is no section %d.", count, plural(count, "section", "sections"), n)
		return
	}
	r.jump(s)
	if n*10 <= count {
		r.number = typed
		r.status("Section %d. Another digit for %d–%d, or enter.", n, n*10, min(n*10+9, count))
	}
}

// nextBriefing answers ] at the end of a briefing: it names the next one
// in reading order (the next chapter of a book), and opens it at the top
// when it was named by the ] before.
func (m *Model) nextBriefing(in nextBriefingIntent) tea.Cmd {
	if m.rd == nil {
		return nil
	}
	if in.open != "" {
		return m.withBriefing(in.open, func(b *briefings.Briefing, err error) tea.Cmd {
			if err != nil {
				m.message("That briefing can no longer be read; it may have been deleted.")
				return nil
			}
			return m.open(b, leadRef, nil)
		})
	}
	next, ok := briefings.NextInReadingOrder(m.lib.entries(), m.rd.b.Path)
	if !ok {
		m.rd.status("This is the last section, and no briefing comes after this one.")
		return nil
	}
	m.rd.offer(next)
	return nil
}
