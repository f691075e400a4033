package ui

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// overlayFilter is a list overlay's filter box. / gives it the keys, and
// while typing every key but Keep and Clear goes into it (d, q and ? are
// letters then); each change is reported to the parent (overlayFiltered),
// which filters its items and calls setCount. Its input has a steady
// cursor (newInput), so typing needs no commands.
type overlayFilter struct {
	input  textinput.Model
	typing bool
}

// withFilter gives the overlay a filter box with a placeholder.
func (o *listOverlay) withFilter(placeholder string) {
	o.filter = &overlayFilter{input: newInput("/ ", placeholder)}
}

// filterValue is the filter typed, "" without one.
func (o *listOverlay) filterValue() string {
	if o.filter == nil {
		return ""
	}
	return o.filter.input.Value()
}

// typing reports whether the filter box has the keys.
func (o *listOverlay) typing() bool { return o.filter != nil && o.filter.typing }

// filterKey handles the keys of the filter box; ok is false for a key
// that is the list's.
func (o *listOverlay) filterKey(msg tea.KeyPressMsg) (res overlayResult, ok bool) {
	f, k := o.filter, o.keys
	switch {
	case f == nil:
		return res, false
	case f.typing && key.Matches(msg, k.Keep):
		f.typing = false
		f.input.Blur()
	case f.typing && key.Matches(msg, k.Clear), !f.typing && key.Matches(msg, k.Clear) && f.input.Value() != "":
		f.typing = false
		f.input.Blur()
		f.input.SetValue("")
		res.outcome = overlayFiltered
	case f.typing:
		before := f.input.Value()
		f.input, _ = f.input.Update(msg) // a steady cursor: no command
		if f.input.Value() != before {
			res.outcome = overlayFiltered
		}
	case key.Matches(msg, k.Filter):
		f.typing = true
		f.input.Focus() // a steady cursor: no command
	default:
		return res, false
	}
	return res, true
}
