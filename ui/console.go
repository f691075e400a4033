package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"strconv"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/briefreader/brief/internal/render"
	"github.com/briefreader/brief/internal/state"
)

// consoleTick redraws the console's clocks.
const consoleTick = time.Second

// ConsoleOptions configure the presenter console.
type ConsoleOptions struct {
	// StatusPath is the presenter's status file ("" for the default).
	StatusPath string
	// Briefing, if set, is the path of the briefing to follow; others are
	// ignored until it is presented.
	Briefing string
	// Now is the clock; nil is time.Now.
	Now func() time.Time
}

// consoleModel follows a presenting brief from another terminal (brief
// console, brief notes): the page as the audience sees it, the next one,
// the notes, the clocks and the plan; its keys drive the presentation.
type consoleModel struct {
	opts          ConsoleOptions
	st            *styles
	status        state.Presenting
	have          bool   // status holds a presentation of the briefing followed
	gone          bool   // the presenter stopped without saying so
	err           string // reading the status failed
	message       string // a notice, until the next key
	digits        string // a section number being typed
	width, height int

	sender  *state.Console
	changes <-chan struct{}
	cancel  context.CancelFunc
}

type (
	consoleChangedMsg struct{}
	consoleTickMsg    struct{}
)

func newConsoleModel(opts ConsoleOptions) *consoleModel {
	if opts.StatusPath == "" {
		opts.StatusPath = state.PresentingPath()
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &consoleModel{opts: opts, st: newStyles(true), sender: state.NewConsole(opts.StatusPath)}
}

// follow starts watching the status file.
func (c *consoleModel) follow() {
	if c.changes != nil {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	c.cancel = cancel
	name := filepath.Base(c.opts.StatusPath)
	c.changes = state.Follow(ctx, filepath.Dir(c.opts.StatusPath), func(n string) bool { return n == name })
}

// stop ends following and removes the console's command file.
func (c *consoleModel) stop() {
	if c.cancel != nil {
		c.cancel()
	}
	_ = c.sender.Close()
}

func (c *consoleModel) Init() tea.Cmd {
	c.follow()
	c.refresh()
	return tea.Batch(c.waitForChange(), c.tick())
}

func (c *consoleModel) waitForChange() tea.Cmd {
	ch := c.changes
	return func() tea.Msg {
		if _, ok := <-ch; !ok {
			return nil
		}
		return consoleChangedMsg{}
	}
}

func (c *consoleModel) tick() tea.Cmd {
	return tea.Tick(consoleTick, func(time.Time) tea.Msg { return consoleTickMsg{} })
}

// refresh reads the status file; a missing file means nobody presents yet.
func (c *consoleModel) refresh() {
	s, err := state.ReadPresenting(c.opts.StatusPath)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		c.have, c.err = false, ""
	case err != nil:
		c.err = firstLine(err.Error())
	case c.opts.Briefing != "" && s.Briefing != c.opts.Briefing:
		c.have, c.err = false, ""
	default:
		c.status, c.have, c.err = cleanStatus(s), true, ""
		c.gone = !s.Ended && !state.PresenterAlive(s)
	}
}

// cleanStatus keeps terminal controls read from disk off the screen: plain
// text for names and notes, only SGR styling in the slides.
func cleanStatus(s state.Presenting) state.Presenting {
	s.Title, s.SectionTitle, s.Next = render.Plain(s.Title), render.Plain(s.SectionTitle), render.Plain(s.Next)
	s.NextTitle = render.Plain(s.NextTitle)
	for _, list := range [][]string{s.Notes, s.LaterNotes, s.Warnings} {
		for i := range list {
			list[i] = render.Plain(list[i])
		}
	}
	for _, list := range [][]string{s.Screen, s.NextScreen} {
		for i := range list {
			list[i] = render.KeepOnlySGR(list[i])
		}
	}
	for i := range s.Plan {
		s.Plan[i].Title = render.Plain(s.Plan[i].Title)
	}
	return s
}

// live reports whether a presentation runs that commands can reach.
func (c *consoleModel) live() bool {
	return c.have && !c.status.Ended && !c.gone
}

func (c *consoleModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		c.width, c.height = msg.Width, msg.Height
	case consoleChangedMsg:
		c.refresh()
		return c, c.waitForChange()
	case consoleTickMsg:
		c.refresh() // also notices a presenter that died
		return c, c.tick()
	case tea.KeyPressMsg:
		return c, c.key(msg)
	}
	return c, nil
}

// key handles the console's keys: most drive the presentation.
func (c *consoleModel) key(msg tea.KeyPressMsg) tea.Cmd {
	c.message = ""
	k := msg.String()
	if len(k) == 1 && k[0] >= '0' && k[0] <= '9' {
		c.digits += k
		return nil
	}
	if c.digits != "" {
		digits := c.digits
		c.digits = ""
		switch k {
		case "enter":
			n, _ := strconv.Atoi(digits)
			if n > c.status.Sections {
				c.message = fmt.Sprintf("There is no section %s; this briefing has %d.", digits, c.status.Sections)
				return nil
			}
			c.send(state.CommandSection, n)
			return nil
		case "backspace":
			c.digits = digits[:len(digits)-1]
			return nil
		case "esc":
			return nil
		}
	}
	switch k {
	case "q", "esc", "ctrl+c":
		c.stop()
		return tea.Quit
	case "space", "right", "down", "l", "j", "n", "enter", "pgdown":
		c.send(state.CommandNext, 0)
	case "left", "up", "h", "k", "p", "backspace", "pgup":
		c.send(state.CommandPrev, 0)
	case "]":
		c.send(state.CommandSection, min(c.status.Section+2, c.status.Sections))
	case "[":
		c.send(state.CommandSection, max(c.status.Section, 0))
	case "g", "home":
		c.send(state.CommandFirst, 0)
	case "G", "end":
		c.send(state.CommandLast, 0)
	case "b", ".":
		c.toggleBlank("black", state.CommandBlack)
	case "w":
		c.toggleBlank("white", state.CommandWhite)
	case "t":
		c.send(state.CommandTimer, 0)
	}
	return nil
}

func (c *consoleModel) toggleBlank(colour, verb string) {
	if c.status.Blank == colour {
		verb = state.CommandUnblank
	}
	c.send(verb, 0)
}

// send passes a command to the presenter, when one runs.
func (c *consoleModel) send(verb string, arg int) {
	if !c.live() {
		c.message = "No presentation is running: start one with p in the reader, or brief present."
		return
	}
	if err := c.sender.Send(verb, arg, c.opts.Now()); err != nil {
		c.message = firstLine(err.Error())
	}
}

func (c *consoleModel) View() tea.View {
	v := tea.NewView(c.render(c.width, c.height, true))
	v.AltScreen = true
	v.WindowTitle = "brief console"
	return v
}

// RunConsole follows a presentation on the terminal until the user quits.
func RunConsole(ctx context.Context, opts ConsoleOptions, in io.Reader, out io.Writer) error {
	m := newConsoleModel(opts)
	defer m.stop()
	p := tea.NewProgram(m, tea.WithContext(ctx), tea.WithInput(in), tea.WithOutput(out))
	_, err := p.Run()
	if err != nil && !errors.Is(err, context.Canceled) {
		return fmt.Errorf("terminal interface: %w", err)
	}
	return nil
}

// ConsoleSnapshot returns the console as plain text, for output that is
// not a terminal.
func ConsoleSnapshot(opts ConsoleOptions, width, height int) string {
	c := newConsoleModel(opts)
	c.refresh()
	return c.render(width, height, false) + "\n"
}
