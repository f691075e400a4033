package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/briefreader/brief/index"
	"github.com/briefreader/brief/internal/hitexport"
	"github.com/briefreader/brief/internal/search"
	"github.com/briefreader/brief/internal/state"
	"github.com/charmbracelet/x/ansi"
)

// Prompts in place of the query box: the name to save the search under
// (ctrl+s), and the file to write the hits to (ctrl+t).

type promptKind int

const (
	promptSave promptKind = iota
	promptExport
)

// prompt is a one-line question with an answer being typed.
type prompt struct {
	kind    promptKind
	input   textinput.Model
	confirm string // the answer to replace, once warned
	msg     string // what went wrong with the last answer
}

// promptDoneMsg says how an answer was carried out, off the UI goroutine.
type promptDoneMsg struct {
	text string
	bad  bool
	// again reopens the prompt with this answer (the file exists).
	again *prompt
}

// exportMax bounds the hits written to a file.
const exportMax = 1000

func (s *searcher) newPrompt(kind promptKind, label, value string) {
	in := newInput(label, "")
	in.CharLimit = 1000
	in.SetWidth(max(s.width-len(label)-4, 10))
	in.SetValue(value)
	in.CursorEnd()
	in.Focus()
	s.prompt = &prompt{kind: kind, input: in}
}

// openSavePrompt asks for the name to save the search under.
func (s *searcher) openSavePrompt() {
	q := strings.TrimSpace(s.input.Value())
	switch {
	case s.store == nil:
		s.notice = "Searches cannot be saved: the state folder is not available."
		return
	case q == "":
		s.notice = "Type a search first; ctrl+s then saves it."
		return
	}
	name := q
	if s.opened != nil {
		name = s.opened.name
	}
	s.newPrompt(promptSave, "save as: ", ansi.Truncate(name, 60, ""))
}

// openExportPrompt asks for the file to write the hits to.
func (s *searcher) openExportPrompt() {
	if s.results == nil || len(s.hits) == 0 {
		s.notice = "There are no hits to write to a file."
		return
	}
	s.newPrompt(promptExport, "write hits to (.md, .csv or .json): ", "brief-search-"+slug(s.query, 40)+".md")
}

// slug makes a file name part of a query.
func slug(q string, n int) string {
	var sb strings.Builder
	dash := false
	for _, r := range strings.ToLower(q) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			sb.WriteRune(r)
			dash = false
		} else if !dash && sb.Len() > 0 {
			sb.WriteByte('-')
			dash = true
		}
		if sb.Len() >= n {
			break
		}
	}
	out := strings.Trim(sb.String(), "-")
	if out == "" {
		return "hits"
	}
	return out
}

// promptKey handles a key while a prompt is open.
func (s *searcher) promptKey(msg tea.KeyPressMsg) tea.Cmd {
	p := s.prompt
	switch msg.String() {
	case "esc":
		s.prompt = nil
		return nil
	case "enter":
		answer := strings.TrimSpace(p.input.Value())
		if answer == "" {
			return nil
		}
		if p.kind == promptSave {
			return s.saveAs(answer)
		}
		return s.exportTo(answer)
	}
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	p.msg = ""
	return cmd
}

// saveAs saves the search under a name; a name taken by another saved
// search is replaced only when asked twice.
func (s *searcher) saveAs(name string) tea.Cmd {
	p := s.prompt
	if old, ok := s.store.SavedSearch(name); ok && p.confirm != name && (s.opened == nil || s.opened.name != old.Name) {
		p.confirm = name
		p.msg = "A search named “" + cleanMessage(old.Name) + "” is saved already: enter again to replace it, esc to keep it."
		return nil
	}
	query := s.input.Value()
	if _, err := s.store.SaveSearch(name, query, search.SavedSort(s.sort)); err != nil {
		p.msg = firstLine(err.Error())
		return nil
	}
	saved, _ := s.store.SavedSearch(name)
	s.prompt = nil
	s.opened = &openedSearch{name: saved.Name, since: saved.Seen, query: saved.Query}
	s.notice = "Saved “" + cleanMessage(saved.Name) + "”: the library shows what is new in it."
	store := s.store
	return func() tea.Msg {
		var notice *state.Notice
		if err := store.Save(); err != nil && !errors.As(err, &notice) {
			return promptDoneMsg{text: firstLine(err.Error()), bad: true}
		}
		return nil
	}
}

// exportTo writes the hits of the search shown, up to exportMax, to a
// file, off the UI goroutine.
func (s *searcher) exportTo(path string) tea.Cmd {
	p := s.prompt
	if strings.HasPrefix(path, "~/") {
		if home, err := os.UserHomeDir(); err == nil {
			path = filepath.Join(home, path[2:])
		}
	}
	if _, err := hitexport.FormatOf(path); err != nil {
		p.msg = firstLine(err.Error())
		return nil
	}
	if s.svc == nil {
		return nil
	}
	s.prompt = nil
	req := index.Request{Query: s.query, Limit: exportMax, NoTagCounts: true, Sort: s.sort, ChangedSince: s.changedSince()}
	svc, sort := s.svc, sortName(s.sort)
	again := *p
	return func() tea.Msg {
		ans, err := svc.Search(context.Background(), req)
		if err == nil && ans.Results == nil {
			err = errors.New("no results")
		}
		if err != nil {
			return promptDoneMsg{text: "The hits could not be written: " + firstLine(err.Error()), bad: true}
		}
		res := ans.Results
		info := hitexport.Info{Query: req.Query, Sort: sort, Total: res.Total, Exported: time.Now()}
		if err := hitexport.WriteFile(path, info, res.Hits); err != nil {
			again.msg = firstLine(err.Error()) + "; choose another name"
			if !errors.Is(err, hitexport.ErrExists) {
				again.msg = firstLine(err.Error())
			}
			return promptDoneMsg{again: &again}
		}
		what := fmt.Sprintf("Wrote %d %s to %s", len(res.Hits), plural(len(res.Hits), "hit", "hits"), path)
		if uint64(len(res.Hits)) < res.Total {
			what += fmt.Sprintf(" (the first %d of %d)", len(res.Hits), res.Total)
		}
		return promptDoneMsg{text: what + "."}
	}
}

// promptDone shows how an answer was carried out.
func (s *searcher) promptDone(msg promptDoneMsg) {
	if msg.again != nil {
		s.prompt = msg.again
		return
	}
	if msg.text != "" {
		s.notice, s.noticeOfAnswer = msg.text, false
	}
}

// promptLines draws the prompt in place of the query box.
func (s *searcher) promptLines() []string {
	p := s.prompt
	lines := []string{" " + p.input.View()}
	if p.msg != "" {
		return append(lines, " "+s.st.warning.Render(ansi.Truncate(cleanMessage(p.msg), s.width-2, "…")))
	}
	hint := "enter saves · esc cancels"
	if p.kind == promptExport {
		hint = "enter writes the file (in the folder brief was started in, unless the name says otherwise) · esc cancels"
	}
	return append(lines, " "+s.st.subtle.Render(ansi.Truncate(hint, s.width-2, "…")))
}
