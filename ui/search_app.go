package ui

import (
	"context"
	"errors"

	tea "charm.land/bubbletea/v2"
	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/index"
	"github.com/briefreader/brief/internal/search"
)

// Messages about the search service.
type (
	searchOpenedMsg struct {
		svc SearchService
		err error
	}
	// searchUpdateMsg is news of the service's background work on the
	// index: a sync's progress or its end.
	searchUpdateMsg struct {
		update search.Update
		svc    SearchService
	}
)

// openSearchService opens the search service off the UI goroutine.
func (m *Model) openSearchService() tea.Cmd {
	if m.opts.OpenSearch == nil || m.openingSearch {
		return nil
	}
	m.openingSearch = true
	open := m.opts.OpenSearch
	return func() tea.Msg {
		svc, err := open()
		return searchOpenedMsg{svc, err}
	}
}

// searchOpened starts listening to the service, which syncs the index in
// the background, and searches at once with what the index has.
func (m *Model) searchOpened(msg searchOpenedMsg) tea.Cmd {
	if msg.err != nil {
		m.search.unavailable("Search is unavailable: " + firstLine(msg.err.Error()))
		return nil
	}
	m.svc = msg.svc
	m.search.setService(msg.svc)
	if m.pr != nil {
		m.pr.searchWith(sectionSearchWith(msg.svc))
	}
	if notices := msg.svc.Notices(); len(notices) > 0 {
		m.message(notices[len(notices)-1]) // a damaged index is rebuilt: say so now
	}
	return tea.Batch(waitForSearchUpdate(msg.svc), m.search.run(false), m.refreshSaved())
}

// waitForSearchUpdate waits for the service's next update.
func waitForSearchUpdate(svc SearchService) tea.Cmd {
	return func() tea.Msg {
		u, ok := svc.NextUpdate(context.Background())
		if !ok {
			return nil
		}
		return searchUpdateMsg{update: u, svc: svc}
	}
}

// searchUpdated shows how a sync is getting on and, when it ends, says
// what the index had to do and searches again if the index changed under
// the query on screen.
func (m *Model) searchUpdated(msg searchUpdateMsg) tea.Cmd {
	next := waitForSearchUpdate(msg.svc)
	u := msg.update
	if u.Progress != nil {
		m.search.syncProgress(u.Progress)
		return next
	}
	m.search.syncProgress(nil)
	switch {
	case u.Err != nil && ctxErr(u.Err) == nil:
		m.message("The search index could not be updated: " + firstLine(u.Err.Error()))
	case len(u.Notices) > 0:
		m.message(u.Notices[len(u.Notices)-1])
	}
	if !u.Changed {
		return next
	}
	var saved tea.Cmd
	if m.screen() == libraryScreen {
		saved = m.refreshSaved() // what is new in each saved search
	}
	return tea.Batch(next, m.search.refresh(), saved)
}

func ctxErr(err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return nil
}

// openSearch brings the search screen to the front; esc goes back to the
// screen it came from.
func (m *Model) openSearch() tea.Cmd {
	m.routes.push(searchScreen)
	return m.showSearch()
}

// showSearch readies the search screen in front for the keys.
func (m *Model) showSearch() tea.Cmd {
	m.search.setStyles(m.st, m.glamourStyle())
	m.search.setSize(m.width, m.height)
	return m.search.focus()
}

// openHit opens the reader at a hit's section with its words highlighted;
// esc in the reader comes back to the results. The file is read off the UI
// goroutine.
func (m *Model) openHit(h index.Hit) tea.Cmd {
	return m.withBriefing(h.Path, func(b *briefings.Briefing, err error) tea.Cmd {
		if err != nil {
			m.search.unavailable("“" + h.RelPath + "” could not be read; it may have been deleted.")
			return nil
		}
		// A section gone: the start. esc comes back to the results.
		section, _ := anchorRef(b, h.Anchor)
		return m.open(b, section, h.Terms)
	})
}

// sectionSearchWith lets the presenter search one briefing through the
// search service. It runs off the UI goroutine.
func sectionSearchWith(svc SearchService) SectionSearch {
	return func(ctx context.Context, path, query string) ([]string, []string, error) {
		ans, err := svc.Search(ctx, index.Request{Query: query, Paths: []string{path}, Limit: 100})
		if err != nil {
			return nil, nil, err
		}
		var anchors, terms []string
		seen := map[string]bool{}
		for _, h := range ans.Results.Hits {
			anchors = append(anchors, h.Anchor)
			for _, t := range h.Terms {
				if !seen[t] {
					seen[t] = true
					terms = append(terms, t)
				}
			}
		}
		return anchors, terms, nil
	}
}
