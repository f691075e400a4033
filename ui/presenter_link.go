package ui

import (
	"context"
	"path/filepath"
	"strconv"

	tea "charm.land/bubbletea/v2"
	"github.com/briefreader/brief/internal/state"
)

// consoleLink is the presenter's end of the channel from `brief console`:
// it watches the consoles' command files beside the shared status and
// hands their new commands to the presenter as messages.
type consoleLink struct {
	cancel context.CancelFunc
	ch     chan []state.ConsoleCommand
}

// consoleCommandsMsg carries commands from a console.
type consoleCommandsMsg struct {
	link *consoleLink
	cmds []state.ConsoleCommand
}

// listen starts following the consoles, once; commands already in their
// files are not carried out.
func (p *presenter) listen() tea.Cmd {
	if p.link != nil || p.statusPath == "-" {
		return nil
	}
	path := p.statusPathOrDefault()
	if path == "" {
		return nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	link := &consoleLink{cancel: cancel, ch: make(chan []state.ConsoleCommand)}
	p.link = link
	commands := state.NewCommands(path)
	signals := state.Follow(ctx, filepath.Dir(path), state.IsConsoleFile)
	go func() {
		defer close(link.ch)
		for range signals {
			cmds := commands.New()
			if len(cmds) == 0 {
				continue
			}
			select {
			case link.ch <- cmds:
			case <-ctx.Done():
				return
			}
		}
	}()
	return link.wait()
}

// wait returns the next commands as a message.
func (l *consoleLink) wait() tea.Cmd {
	return func() tea.Msg {
		cmds, ok := <-l.ch
		if !ok {
			return nil
		}
		return consoleCommandsMsg{link: l, cmds: cmds}
	}
}

// stop ends the link; nil is stopped already.
func (l *consoleLink) stop() {
	if l != nil {
		l.cancel()
	}
}

// obey carries out a console's commands as the presenter's own keys would,
// and waits for more.
func (p *presenter) obey(msg consoleCommandsMsg) tea.Cmd {
	if msg.link != p.link || p.link == nil {
		return nil // a link this presenter has stopped
	}
	cmds := []tea.Cmd{p.link.wait()}
	for _, c := range msg.cmds {
		cmds = append(cmds, p.command(c))
	}
	return tea.Batch(cmds...)
}

// command carries out one console command.
func (p *presenter) command(c state.ConsoleCommand) tea.Cmd {
	p.message = ""
	blanked := p.blank != notBlank
	switch c.Verb {
	case state.CommandBlack:
		p.blank = blackScreen
	case state.CommandWhite:
		p.blank = whiteScreen
	case state.CommandUnblank:
		p.blank = notBlank
	case state.CommandNext, state.CommandPrev:
		if blanked { // as a key: the first press brings the slide back
			p.blank = notBlank
			break
		}
		if c.Verb == state.CommandNext {
			return p.next()
		}
		return p.prev()
	case state.CommandSection:
		p.blank = notBlank
		if c.Arg == 0 {
			return p.moveTo(firstSlide)
		}
		return p.jumpToSection(strconv.Itoa(c.Arg))
	case state.CommandFirst:
		p.blank = notBlank
		return p.moveTo(firstSlide)
	case state.CommandLast:
		p.blank = notBlank
		return p.moveTo(lastSlide(p.deck))
	case state.CommandTimer:
		return p.toggleTimer()
	}
	p.share()
	return nil
}
