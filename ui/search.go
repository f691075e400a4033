package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/briefreader/brief/index"
	"github.com/briefreader/brief/internal/search"
	"github.com/briefreader/brief/internal/state"
)

// SearchService is what the app needs of search: the search service of
// internal/search has it, and tests give the app a fake. The service keeps
// the index up to date by itself, told of changed files by Changed, and
// reports on that work through NextUpdate.
type SearchService interface {
	// Search answers a request, recovering as it can.
	Search(ctx context.Context, req index.Request) (search.Answer, error)
	// Facets counts the sections a request matches by tag, folder,
	// language, author and year, and those of each briefing in paths.
	Facets(ctx context.Context, req index.Request, paths []string) (*index.Facets, error)
	// Section returns a section to preview.
	Section(ctx context.Context, path, anchor string) (*index.SectionSource, error)
	// CountNew counts the sections new to each saved search.
	CountNew(ctx context.Context, saved []search.Saved) []search.NewCount
	// Notices says what opening the index had to do, one line each.
	Notices() []string
	// Changed tells the service which files changed on disk.
	Changed(paths []string)
	// NextUpdate waits for news of the background work; false once the
	// service is closed.
	NextUpdate(ctx context.Context) (search.Update, bool)
	// Close stops the service.
	Close() error
}

// searchDebounce is how long typing must pause before a search runs.
const searchDebounce = 100 * time.Millisecond

// searchPage is how many hits a search fetches at a time: about four
// screens; moving to the last fetches the next page. Every hit fetched
// costs its snippets on every key press.
const searchPage = 20

// searcher is the search screen: a query box, ranked hits with highlighted
// snippets grouped by briefing, filters chosen from facets and written into
// the query, a preview of the selected section on wide terminals, saved
// searches, and history.
type searcher struct {
	keys  searchKeys
	st    *styles
	input textinput.Model
	store *state.Store

	svc     SearchService
	syncing *index.Progress // while a sync of the index runs

	seq     int // bumps on every query change
	applied int // seq of the results shown
	cancel  context.CancelFunc
	query   string // the query of the results shown
	results *index.Results
	hits    []index.Hit
	cursor  int // the selected row (search_rows.go)
	offset  int // first row shown
	err     string
	notice  string // from the app (the index was rebuilt, ...); kept until the query changes
	// noticeOfAnswer says that notice holds the notes of the results
	// shown (they come from a quick scan, ...), replaced by the next.
	noticeOfAnswer bool
	tags           []index.TagCount
	history        int // position while recalling history; -1 when not
	loading        bool
	help           *helpScreen
	width          int
	height         int
	lastTook       time.Duration

	workbench
}

// Messages of the search screen.
type (
	searchDueMsg     struct{ seq int }
	searchResultsMsg struct {
		seq     int
		query   string
		sort    string
		more    bool // a further page of the same query
		refresh bool // the same query again, after the index changed
		answer  search.Answer
		err     error
	}
)

func newSearcher(st *styles, store *state.Store) *searcher {
	s := &searcher{keys: newSearchKeys(), st: st, store: store, history: -1, workbench: newWorkbench()}
	s.input = newInput("search: ", `words, "a phrase", tag:ukraine, title:…`)
	s.input.CharLimit = 500
	return s
}

func (s *searcher) setSize(width, height int) {
	s.width, s.height = width, height
	s.input.SetWidth(max(width-12, 10))
}

// notify shows a message from the app; an error would go with the next
// results.
func (s *searcher) notify(text string) { s.notice = text }

// typing reports whether a text input has the keys: the query box always
// has them.
func (s *searcher) typing() bool { return true }

// setStyles draws the screen with new styles and previews hits in a
// glamour style.
func (s *searcher) setStyles(st *styles, style string) {
	s.st, s.style = st, style
}

// unavailable says why there are no results: the service failed.
func (s *searcher) unavailable(why string) { s.err = why }

// setService searches with the service, now open.
func (s *searcher) setService(svc SearchService) { s.svc = svc }

// focus puts the cursor in the query box.
func (s *searcher) focus() tea.Cmd {
	return s.input.Focus()
}

// setQuery starts with a query (brief -q).
func (s *searcher) setQuery(q string) tea.Cmd {
	s.input.SetValue(q)
	s.input.CursorEnd()
	return s.changed()
}

// changed schedules a search for the current query after a pause in typing.
func (s *searcher) changed() tea.Cmd {
	s.seq++
	seq := s.seq
	s.err, s.notice = "", ""
	return tea.Tick(searchDebounce, func(time.Time) tea.Msg { return searchDueMsg{seq} })
}

// run starts the search for the current query off the UI goroutine; an
// older search still running is cancelled, and its results, should they
// arrive, are dropped.
func (s *searcher) run(more bool) tea.Cmd {
	return s.start(more, false)
}

// refresh runs the search on screen again, after the index changed; the
// cursor stays on the hit it was on.
func (s *searcher) refresh() tea.Cmd {
	if s.loading || s.applied != s.seq {
		return s.run(false) // a search is due anyway
	}
	return s.start(false, true)
}

func (s *searcher) start(more, refresh bool) tea.Cmd {
	if s.svc == nil {
		return nil
	}
	q := s.input.Value()
	if strings.TrimSpace(q) == "" {
		s.results, s.hits, s.query, s.err = nil, nil, "", ""
		s.applied = s.seq
		s.regroup()
		return nil
	}
	if s.cancel != nil && !more {
		s.cancel()
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	// Facets are counted after the hits are shown (countFacets): counting
	// visits every match, and would hold up every key press.
	req := index.Request{Query: q, AsYouType: true, Limit: searchPage, NoTagCounts: true, Sort: s.sort, ChangedSince: s.changedSince()}
	if more {
		req.Offset = len(s.hits)
	}
	seq, sort, svc := s.seq, s.sort, s.svc
	s.loading = true
	return func() tea.Msg {
		defer cancel()
		ans, err := svc.Search(ctx, req)
		return searchResultsMsg{seq: seq, query: q, sort: sort, more: more, refresh: refresh, answer: ans, err: err}
	}
}

// show applies search results, unless newer ones are already shown, and
// asks for their facets and a preview of the selected hit.
func (s *searcher) show(msg searchResultsMsg) tea.Cmd {
	if msg.seq < s.applied {
		return nil // older than what is shown
	}
	s.loading = msg.seq < s.seq
	switch {
	case errors.Is(msg.err, context.Canceled):
		return nil
	case msg.err != nil:
		s.err = firstLine(msg.err.Error())
		return nil
	}
	res := msg.answer.Results
	s.err = ""
	if qe := msg.answer.QueryError; qe != nil {
		s.err = qe.Error() + "; searched as plain words"
	}
	switch {
	case len(msg.answer.Notes) > 0:
		s.notice, s.noticeOfAnswer = strings.Join(msg.answer.Notes, " · "), true
	case s.noticeOfAnswer:
		s.notice, s.noticeOfAnswer = "", false // the notes of an older answer
	}
	if msg.more {
		if msg.seq == s.applied && msg.query == s.query {
			onHit := s.selected()
			s.hits = append(s.hits, res.Hits...)
			s.regroup()
			s.selectHit(onHit)
			return s.countFacets()
		}
		return nil
	}
	var onHit *index.Hit
	if msg.refresh {
		onHit = s.selected()
	}
	s.applied = msg.seq
	s.query, s.results, s.hits = msg.query, res, res.Hits
	s.lastTook = res.Took
	s.cursor, s.offset = 0, 0
	s.facets, s.groupHits = nil, nil
	s.regroup()
	s.selectHit(onHit)
	return tea.Batch(s.countFacets(), s.showPreview())
}

// update handles a message for the search screen; it returns what the
// user asked the app to do, if anything.
func (s *searcher) update(msg tea.Msg) (intent, tea.Cmd) {
	if msg, ok := msg.(tea.KeyPressMsg); ok {
		return s.key(msg)
	}
	return nil, s.handle(msg)
}

// handle handles a message other than a key.
func (s *searcher) handle(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case searchDueMsg:
		if msg.seq == s.seq {
			return s.run(false)
		}
		return nil
	case searchResultsMsg:
		return s.show(msg)
	case tea.PasteMsg:
		var cmd tea.Cmd
		s.input, cmd = s.input.Update(msg)
		return tea.Batch(cmd, s.changed())
	}
	if cmd, ok := s.workbenchUpdate(msg); ok {
		return cmd
	}
	var cmd tea.Cmd
	s.input, cmd = s.input.Update(msg)
	return cmd
}

func (s *searcher) key(msg tea.KeyPressMsg) (intent, tea.Cmd) {
	if s.help != nil {
		if s.help.key(msg) {
			s.help = nil
		}
		return nil, nil
	}
	if cmd, ok := s.workbenchKey(msg); ok {
		return nil, cmd
	}
	k := s.keys
	switch {
	case matches(msg, k.Down):
		return nil, s.move(1)
	case matches(msg, k.Up):
		if s.input.Value() == "" || s.history >= 0 {
			s.recall(1)
			return nil, s.changed()
		}
		return nil, s.move(-1)
	case matches(msg, k.PageDown):
		return nil, s.move(max(s.visibleHits(), 1))
	case matches(msg, k.PageUp):
		return nil, s.move(-max(s.visibleHits(), 1))
	case matches(msg, k.Open):
		if h := s.selected(); h != nil {
			if s.store != nil {
				s.store.AddHistory(s.input.Value())
			}
			return openHitIntent{*h}, nil
		}
		return nil, nil
	case matches(msg, k.Suggest):
		if s.results == nil || s.results.Suggestion == "" {
			return nil, nil
		}
		s.input.SetValue(s.results.Suggestion)
		s.input.CursorEnd()
		s.history = -1
		return nil, s.changed()
	case matches(msg, k.Back):
		return backIntent{}, nil
	case matches(msg, k.Help):
		s.help = &helpScreen{title: "Search", groups: []helpGroup{
			{"Results", []key.Binding{k.Down, k.Up, k.PageDown, k.PageUp, k.Open, k.Suggest, k.History, k.Back}},
			{"Workbench", []key.Binding{k.Filters, k.Sort, k.Group, k.Expand, k.Save, k.Export, k.OnlyNew}},
			{"Query syntax", querySyntaxHelp()},
		}}
		return nil, nil
	}
	before := s.input.Value()
	var cmd tea.Cmd
	s.input, cmd = s.input.Update(msg)
	if s.input.Value() != before {
		s.history = -1
		return nil, tea.Batch(cmd, s.changed())
	}
	return nil, cmd
}

// recall steps back (dir 1) or forward (-1) through the search history.
func (s *searcher) recall(dir int) {
	if s.store == nil {
		return
	}
	h := s.store.History()
	if len(h) == 0 {
		return
	}
	s.history = min(max(s.history+dir, 0), len(h)-1)
	s.input.SetValue(h[s.history])
	s.input.CursorEnd()
}

// maxFacetTags is how many tags the facet line offers.
const maxFacetTags = 8

// syncProgress notes how far a sync of the index has got; nil when none
// runs.
func (s *searcher) syncProgress(p *index.Progress) {
	s.syncing = p
}

func (s *searcher) status() string {
	switch {
	case s.svc == nil:
		return "Opening the search index…"
	case s.syncing != nil && s.syncing.Total > 0:
		return fmt.Sprintf("Indexing %d of %d files; results so far.", s.syncing.Done, s.syncing.Total)
	case s.results == nil:
		return ""
	}
	n := s.results.Total
	line := fmt.Sprintf("%d %s in %s", n, plural(int(n), "section", "sections"), formatTook(s.lastTook))
	if s.sort != index.SortRelevance {
		line += " · " + sortName(s.sort) + " first"
	}
	if o := s.opened; o != nil && o.onlyNew {
		line += " · only what is new since " + o.since.Local().Format("2 Jan 15:04") + " (ctrl+l: all)"
	}
	if s.results.Suggestion != "" {
		line += " · did you mean: " + s.results.Suggestion + " (ctrl+y)"
	}
	return line
}

func formatTook(d time.Duration) string {
	if d < time.Millisecond {
		return "under 1 ms"
	}
	return fmt.Sprintf("%d ms", d.Milliseconds())
}
