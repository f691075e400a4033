package ui

import (
	"context"
	"errors"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/index"
)

// Messages about the index.
type (
	indexOpenedMsg struct {
		ix  Index
		err error
	}
	indexProgressMsg struct {
		progress index.Progress
		next     <-chan tea.Msg
	}
	indexSyncedMsg struct {
		stats index.SyncStats
		err   error
	}
)

// openIndex opens the index off the UI goroutine.
func (m *Model) openIndex() tea.Cmd {
	if m.opts.OpenIndex == nil {
		return nil
	}
	open := m.opts.OpenIndex
	return func() tea.Msg {
		ix, err := open()
		return indexOpenedMsg{ix, err}
	}
}

// indexOpened starts the first sync, streaming its progress.
func (m *Model) indexOpened(msg indexOpenedMsg) tea.Cmd {
	if msg.err != nil {
		m.search.err = "Search is unavailable: " + firstLine(msg.err.Error())
		return nil
	}
	m.ix = msg.ix
	m.search.ix = msg.ix
	if notices := msg.ix.Notices(); len(notices) > 0 {
		m.message(notices[len(notices)-1]) // a damaged index is rebuilt: say so now
	}
	ctx, cancel := context.WithCancel(context.Background())
	m.stopSync = cancel
	ch := make(chan tea.Msg, 1)
	ix := msg.ix
	go func() {
		defer close(ch)
		var last time.Time
		stats, err := ix.Sync(ctx, func(p index.Progress) {
			if now := time.Now(); now.Sub(last) > 100*time.Millisecond {
				last = now
				select {
				case ch <- indexProgressMsg{progress: p}:
				default:
				}
			}
		})
		ch <- indexSyncedMsg{stats, err}
	}()
	return tea.Batch(waitForIndex(ch), m.search.run(false))
}

func waitForIndex(ch <-chan tea.Msg) tea.Cmd {
	return func() tea.Msg {
		msg, ok := <-ch
		if !ok {
			return nil
		}
		if p, isProgress := msg.(indexProgressMsg); isProgress {
			p.next = ch
			return p
		}
		return msg
	}
}

// indexSynced ends the first sync: the search screen searches again, now
// over everything, and what the index had to do is said once.
func (m *Model) indexSynced(msg indexSyncedMsg) tea.Cmd {
	m.search.syncProgress(nil)
	if msg.err != nil && ctxErr(msg.err) == nil {
		m.message("The search index could not be updated: " + firstLine(msg.err.Error()))
	} else if notices := m.ix.Notices(); len(notices) > 0 {
		m.message(notices[len(notices)-1])
	}
	m.search.seq++
	return m.search.run(false)
}

func ctxErr(err error) error {
	if err == context.Canceled || err == context.DeadlineExceeded {
		return err
	}
	return nil
}

// openSearch shows the search screen, remembering where to go back to.
func (m *Model) openSearch() tea.Cmd {
	if m.screen != searchScreen {
		m.searchFrom = m.screen
	}
	m.screen = searchScreen
	m.search.setSize(m.width, m.height)
	return m.search.focus()
}

// openHit opens the reader at a hit's section with its words highlighted;
// esc in the reader comes back to the results.
func (m *Model) openHit(h index.Hit) tea.Cmd {
	b := m.briefingAt(h.Path)
	if b == nil {
		m.search.err = "“" + h.RelPath + "” could not be read; it may have been deleted."
		return nil
	}
	section := -1
	if h.Anchor != "" {
		section = b.SectionIndex(h.Anchor)
	}
	m.readerFrom = searchScreen
	return m.open(b, section, h.Terms)
}

// briefingAt returns the briefing with this path, reading its file the
// first time (the library list holds only entries).
func (m *Model) briefingAt(path string) *briefings.Briefing {
	if b, ok := m.opened[path]; ok {
		return b
	}
	var b *briefings.Briefing
	var err error
	if strings.HasPrefix(path, briefings.BuiltinPrefix) {
		b, err = briefings.LoadSample().Find(path)
	} else {
		b, err = readBriefing(path, m.library, m.opts.LoadOptions)
	}
	if err != nil {
		return nil
	}
	m.remember(b)
	return b
}

// maxOpened is how many read briefings are kept for going back to.
const maxOpened = 16

// remember keeps a read briefing, forgetting others beyond maxOpened.
func (m *Model) remember(b *briefings.Briefing) {
	if m.opened == nil {
		m.opened = make(map[string]*briefings.Briefing)
	}
	if len(m.opened) >= maxOpened {
		for path := range m.opened {
			if m.rd == nil || path != m.rd.b.Path {
				delete(m.opened, path)
				break
			}
		}
	}
	m.opened[b.Path] = b
}

// sectionSearch lets the presenter search one briefing through the index.
func (m *Model) sectionSearch(path, query string) ([]int, []string, error) {
	if m.ix == nil {
		return nil, nil, errIndexNotReady
	}
	res, err := m.ix.Search(context.Background(), index.Request{Query: query, Paths: []string{path}, Limit: 100})
	if err != nil {
		return nil, nil, err
	}
	b := m.briefingAt(path)
	var sections []int
	seen := map[string]bool{}
	var terms []string
	for _, h := range res.Hits {
		if b != nil {
			if h.Anchor == "" {
				sections = append(sections, -1)
			} else if i := b.SectionIndex(h.Anchor); i >= 0 {
				sections = append(sections, i)
			}
		}
		for _, t := range h.Terms {
			if !seen[t] {
				seen[t] = true
				terms = append(terms, t)
			}
		}
	}
	return sections, terms, nil
}

// errIndexNotReady is returned by searches made before the index opened.
var errIndexNotReady = errors.New("the search index is not open")
