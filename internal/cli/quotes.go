package cli

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/internal/quotes"
	"github.com/briefreader/brief/internal/state"
	"github.com/spf13/cobra"
)

type quotesFlags struct {
	tags   []string
	since  string
	format string
	output string
}

func (a *app) quotesCommand() *cobra.Command {
	var f quotesFlags
	cmd := &cobra.Command{
		Use:   "quotes [BRIEFING...]",
		Short: "Write a quote sheet: your highlights and notes, each with its citation",
		Long: `Write every highlight (made in the reader with h or v) with its note and a
citation: the briefing's title, author and date, the section, and the source:
URL from its front matter when there is one.

  md    markdown, ready to paste into a story draft (the default)
  txt   plain text, ready to paste anywhere
  html  a standalone page, styled like the handouts: no scripts, nothing
        loaded from the web
  json  W3C Web Annotation JSON-LD (TextQuoteSelector and
        TextPositionSelector), for tools that speak it, such as Hypothesis

BRIEFING limits the sheet to some briefings: a file path, or a title, file name
or path suffix matched in the library. Highlights are found again in the
current text of each file first; one that can no longer be found, or whose
file is gone, is still written, quoted as it was and marked so.`,
		Example: `  brief quotes
  brief quotes ukraine --format html -o quotes.html
  brief quotes --tag nato --since 2026-11-01 --format txt
  brief quotes --format json > annotations.jsonld`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runQuotes(args, f)
		},
	}
	flags := cmd.Flags()
	flags.StringArrayVarP(&f.tags, "tag", "t", nil, "only briefings with this tag (repeatable: every tag)")
	flags.StringVar(&f.since, "since", "", "only highlights made on or after this date (YYYY-MM-DD)")
	flags.StringVar(&f.format, "format", "md", "md, txt, html or json")
	flags.StringVarP(&f.output, "output", "o", "", "write to this file instead of the standard output")
	return cmd
}

func (a *app) runQuotes(args []string, f quotesFlags) error {
	format, err := quotes.ParseFormat(f.format)
	if err != nil {
		return err
	}
	var since time.Time
	if f.since != "" {
		if since, err = time.ParseInLocation("2006-01-02", strings.TrimSpace(f.since), time.Local); err != nil {
			return fmt.Errorf("--since %q: write the date as YYYY-MM-DD", f.since)
		}
	}
	opts, err := a.loadOptions()
	if err != nil {
		return err
	}
	store, warnings, err := state.OpenHighlights("")
	if err != nil {
		return err
	}
	for _, w := range warnings {
		fmt.Fprintf(a.streams.Err, "brief: note: %s\n", cleanMessage(w))
	}
	var only map[string]bool
	if len(args) > 0 {
		only = map[string]bool{}
		for _, q := range args {
			b, err := a.findBriefing(q)
			if err != nil {
				return err
			}
			only[b.Path] = true
		}
	}
	sheet := quotes.Sheet{Generated: time.Now()}
	for _, path := range highlightedPaths(store, only) {
		sheet.Items = append(sheet.Items, quoteItems(store, path, opts, f.tags, since)...)
	}
	if err := store.Save(); err != nil {
		fmt.Fprintf(a.streams.Err, "brief: note: %s\n", cleanMessage(err.Error()))
	}
	var buf bytes.Buffer
	if err := sheet.Write(&buf, format); err != nil {
		return err
	}
	if f.output == "" || f.output == "-" {
		_, err = a.streams.Out.Write(buf.Bytes())
		return err
	}
	if err := writeFileAtomic(f.output, buf.Bytes()); err != nil {
		return err
	}
	noun := "quotes"
	if len(sheet.Items) == 1 {
		noun = "quote"
	}
	fmt.Fprintf(a.streams.Err, "wrote %s (%d %s, %s)\n", cleanMessage(f.output), len(sheet.Items), noun, briefings.FormatSize(int64(buf.Len())))
	return nil
}

// highlightedPaths lists the briefings with highlights (those of only, if
// given), the one highlighted most recently first.
func highlightedPaths(store *state.HighlightStore, only map[string]bool) []string {
	var paths []string
	seen := map[string]bool{}
	for _, h := range store.All() {
		if !seen[h.Briefing] && (only == nil || only[h.Briefing]) {
			seen[h.Briefing] = true
			paths = append(paths, h.Briefing)
		}
	}
	return paths
}

// quoteItems reads one briefing, finds its highlights again and returns
// those that pass the filters, in the order of the text.
func quoteItems(store *state.HighlightStore, path string, opts briefings.LoadOptions, tags []string, since time.Time) []quotes.Item {
	b, err := quotes.ReadBriefing(path, opts)
	if err != nil {
		b = nil
	}
	if len(tags) > 0 && (b == nil || !hasEveryTag(b, tags)) {
		return nil
	}
	hs := quotes.Refresh(store, path, b)
	var texts []string
	if b != nil {
		texts = quotes.Texts(b)
		order := map[string]int{"": -1}
		for i, s := range b.Sections {
			order[s.Anchor] = i
		}
		slices.SortStableFunc(hs, func(x, y state.Highlight) int { return order[x.Section] - order[y.Section] })
	}
	var items []quotes.Item
	for _, h := range hs {
		if h.Created.Before(since) {
			continue
		}
		if b == nil {
			items = append(items, quotes.Item{Highlight: h, Cite: quotes.CiteStored(h), Start: -1, End: -1})
			continue
		}
		items = append(items, quotes.ItemOf(b, texts, h))
	}
	return items
}

func hasEveryTag(b *briefings.Briefing, tags []string) bool {
	for _, want := range tags {
		if !slices.ContainsFunc(b.Tags, func(t string) bool { return strings.EqualFold(strings.TrimSpace(t), strings.TrimSpace(want)) }) {
			return false
		}
	}
	return true
}
