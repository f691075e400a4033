package ui

import "charm.land/lipgloss/v2"

// How highlights are drawn: a marker-pen background with a foreground of
// its own, so that the pair keeps its contrast in every style (dark,
// light, the high-contrast projector themes); under NO_COLOR, where there
// is no background, an underline. The highlight the keys act on is also
// bold; a passage being marked (v) is in reverse video.

func (s *styles) marked() lipgloss.Style {
	if s.noColor {
		return lipgloss.NewStyle().Underline(true)
	}
	ld := lipgloss.LightDark(s.dark)
	return lipgloss.NewStyle().
		Foreground(ld(lipgloss.Color("#000000"), lipgloss.Color("#ffffff"))).
		Background(ld(lipgloss.Color("#b4e8b4"), lipgloss.Color("#2a5c3a")))
}

func (s *styles) markedNow() lipgloss.Style {
	if s.noColor {
		return lipgloss.NewStyle().Underline(true).Bold(true)
	}
	return s.marked().Bold(true).Underline(true)
}

func (s *styles) selection() lipgloss.Style {
	return lipgloss.NewStyle().Reverse(true)
}
