package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/briefreader/brief/index"
	"github.com/briefreader/brief/internal/hitexport"
	"github.com/briefreader/brief/internal/search"
	"github.com/briefreader/brief/internal/state"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// savedSearchFlags are brief search's flags for saved searches.
type savedSearchFlags struct {
	saved     string // --saved NAME: run it
	onlyNew   bool   // --new: only what is new to it
	markSeen  bool   // --mark-seen: what was printed is seen
	save      string // --save NAME: save the query given
	listSaved bool   // --list-saved

	// since keeps the sections changed after it (set by --new).
	since time.Time
	// searched, if set, is called once the hits are printed, with the
	// time of the search.
	searched func(at time.Time)
}

func (f *savedSearchFlags) add(flags *pflag.FlagSet) {
	flags.StringVar(&f.saved, "saved", "", "run the saved search of this name")
	flags.BoolVar(&f.onlyNew, "new", false, "with --saved: only sections new or changed since it was last opened")
	flags.BoolVar(&f.markSeen, "mark-seen", false, "with --saved: mark the sections printed as seen, as opening it in brief does")
	flags.StringVar(&f.save, "save", "", "save the query under this name, then search")
	flags.BoolVar(&f.listSaved, "list-saved", false, "list the saved searches, with how many sections are new to each")
}

// check refuses flags that do not go together.
func (f *savedSearchFlags) check(args []string) error {
	switch {
	case f.saved != "" && len(args) > 0:
		return errors.New("give a QUERY or --saved NAME, not both")
	case f.saved != "" && f.save != "":
		return errors.New("--saved runs a saved search and --save saves one: use one of them")
	case f.save != "" && len(args) == 0:
		return errors.New("--save needs the QUERY to save")
	case (f.onlyNew || f.markSeen) && f.saved == "":
		return errors.New("--new and --mark-seen go with --saved NAME")
	case f.listSaved && (len(args) > 0 || f.saved != "" || f.save != ""):
		return errors.New("--list-saved takes no query")
	}
	return nil
}

// afterSearch calls f.searched with the time of the search, once the hits
// are printed; not when the answer may lack sections (a quick scan, an
// index being updated): they must still be new next time.
func (a *app) afterSearch(f searchFlags, notices []string, at time.Time) {
	switch {
	case f.searched == nil:
	case len(notices) > 0:
		fmt.Fprintln(a.streams.Err, "brief: not marked as seen, since the answer may be incomplete")
	default:
		f.searched(at)
	}
}

// sortOrder reads --sort.
func sortOrder(name string) (string, error) {
	switch name {
	case "relevance", "":
		return index.SortRelevance, nil
	case "newest", "date":
		return index.SortNewest, nil
	case "oldest":
		return index.SortOldest, nil
	case "title":
		return index.SortTitle, nil
	}
	return "", fmt.Errorf("--sort: %q is not one of relevance, newest, oldest, title", name)
}

// outputFormat reads --format: "" for the usual output (JSON is --json).
func outputFormat(f *searchFlags) (hitexport.Format, error) {
	if f.format == "" {
		return "", nil
	}
	format, err := hitexport.ParseFormat(f.format)
	if err != nil {
		return "", fmt.Errorf("--format: %w", err)
	}
	if format == hitexport.JSON {
		f.asJSON = true
		return "", nil
	}
	if f.asJSON {
		return "", errors.New("--json and --format md or csv: choose one")
	}
	return format, nil
}

// explainQuery says on stderr what became of a query that could not be
// understood, and which words were not found.
func (a *app) explainQuery(queryErr *index.QueryError, res *index.Results) {
	if queryErr != nil {
		fmt.Fprintf(a.streams.Err, "brief: %s; searching the words as plain text\n", cleanMessage(queryErr.Error()))
	}
	if res.Suggestion != "" {
		fmt.Fprintf(a.streams.Err, "brief: did you mean: %s\n", cleanMessage(res.Suggestion))
	}
}

// explainNoMatch names the filters that match nothing in the library: a tag
// removed, a folder renamed.
func (a *app) explainNoMatch(filters []string) {
	for _, f := range filters {
		fmt.Fprintf(a.streams.Err, "brief: no section of the library has %s; it may have been removed or renamed\n", cleanMessage(f))
	}
}

// openStore opens the user's state, printing its warnings.
func (a *app) openStore() (*state.Store, error) {
	store, warnings, err := state.Open("")
	for _, w := range warnings {
		fmt.Fprintf(a.streams.Err, "brief: %s\n", cleanMessage(w))
	}
	return store, err
}

// saveSearch saves a query under a name (brief search --save).
func (a *app) saveSearch(name, query, sort string) error {
	order, err := sortOrder(sort)
	if err != nil {
		return err
	}
	store, err := a.openStore()
	if err != nil {
		return err
	}
	replaced, err := store.SaveSearch(name, query, search.SavedSort(order))
	if err != nil {
		return fmt.Errorf("save the search: %w", err)
	}
	if err := store.Save(); err != nil {
		var notice *state.Notice
		if !errors.As(err, &notice) {
			return err
		}
		fmt.Fprintf(a.streams.Err, "brief: %s\n", cleanMessage(err.Error()))
	}
	what := "saved"
	if replaced {
		what = "replaced"
	}
	fmt.Fprintf(a.streams.Err, "brief: %s the search “%s”\n", what, cleanMessage(name))
	return nil
}

// findSaved returns the saved search of a name, or an error that lists
// the names there are.
func findSaved(store *state.Store, name string) (state.SavedSearch, error) {
	sv, ok := store.SavedSearch(name)
	if !ok {
		var names []string
		for _, s := range store.SavedSearches() {
			names = append(names, "“"+cleanMessage(s.Name)+"”")
		}
		switch {
		case len(names) == 0:
			return sv, fmt.Errorf("there is no saved search named “%s”, and none is saved yet", cleanMessage(name))
		case len(names) > 10:
			names = append(names[:10], fmt.Sprintf("and %d more (brief search --list-saved)", len(names)-10))
		}
		return sv, fmt.Errorf("there is no saved search named “%s”; there are %s", cleanMessage(name), strings.Join(names, ", "))
	}
	if sv.Problem != "" {
		return sv, fmt.Errorf("the saved search “%s” cannot be run: %s", cleanMessage(sv.Name), sv.Problem)
	}
	return sv, nil
}

// runSavedSearch runs a saved search (brief search --saved NAME).
func (a *app) runSavedSearch(cmd *cobra.Command, f searchFlags) error {
	store, err := a.openStore()
	if err != nil {
		return err
	}
	sv, err := findSaved(store, f.saved)
	if err != nil {
		return err
	}
	if !cmd.Flags().Changed("sort") {
		f.sort = map[string]string{state.SortNewest: "newest", state.SortOldest: "oldest"}[sv.Sort]
	}
	if f.onlyNew {
		f.since = sv.Seen
	}
	if f.markSeen {
		f.searched = func(at time.Time) {
			store.MarkSeen(sv.Name, at)
			if err := store.Save(); err != nil {
				fmt.Fprintf(a.streams.Err, "brief: %s\n", cleanMessage(err.Error()))
			}
		}
	}
	return a.runSearch(cmd, sv.Query, f)
}

// savedJSON is one saved search in brief search --list-saved --json.
type savedJSON struct {
	Name       string `json:"name"`
	Query      string `json:"query"`
	Sort       string `json:"sort"`
	Seen       string `json:"seen,omitempty"`
	New        uint64 `json:"new"`
	QueryError string `json:"query_error,omitempty"`
	Problem    string `json:"problem,omitempty"`
}

// listSavedSearches prints the saved searches with how many sections are
// new to each (brief search --list-saved).
func (a *app) listSavedSearches(cmd *cobra.Command, f searchFlags) error {
	store, err := a.openStore()
	if err != nil {
		return err
	}
	list := store.SavedSearches()
	ctx, exitCode, stop := signalContext()
	defer stop()
	var counts []search.NewCount
	if len(list) > 0 {
		svc, err := a.openSearchFor(ctx, cmd, false, f.noSync)
		if err != nil {
			return err
		}
		defer svc.Close()
		if !f.noSync {
			if _, err := svc.Sync(ctx, nil); err != nil && ctx.Err() == nil {
				fmt.Fprintf(a.streams.Err, "brief: the index may be incomplete: %s\n", cleanMessage(err.Error()))
			}
		}
		saved := make([]search.Saved, len(list))
		for i, sv := range list {
			saved[i] = search.Saved{Query: sv.Query, Since: sv.Seen}
		}
		counts = svc.CountNew(ctx, saved)
		if ctx.Err() != nil {
			return &exitError{code: exitCode(), err: errors.New("interrupted")}
		}
	}
	out := newOutput(a.streams.Out)
	if f.asJSON || f.format == "json" {
		docs := make([]savedJSON, 0, len(list))
		for i, sv := range list {
			d := savedJSON{Name: sv.Name, Query: sv.Query, Sort: sv.Sort, Problem: sv.Problem}
			if d.Sort == "" {
				d.Sort = "relevance"
			}
			if !sv.Seen.IsZero() {
				d.Seen = sv.Seen.Format(time.RFC3339)
			}
			if sv.Problem == "" {
				d.New = counts[i].New
				if qe := counts[i].QueryError; qe != nil {
					d.QueryError = qe.Error()
				}
			}
			docs = append(docs, d)
		}
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetIndent("", "  ")
		if err := enc.Encode(docs); err != nil {
			return err
		}
		_, err := out.w.Write(jsonSafe(buf.Bytes()))
		return err
	}
	if len(list) == 0 {
		fmt.Fprintln(a.streams.Err, "brief: no search is saved yet (ctrl+s on the search screen, or brief search --save NAME QUERY)")
		return nil
	}
	var sb strings.Builder
	for i, sv := range list {
		line := cleanMessage(sv.Name) + " · "
		switch {
		case sv.Problem != "":
			line += "kept as it is: " + sv.Problem
		case counts[i].Err != nil:
			line += "not counted: " + cleanMessage(counts[i].Err.Error())
		default:
			line += fmt.Sprintf("%d new", counts[i].New)
			if counts[i].QueryError != nil {
				line += " (the query has an error: " + cleanMessage(counts[i].QueryError.Error()) + ")"
			}
		}
		if sv.Problem == "" {
			line += " · " + cleanMessage(sv.Query)
		}
		sb.WriteString(line + "\n")
	}
	_, err = out.writer().Write([]byte(sb.String()))
	return err
}
