package ui

import "charm.land/bubbles/v2/textinput"

// newInput returns a text input with a steady cursor: a blinking one
// redraws the screen twice a second for nothing.
func newInput(prompt, placeholder string) textinput.Model {
	ti := textinput.New()
	ti.Prompt = prompt
	ti.Placeholder = placeholder
	ti.CharLimit = 200
	s := ti.Styles()
	s.Cursor.Blink = false
	ti.SetStyles(s)
	return ti
}
