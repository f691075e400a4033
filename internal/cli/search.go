package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/briefreader/brief/index"
	"github.com/briefreader/brief/internal/hitexport"
	"github.com/briefreader/brief/internal/render"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"
)

type searchFlags struct {
	limit, offset int
	asJSON        bool
	noSync        bool
	tags          []string
	sort          string
	format        string
	savedSearchFlags
}

func (a *app) searchCommand() *cobra.Command {
	var f searchFlags
	cmd := &cobra.Command{
		Use:   "search [QUERY...]",
		Short: "Search the sections of the library",
		Long: `Search every section of the library and print the hits, best first: the
briefing and section, the score, and snippets with the matched words in bold
(on a terminal; the output has no escape codes otherwise or under NO_COLOR).
The index is brought up to date first (--no-sync skips that); beside brief
index --watch or an open reader, which keep it fresh, the watcher answers.

Plain words are a best match: sections with every word come first, then
those with some of them (each says which words it lacks), ranked by how well
they match; a question typed as a sentence works. A word no section has gets
a suggestion on stderr ("did you mean", and "suggestion" in --json).
The query syntax:
  "north korean"      a phrase
  -russia  +ukraine   exclude a word, require a word
  ukraine OR russia   either word
  title:atacms        only in titles (also heading: or section:, body:, author:)
  tag:nato tag:ukraine  briefings with both tags; tag:nato,ukraine either
  folder:europe/east  briefings in a folder of the library (and its folders)
  lang:de             briefings in a language (ISO code: en, de, fr...)
  date:>=2024-06      dates: 2024, 2024-11, 2024-11-21, >, >=, <, <=, 2023..2024
  ukrane~  missil*    fuzzy (one letter off; ~2 for two), prefix, wildcards * ?
  title:ukraine^2     weigh a word more
A query that cannot be understood is explained, then searched as plain words.

Saved searches (the search screen saves them with ctrl+s) run by name:
--saved NAME runs one, --new keeps the sections new or changed since it was
last opened, and --mark-seen marks what was printed as seen (for a cron job
that mails what is new). --save NAME saves the query given; --list-saved
lists them with how many sections are new to each.

--format md or csv prints the hits as a markdown document or CSV (briefing,
section, date, path, snippet) instead; --format json is --json.

The exit status is 0 when something was found, 1 when nothing was.`,
		Example: `  brief search '"north korean" troops'
  brief search --json --limit 5 atacms
  brief search -L ~/briefings --tag nato 'date:2024 missile*'
  brief search --sort newest 'tag:nato,ukraine folder:europe escalation'
  brief search --save 'ukraine escalation' 'tag:ukraine escalation'
  brief search --saved 'ukraine escalation' --new --mark-seen --format md`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 && f.saved == "" && !f.listSaved && !newOutput(a.streams.Out).terminal {
				return fmt.Errorf("search needs a QUERY (see `%s --help`)", cmd.CommandPath())
			}
			return f.check(args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			switch {
			case f.listSaved:
				return a.listSavedSearches(cmd, f)
			case f.saved != "":
				return a.runSavedSearch(cmd, f)
			case len(args) == 0:
				return a.runTUIWith(cmd, tuiStart{search: true}) // on a terminal: the search screen
			case f.save != "":
				if err := a.saveSearch(f.save, strings.Join(args, " "), f.sort); err != nil {
					return err
				}
			}
			return a.runSearch(cmd, strings.Join(args, " "), f)
		},
	}
	flags := cmd.Flags()
	flags.IntVarP(&f.limit, "limit", "n", 10, "print at most this many hits")
	flags.IntVar(&f.offset, "offset", 0, "skip this many hits first (for paging)")
	flags.BoolVar(&f.asJSON, "json", false, "print JSON: hits with path, anchor, snippets and match byte ranges")
	flags.StringArrayVarP(&f.tags, "tag", "t", nil, "only briefings with this tag (repeatable)")
	flags.StringVar(&f.sort, "sort", "relevance", "relevance, newest, oldest or title (date is newest)")
	flags.StringVar(&f.format, "format", "", "print the hits as md (a markdown document), csv or json (as --json)")
	flags.BoolVar(&f.noSync, "no-sync", false, "search the index as it is, without checking the files for changes first (faster; see `brief index`)")
	f.savedSearchFlags.add(flags)
	return cmd
}

func (a *app) runSearch(cmd *cobra.Command, query string, f searchFlags) error {
	defer collectLessForOneShot()()
	// Tag counts appear only in JSON; counting them costs time.
	format, err := outputFormat(&f)
	if err != nil {
		return err
	}
	req := index.Request{Query: query, Limit: f.limit, Offset: f.offset, Tags: f.tags, NoTagCounts: !f.asJSON, ChangedSince: f.since}
	if req.Sort, err = sortOrder(f.sort); err != nil {
		return err
	}
	if f.limit <= 0 {
		return errors.New("--limit must be at least 1")
	}
	ctx, exitCode, stop := signalContext()
	defer stop()
	ans, notices, err := a.answerSearch(ctx, cmd, req, f.noSync)
	if ctx.Err() != nil {
		return &exitError{code: exitCode(), err: errors.New("interrupted")}
	}
	a.printNotices(notices)
	if err != nil {
		return err
	}
	res, queryErr := ans.Results, ans.QueryError
	searched := time.Now()
	out := newOutput(a.streams.Out)
	switch {
	case f.asJSON:
		err = writeSearchJSON(out.w, query, res, queryErr, notices)
	case format != "":
		a.explainQuery(queryErr, res)
		info := hitexport.Info{Query: query, Sort: f.sort, Total: res.Total, Exported: searched}
		err = hitexport.Write(out.w, format, info, res.Hits)
	default:
		if queryErr != nil {
			fmt.Fprintf(a.streams.Err, "brief: %s; searching the words as plain text\n", cleanMessage(queryErr.Error()))
		}
		if res.Suggestion != "" {
			fmt.Fprintf(a.streams.Err, "brief: did you mean: %s\n", cleanMessage(res.Suggestion))
		}
		err = writeHits(out, res.Hits, terminalWidth(out))
	}
	if err != nil {
		return fmt.Errorf("write results: %w", err)
	}
	a.afterSearch(f, notices, searched)
	if len(res.Hits) == 0 {
		if !f.asJSON {
			fmt.Fprintln(a.streams.Err, "brief: no section matches")
			a.explainNoMatch(res.NoMatch)
		}
		return &exitError{code: 1}
	}
	return nil
}

func terminalWidth(out output) int {
	if f, ok := out.w.(term.File); ok && out.terminal {
		if w, _, err := term.GetSize(f.Fd()); err == nil && w > 20 {
			return w
		}
	}
	return 0
}

var (
	hitTitleStyle = lipgloss.NewStyle().Bold(true)
	hitFaintStyle = lipgloss.NewStyle().Faint(true)
	hitMatchStyle = lipgloss.NewStyle().Bold(true).Underline(true)
)

// writeHits prints one block per hit: "briefing › section  score", the
// snippets, and where to find the section. Text from files is sanitized;
// styles are added only on a styled terminal. width > 0 wraps snippets.
func writeHits(out output, hits []index.Hit, width int) error {
	styled := out.styled()
	var sb strings.Builder
	for i, h := range hits {
		if i > 0 {
			sb.WriteByte('\n')
		}
		header := render.Plain(oneLine(hitPlace(h)))
		score := fmt.Sprintf("%.2f", h.Score)
		if width > 20 {
			header = fitPlace(h, width-len(score)-2)
		}
		if styled {
			header, score = hitTitleStyle.Render(header), hitFaintStyle.Render(score)
		}
		sb.WriteString(header + "  " + score + "\n")
		for _, s := range h.Snippets {
			line := snippetText(s, styled)
			if width > 4 {
				line = strings.Join(render.WrapLines(line, width-2, ""), "\n  ")
			}
			sb.WriteString("  " + line + "\n")
		}
		loc := render.Plain(oneLine(displayPath(h.Path)))
		if h.Anchor != "" {
			loc += "#" + render.Plain(h.Anchor)
		}
		if styled {
			loc = hitFaintStyle.Render(loc)
		}
		if len(h.Missing) > 0 {
			missing := "missing: " + render.Plain(oneLine(strings.Join(h.Missing, ", ")))
			if styled {
				missing = hitFaintStyle.Render(missing)
			}
			loc += "  " + missing
		}
		sb.WriteString("  " + loc + "\n")
	}
	_, err := io.WriteString(out.writer(), sb.String())
	return err
}

// hitPlace is "Briefing title › Section › Subsection".
// fitPlace is hitPlace in at most width cells: the briefing's title is
// shortened first, since the section is what the hit is.
func fitPlace(h index.Hit, width int) string {
	full := render.Plain(oneLine(hitPlace(h)))
	if ansi.StringWidth(full) <= width || h.Heading == "" {
		return ansi.Truncate(full, width, "…")
	}
	title := render.Plain(oneLine(h.Title))
	rest := strings.TrimPrefix(full, title)
	title = ansi.Truncate(title, max(width-ansi.StringWidth(rest), min(width, 12)), "…")
	return ansi.Truncate(title+rest, width, "…")
}

func hitPlace(h index.Hit) string {
	headings := h.HeadingPath
	if len(headings) == 0 && h.Heading != "" {
		headings = []string{h.Heading}
	}
	if len(headings) > 0 && headings[0] == h.Title {
		headings = headings[1:] // the title is the first heading: say it once
	}
	return strings.Join(append([]string{h.Title}, headings...), " › ")
}

// snippetText renders a snippet with "…" where it was cut and, when styled,
// the matches in bold. Each piece is sanitized on its own, so that the match
// ranges stay valid.
func snippetText(s index.Snippet, styled bool) string {
	var sb strings.Builder
	if s.Start > 0 {
		sb.WriteString("…")
	}
	prev := 0
	for _, m := range s.Matches {
		if m[0] < prev || m[1] > len(s.Text) {
			continue
		}
		sb.WriteString(render.Plain(s.Text[prev:m[0]]))
		word := render.Plain(s.Text[m[0]:m[1]])
		if styled {
			word = hitMatchStyle.Render(word)
		}
		sb.WriteString(word)
		prev = m[1]
	}
	sb.WriteString(render.Plain(s.Text[prev:]))
	if s.After {
		sb.WriteString("…")
	}
	return sb.String()
}

// oneLine replaces line breaks, which would break the block layout.
func oneLine(s string) string {
	return strings.NewReplacer("\n", " ", "\r", " ", "\t", " ").Replace(s)
}

// displayPath shows paths under the working directory relative to it.
func displayPath(path string) string {
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, path); err == nil && !strings.HasPrefix(rel, "..") {
			return rel
		}
	}
	return path
}

type searchJSON struct {
	Query      string    `json:"query"`
	QueryError string    `json:"query_error,omitempty"`
	Suggestion string    `json:"suggestion,omitempty"`
	Total      uint64    `json:"total"`
	TookMS     float64   `json:"took_ms"`
	Hits       []hitJSON `json:"hits"`
	Tags       []tagJSON `json:"tags"`
	Notices    []string  `json:"notices"`
}

type hitJSON struct {
	Path        string        `json:"path"`
	RelPath     string        `json:"rel_path"`
	Anchor      string        `json:"anchor"`
	Title       string        `json:"title"`
	Heading     string        `json:"heading"`
	HeadingPath []string      `json:"heading_path"`
	Ordinal     int           `json:"ordinal"`
	Date        string        `json:"date,omitempty"`
	Tags        []string      `json:"tags"`
	Score       float64       `json:"score"`
	Snippets    []snippetJSON `json:"snippets"`
	Terms       []string      `json:"terms"`
	// Missing are the words of the query the section lacks.
	Missing []string `json:"missing"`
}

type snippetJSON struct {
	Text    string   `json:"text"`
	Offset  int      `json:"offset"`
	Matches [][2]int `json:"matches"`
}

type tagJSON struct {
	Tag   string `json:"tag"`
	Count int    `json:"count"`
}

// writeSearchJSON prints the results as JSON. Match ranges are byte offsets
// into the UTF-8 snippet text; offset is where the snippet starts in the
// section's plain text.
func writeSearchJSON(w io.Writer, query string, res *index.Results, queryErr *index.QueryError, notices []string) error {
	doc := searchJSON{Query: query, Suggestion: res.Suggestion, Total: res.Total, TookMS: float64(res.Took.Microseconds()) / 1000,
		Hits: []hitJSON{}, Tags: []tagJSON{}, Notices: append([]string{}, notices...)}
	if queryErr != nil {
		doc.QueryError = queryErr.Error()
	}
	for _, h := range res.Hits {
		hj := hitJSON{Path: h.Path, RelPath: h.RelPath, Anchor: h.Anchor, Title: h.Title, Heading: h.Heading,
			HeadingPath: nonNil(h.HeadingPath), Ordinal: h.Ordinal, Tags: nonNil(h.Tags), Score: h.Score,
			Snippets: []snippetJSON{}, Terms: nonNil(h.Terms), Missing: nonNil(h.Missing)}
		if !h.Date.IsZero() {
			hj.Date = h.Date.Format("2006-01-02")
		}
		for _, s := range h.Snippets {
			m := s.Matches
			if m == nil {
				m = [][2]int{}
			}
			hj.Snippets = append(hj.Snippets, snippetJSON{Text: s.Text, Offset: s.Start, Matches: m})
		}
		doc.Hits = append(doc.Hits, hj)
	}
	for _, t := range res.Tags {
		doc.Tags = append(doc.Tags, tagJSON{Tag: t.Tag, Count: t.Count})
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := w.Write(jsonSafe(buf.Bytes()))
	return err
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
