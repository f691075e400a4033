package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/briefreader/brief/internal/render"
	"github.com/briefreader/brief/internal/state"
	"github.com/charmbracelet/x/ansi"
)

// notesPoll is how often the notes view looks at the presenter's status.
const notesPoll = 250 * time.Millisecond

// NotesOptions configure the notes follower.
type NotesOptions struct {
	// StatusPath is the presenter's status file ("" for the default).
	StatusPath string
	// Briefing, if set, is the path of the briefing to follow; others are
	// ignored until it is presented.
	Briefing string
	// Now is the clock; nil is time.Now.
	Now func() time.Time
}

// notesModel follows a presenting brief from another terminal: the notes for
// the page on screen, the first line of the next page, and the timer.
type notesModel struct {
	opts          NotesOptions
	st            *styles
	status        state.Presenting
	have          bool
	err           string
	width, height int
}

type notesPollMsg struct{}

func newNotesModel(opts NotesOptions) *notesModel {
	if opts.StatusPath == "" {
		opts.StatusPath = state.PresentingPath()
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &notesModel{opts: opts, st: newStyles(true)}
}

func (n *notesModel) Init() tea.Cmd {
	n.poll()
	return n.next()
}

func (n *notesModel) next() tea.Cmd {
	return tea.Tick(notesPoll, func(time.Time) tea.Msg { return notesPollMsg{} })
}

// poll reads the status file; a missing file means nobody presents yet.
func (n *notesModel) poll() {
	s, err := state.ReadPresenting(n.opts.StatusPath)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		n.have, n.err = false, ""
	case err != nil:
		n.err = firstLine(err.Error())
	case n.opts.Briefing != "" && s.Briefing != n.opts.Briefing:
		n.have, n.err = false, ""
	default:
		// The file is ours, but nothing read from disk reaches the
		// terminal unchecked.
		s.Title, s.SectionTitle, s.Next = render.Plain(s.Title), render.Plain(s.SectionTitle), render.Plain(s.Next)
		for i := range s.Notes {
			s.Notes[i] = render.Plain(s.Notes[i])
		}
		n.status, n.have, n.err = s, true, ""
	}
}

func (n *notesModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		n.width, n.height = msg.Width, msg.Height
	case notesPollMsg:
		n.poll()
		return n, n.next()
	case tea.KeyPressMsg:
		switch msg.String() {
		case "q", "esc", "ctrl+c":
			return n, tea.Quit
		}
	}
	return n, nil
}

func (n *notesModel) View() tea.View {
	v := tea.NewView(n.render(n.width, true))
	v.AltScreen = true
	v.WindowTitle = "brief notes"
	return v
}

// render lays the notes out; styled is false for plain output.
func (n *notesModel) render(width int, styled bool) string {
	width = max(width, 20)
	title := func(s string) string {
		if styled {
			return n.st.title.Render(s)
		}
		return s
	}
	subtle := func(s string) string {
		if styled {
			return n.st.subtle.Render(s)
		}
		return s
	}
	var lines []string
	switch {
	case n.err != "":
		lines = append(lines, n.err)
	case !n.have:
		lines = append(lines, "Waiting for a presentation… (start one with p in the reader, or brief present)")
	case n.status.Ended:
		lines = append(lines, "The presentation has ended: "+n.status.Title)
	default:
		s := n.status
		where := fmt.Sprintf("§%d/%d · page %d/%d", s.Section+1, s.Sections, s.Page, s.Pages)
		if s.Section < 0 {
			where = fmt.Sprintf("title · page %d/%d", s.Page, s.Pages)
		}
		clockText := clock(s.ElapsedAt(n.opts.Now()))
		if s.Duration > 0 {
			left := time.Duration(s.Duration*float64(time.Second)) - s.ElapsedAt(n.opts.Now())
			if left >= 0 {
				clockText += " · " + clock(left) + " left"
			} else {
				clockText += " · " + clock(-left) + " over"
			}
		}
		lines = append(lines, title(s.Title), subtle(s.SectionTitle+" · "+where+" · "+clockText), "")
		if len(s.Notes) == 0 {
			lines = append(lines, subtle("No notes for this page."))
		}
		for _, note := range s.Notes {
			lines = append(lines, strings.Split(ansi.Wrap("• "+render.Plain(note), width-2, ""), "\n")...)
		}
		if s.Next != "" {
			lines = append(lines, "", subtle("Next: ")+ansi.Truncate(render.Plain(s.Next), width-7, "…"))
		}
	}
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, width, "…")
	}
	return strings.Join(lines, "\n")
}

// RunNotes follows a presentation on the terminal until the user quits.
func RunNotes(ctx context.Context, opts NotesOptions, in io.Reader, out io.Writer) error {
	p := tea.NewProgram(newNotesModel(opts), tea.WithContext(ctx), tea.WithInput(in), tea.WithOutput(out))
	_, err := p.Run()
	if err != nil && !errors.Is(err, context.Canceled) {
		return fmt.Errorf("terminal interface: %w", err)
	}
	return nil
}

// NotesSnapshot returns the notes as plain text, for output that is not a
// terminal.
func NotesSnapshot(opts NotesOptions, width int) string {
	n := newNotesModel(opts)
	n.poll()
	return n.render(width, false) + "\n"
}
