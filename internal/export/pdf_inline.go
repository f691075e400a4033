package export

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
)

// runs returns a block's inline content as styled runs: emphasis in
// italic, strong in bold, code in Go Mono, and a web link's address after
// its text.
func (h *handout) runs(n ast.Node) []inlineRun {
	var out []inlineRun
	src := h.doc.tree.Source
	bold, italic, code := 0, 0, 0
	add := func(text string) {
		if text == "" {
			return
		}
		r := inlineRun{text: cleanLine(text), kind: textFont, style: styleOf(bold > 0, italic > 0), colour: black}
		if code > 0 {
			r.kind, r.code = monoFont, true
		}
		out = append(out, r)
	}
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if c == n {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Emphasis:
			if c.Level >= 2 {
				bold += sign(entering)
			} else {
				italic += sign(entering)
			}
		case *ast.CodeSpan:
			code += sign(entering)
		case *ast.Image:
			italic += sign(entering)
		case *ast.Link:
			if !entering {
				dest := string(c.Destination)
				if isWebLink(dest) && strings.TrimSpace(h.doc.tree.InlineText(c)) != dest {
					out = append(out, inlineRun{text: " (" + cleanLine(dest) + ")", kind: textFont, colour: grey})
				}
			}
		case *ast.Text:
			if entering {
				text := string(c.Value(src))
				switch {
				case c.HardLineBreak():
					text += "\n"
				case c.SoftLineBreak():
					text += " "
				}
				add(text)
			}
		case *ast.String:
			if entering {
				add(string(c.Value))
			}
		case *ast.AutoLink:
			if entering {
				add(string(c.Label(src)))
			}
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML, *extast.TaskCheckBox:
			if box, ok := c.(*extast.TaskCheckBox); ok && entering {
				if box.IsChecked {
					add("☑ ")
				} else {
					add("☐ ")
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return out
}

func sign(entering bool) int {
	if entering {
		return 1
	}
	return -1
}

func boldRuns(runs []inlineRun) []inlineRun {
	for i := range runs {
		if runs[i].kind == textFont {
			runs[i].style = styleOf(true, runs[i].style == italicStyle || runs[i].style == boldItalicStyle)
		}
	}
	return runs
}

// isWebLink reports whether a destination is an address a reader of
// paper could type.
func isWebLink(dest string) bool {
	d := strings.ToLower(dest)
	return strings.HasPrefix(d, "http://") || strings.HasPrefix(d, "https://") || strings.HasPrefix(d, "mailto:")
}

// cleanLine keeps tabs and controls out of drawn text.
func cleanLine(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t':
			return ' '
		case r == '\n':
			return r
		case r < ' ' || r == 0x7f || r >= 0x80 && r <= 0x9f:
			return -1
		}
		return r
	}, s)
}
