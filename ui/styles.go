package ui

import (
	"image/color"

	"charm.land/lipgloss/v2"
)

// styles are the app's own colours and weights, chosen for a dark or a
// light terminal. Under NO_COLOR the renderer drops the colours and keeps
// bold, underline and reverse, so every highlight also uses one of those.
type styles struct {
	dark    bool
	noColor bool // NO_COLOR: highlights are underlined

	title      lipgloss.Style // screen titles
	subtle     lipgloss.Style // secondary text: dates, counts, hints
	accent     lipgloss.Style // the one coloured thing on a line
	status     lipgloss.Style // the status bar
	statusKey  lipgloss.Style // emphasized part of the status bar
	message    lipgloss.Style // one-line notices
	warning    lipgloss.Style // problems
	selected   lipgloss.Style // the selected row of a list
	tocCurrent lipgloss.Style // the section being read
	tocCursor  lipgloss.Style // the table-of-contents cursor
	match      lipgloss.Style // a find match
	matchNow   lipgloss.Style // the current find match
	border     lipgloss.Style // pane separators
	help       lipgloss.Style // the help box
}

func newStyles(dark bool) *styles {
	ld := lipgloss.LightDark(dark)
	c := func(light, darkColour string) color.Color {
		return ld(lipgloss.Color(light), lipgloss.Color(darkColour))
	}
	fg := c("#1a1a1a", "#e8e8e8")
	dim := c("#5f5f5f", "#9e9e9e")
	accent := c("#005fd7", "#87afff")
	barBg := c("#d0d0d0", "#303030")
	return &styles{
		dark:       dark,
		title:      lipgloss.NewStyle().Bold(true).Foreground(fg),
		subtle:     lipgloss.NewStyle().Foreground(dim),
		accent:     lipgloss.NewStyle().Foreground(accent),
		status:     lipgloss.NewStyle().Foreground(fg).Background(barBg),
		statusKey:  lipgloss.NewStyle().Foreground(accent).Background(barBg).Bold(true),
		message:    lipgloss.NewStyle().Foreground(accent).Bold(true),
		warning:    lipgloss.NewStyle().Foreground(c("#af0000", "#ff8787")).Bold(true),
		selected:   lipgloss.NewStyle().Foreground(accent).Bold(true),
		tocCurrent: lipgloss.NewStyle().Foreground(accent).Bold(true),
		tocCursor:  lipgloss.NewStyle().Reverse(true),
		// Matches are bold on a yellow ground; the current one is in
		// reverse video, so without colour (NO_COLOR) it still stands out.
		match:    lipgloss.NewStyle().Foreground(c("#000000", "#000000")).Background(c("#ffd75f", "#d7af5f")).Bold(true),
		matchNow: lipgloss.NewStyle().Foreground(c("#d75f00", "#ffaf00")).Background(c("#ffffff", "#000000")).Bold(true).Reverse(true),
		border:   lipgloss.NewStyle().Foreground(c("#bcbcbc", "#444444")),
		help:     lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(accent).Padding(0, 1),
	}
}
