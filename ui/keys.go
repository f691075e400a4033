package ui

import "charm.land/bubbles/v2/key"

func bind(help, desc string, keys ...string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
}

// globalKeys work on every screen.
type globalKeys struct {
	Quit, Suspend, Help, Mouse key.Binding
}

func newGlobalKeys() globalKeys {
	return globalKeys{
		Quit:    bind("ctrl+c", "quit", "ctrl+c"),
		Suspend: bind("ctrl+z", "suspend", "ctrl+z"),
		Help:    bind("?", "help", "?"),
		Mouse:   bind("M", "mouse on/off (off lets you select text)", "M"),
	}
}

// readerKeys drive the reader; the help screen lists exactly these.
type readerKeys struct {
	Down, Up, PageDown, PageUp, HalfDown, HalfUp, Top, Bottom key.Binding
	NextSection, PrevSection, Section                         key.Binding
	TOC, FocusTOC, Find, NextMatch, PrevMatch                 key.Binding
	Bookmark, Bookmarks, Links, Copy, Edit, Present, Search   key.Binding
	Back                                                      key.Binding
	HighlightSentence, Visual, Highlights, Note, CopyQuote    key.Binding
	global                                                    globalKeys
}

func newReaderKeys() readerKeys {
	return readerKeys{
		Down:        bind("j/↓", "down a line", "j", "down"),
		Up:          bind("k/↑", "up a line", "k", "up"),
		PageDown:    bind("space/f/pgdn", "page down", "space", "f", "pgdown"),
		PageUp:      bind("b/pgup", "page up", "b", "pgup"),
		HalfDown:    bind("d/ctrl+d", "half page down", "d", "ctrl+d"),
		HalfUp:      bind("u/ctrl+u", "half page up", "u", "ctrl+u"),
		Top:         bind("g/home", "top", "g", "home"),
		Bottom:      bind("G/end", "bottom", "G", "end"),
		NextSection: bind("]", "next section", "]"),
		PrevSection: bind("[", "previous section", "["),
		Section:     bind("1-9", "go to section N (10 and up: then enter)", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
		TOC:         bind("t", "table of contents", "t"),
		FocusTOC:    bind("tab", "switch between contents and text", "tab"),
		Find:        bind("/", "find in briefing", "/"),
		NextMatch:   bind("n", "next match", "n"),
		PrevMatch:   bind("N", "previous match", "N"),
		Bookmark:    bind("m", "bookmark this section", "m"),
		Bookmarks:   bind("'", "list bookmarks", "'"),
		Links:       bind("o", "links in this section (follow one)", "o"),
		Copy:        bind("y", "copy section (markdown)", "y"),
		Edit:        bind("e", "edit in $EDITOR", "e"),
		Present:     bind("p", "present this section", "p"),
		Search:      bind("s", "search the library", "s"),
		Back:        bind("esc/q", "back to the library", "esc", "q"),
		global:      newGlobalKeys(),

		HighlightSentence: bind("h", "highlight the sentence of a find match", "h"),
		Visual:            bind("v", "mark a passage (j k w b ) (, enter)", "v"),
		Highlights:        bind("H", "list this briefing's highlights", "H"),
		Note:              bind("a", "note on the highlight on screen", "a"),
		CopyQuote:         bind("Y", "copy a highlight with its citation", "Y"),
	}
}

// ShortHelp is the one-line hint in the status bar.
func (k readerKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.TOC, k.Find, k.NextSection, k.Back, k.global.Help}
}

// FullHelp is the help screen, one column per group.
func (k readerKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Down, k.Up, k.PageDown, k.PageUp, k.HalfDown, k.HalfUp, k.Top, k.Bottom},
		{k.NextSection, k.PrevSection, k.Section, k.TOC, k.FocusTOC, k.Find, k.NextMatch, k.PrevMatch},
		{k.Bookmark, k.Bookmarks, k.Links, k.Copy, k.Edit, k.Present, k.Search, k.Back},
		{k.global.Help, k.global.Mouse, k.global.Suspend, k.global.Quit},
		{k.HighlightSentence, k.Visual, k.Highlights, k.Note, k.CopyQuote},
	}
}

// tocKeys drive the table of contents when it has the focus.
type tocKeys struct {
	Down, Up, Top, Bottom, Jump, Leave key.Binding
}

func newTOCKeys() tocKeys {
	return tocKeys{
		Down:   bind("j/↓", "next entry", "j", "down"),
		Up:     bind("k/↑", "previous entry", "k", "up"),
		Top:    bind("g", "first entry", "g", "home"),
		Bottom: bind("G", "last entry", "G", "end"),
		Jump:   bind("enter", "go to section", "enter"),
		Leave:  bind("esc/tab", "back to the text", "esc", "tab"),
	}
}

// libraryKeys drive the library list.
type libraryKeys struct {
	Open, Filter, Order, Search, Problems, Saved, Quit key.Binding
	Highlights                                         key.Binding
	global                                             globalKeys
}

func newLibraryKeys() libraryKeys {
	return libraryKeys{
		Open:       bind("enter", "read", "enter", "l", "right"),
		Filter:     bind("/", "filter", "/"),
		Order:      bind("o", "order by date, title or path", "o"),
		Search:     bind("s", "search", "s"),
		Problems:   bind("!", "files that did not load", "!"),
		Highlights: bind("H", "highlights in the whole library", "H"),
		Saved:      bind("tab", "saved searches (what is new in each)", "tab"),
		Quit:       bind("q", "quit", "q"),
		global:     newGlobalKeys(),
	}
}

// presenterKeys drive the presenter. Clicker remotes send PgDn/PgUp, "."
// and "b", so those are bound as a clicker sends them.
type presenterKeys struct {
	Next, Prev, NextSection, PrevSection, First, Last key.Binding
	Digits, Jump, Sections, Search                    key.Binding
	Black, White, Timer, ResetTimer, Theme, Footer    key.Binding
	Back, Quit                                        key.Binding
	Highlights                                        key.Binding
	global                                            globalKeys
}

func newPresenterKeys() presenterKeys {
	return presenterKeys{
		Next:        bind("space/→/↓/l/j/n/enter/pgdn", "next page", "space", "right", "down", "l", "j", "n", "enter", "pgdown"),
		Prev:        bind("←/↑/h/k/p/backspace/pgup", "previous page", "left", "up", "h", "k", "p", "backspace", "pgup"),
		NextSection: bind("]", "next section", "]"),
		PrevSection: bind("[", "previous section", "["),
		First:       bind("g/home", "first page", "g", "home"),
		Last:        bind("G/end", "last page", "G", "end"),
		Digits:      bind("0-9", "type a section number…", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
		Jump:        bind("enter", "…then go to that section", "enter"),
		Sections:    bind("o", "list of sections", "o"),
		Search:      bind("/", "search this briefing", "/"),
		Black:       bind("b/.", "black screen (any key restores)", "b", "."),
		White:       bind("w", "white screen (any key restores)", "w"),
		Timer:       bind("t", "start or pause the timer", "t"),
		ResetTimer:  bind("T", "reset the timer", "T"),
		Theme:       bind("c", "next theme", "c"),
		Footer:      bind("f", "hide or show the footer", "f"),
		Highlights:  bind("H", "show or hide your highlights", "H"),
		Back:        bind("esc", "back to the reader", "esc"),
		Quit:        bind("q", "quit", "q"),
		global:      newGlobalKeys(),
	}
}

// FullHelp is the presenter's help screen.
func (k presenterKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Next, k.Prev, k.NextSection, k.PrevSection, k.First, k.Last, k.Digits, k.Jump, k.Sections, k.Search},
		{k.Black, k.White, k.Timer, k.ResetTimer, k.Theme, k.Footer, k.Highlights},
		{k.Back, k.Quit, k.global.Help, k.global.Suspend, k.global.Quit},
	}
}

// searchKeys drive the search screen; letters go to the query box.
type searchKeys struct {
	Down, Up, PageDown, PageUp, Open, Suggest, History, Back, Help key.Binding
	Filters, Sort, Group, Expand, Save, Export, OnlyNew            key.Binding
}

func newSearchKeys() searchKeys {
	return searchKeys{
		Down:     bind("↓/ctrl+n", "next hit", "down", "ctrl+n"),
		Up:       bind("↑/ctrl+p", "previous hit", "up", "ctrl+p"),
		PageDown: bind("pgdn", "next page of hits", "pgdown"),
		PageUp:   bind("pgup", "previous page of hits", "pgup"),
		Open:     bind("enter", "read the section", "enter"),
		Filters:  bind("tab", "filters: tags, folders, languages, authors, years", "tab"),
		Sort:     bind("ctrl+o", "sort: relevance, newest, oldest", "ctrl+o"),
		Group:    bind("ctrl+g", "results by briefing, or one per section", "ctrl+g"),
		Expand:   bind("ctrl+x", "show or hide a briefing's other sections", "ctrl+x"),
		Save:     bind("ctrl+s", "save this search (the library shows what is new)", "ctrl+s"),
		Export:   bind("ctrl+t", "write the hits to a file (.md, .csv, .json)", "ctrl+t"),
		OnlyNew:  bind("ctrl+l", "a saved search: only what is new, or everything", "ctrl+l"),
		Suggest:  bind("ctrl+y", "search the suggested spelling (did you mean)", "ctrl+y"),
		History:  bind("↑ (empty box)", "earlier searches", "up"),
		Back:     bind("esc", "back", "esc"),
		Help:     bind("ctrl+h/f1", "help", "ctrl+h", "f1"),
	}
}

// querySyntaxHelp lists the search syntax as help entries.
func querySyntaxHelp() []key.Binding {
	syntax := [][2]string{
		{"north korean", "sections with the words, those with all first"},
		{`"massive escalation"`, "the exact phrase"},
		{"+nato -russia", "must have / must not have"},
		{"troops OR soldiers", "either word"},
		{"title:ukraine", "in the briefing's title"},
		{"section:balance", "in the section heading (heading: too)"},
		{"tag:nato author:desk", "by tag, by author"},
		{"tag:nato,ukraine", "either tag (tag:a tag:b: both)"},
		{"folder:europe lang:de", "by folder of the library, by language"},
		{"date:>2024-01-01", "by date (date:2024, date:2023..2024)"},
		{"escalaton~", "fuzzy: close spellings"},
		{"escal*", "words starting so"},
		{"in:highlights grain", "only your highlighted passages and notes"},
	}
	out := make([]key.Binding, len(syntax))
	for i, s := range syntax {
		out[i] = bind(s[0], s[1], s[0])
	}
	return out
}
