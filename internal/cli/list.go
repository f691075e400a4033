package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"charm.land/lipgloss/v2"
	"github.com/briefreader/brief/briefings"
	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"
)

func (a *app) listCommand() *cobra.Command {
	var asJSON bool
	var sortBy string
	cmd := &cobra.Command{
		Use:   "list [PATH...]",
		Short: "List the briefings in the library",
		Long: `List the briefings in the library, one row each: title, date, author,
number of sections, words and path. Folders and files given as arguments
are the library, as with -L. Files that could not be loaded are listed
after, on the standard error; the exit status is non-zero only if nothing
loaded.

--sort date (the default) lists the newest first, then the undated in
reading order: a book's chapters in the order of its SUMMARY.md (or of a
README.md or index.md that is an ordered list of links), other files by
path in natural order (ch2 before ch10). --sort title and --sort path
order by title or by path.`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			key, err := briefings.ParseSortKey(sortBy)
			if err != nil {
				return fmt.Errorf("--sort: %w", err)
			}
			a.positional = args
			return a.runList(asJSON, key)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON instead of a table")
	cmd.Flags().StringVar(&sortBy, "sort", "date", "date (newest first, then reading order), title or path")
	return cmd
}

// listEntry is one briefing in `brief list --json`.
type listEntry struct {
	Title    string   `json:"title"`
	Date     string   `json:"date,omitempty"`
	Author   string   `json:"author,omitempty"`
	Tags     []string `json:"tags"`
	Summary  string   `json:"summary,omitempty"`
	Sections int      `json:"sections"`
	Words    int      `json:"words"`
	Path     string   `json:"path"`
	RelPath  string   `json:"rel_path"`
	Problems []string `json:"problems,omitempty"`
}

func (a *app) runList(asJSON bool, key briefings.SortKey) error {
	opts, err := a.loadOptions()
	if err != nil {
		return err
	}
	lib := a.loadCatalog(a.libraryPaths(), opts)
	if len(lib.Roots) == 0 {
		a.printProblems(lib.Problems)
		return &exitError{code: 1, err: errors.New("no library to open: none of the given paths is a folder or a file brief can read")}
	}
	list := append([]briefings.Entry(nil), lib.Entries...)
	briefings.SortEntries(list, key)
	out := newOutput(a.streams.Out)
	if asJSON {
		err = writeListJSON(out, list)
	} else {
		err = writeListTable(out, list)
	}
	if err != nil {
		return fmt.Errorf("write list: %w", err)
	}
	a.printProblems(lib.Problems)
	if len(lib.Entries) == 0 {
		return &exitError{code: 1, err: errors.New("no briefing could be loaded")}
	}
	return nil
}

func writeListJSON(out output, list []briefings.Entry) error {
	entries := make([]listEntry, len(list))
	for i, b := range list {
		entries[i] = listEntry{
			Title: b.Title, Date: formatDate(b.Date), Author: b.Author, Tags: b.Tags,
			Summary: b.Summary, Sections: b.Sections, Words: b.Words,
			Path: b.Path, RelPath: b.RelPath, Problems: b.Problems,
		}
		if entries[i].Tags == nil {
			entries[i].Tags = []string{}
		}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(entries); err != nil {
		return err
	}
	_, err := out.w.Write(jsonSafe(buf.Bytes()))
	return err
}

func writeListTable(out output, list []briefings.Entry) error {
	const maxTitle, maxAuthor = 60, 30
	rows := make([][]string, 0, len(list))
	for _, b := range list {
		title := b.Title
		if out.terminal {
			title = ansi.Truncate(title, maxTitle, "…")
		}
		author := b.Author
		if out.terminal {
			author = ansi.Truncate(author, maxAuthor, "…")
		}
		rows = append(rows, []string{title, dashIfEmpty(formatDate(b.Date)), dashIfEmpty(author),
			strconv.Itoa(b.Sections), strconv.Itoa(b.Words), b.RelPath})
	}
	return writeColumns(out, []string{"TITLE", "DATE", "AUTHOR", "SECTIONS", "WORDS", "PATH"}, rows)
}

// writeColumns prints rows aligned under a header, measuring cells in
// terminal columns so that wide (CJK) characters line up.
func writeColumns(out output, header []string, rows [][]string) error {
	all := append([][]string{header}, rows...)
	cellWidths := make([][]int, len(all))
	widths := make([]int, len(header))
	for r, row := range all {
		cellWidths[r] = make([]int, len(row))
		for i, cell := range row {
			cellWidths[r][i] = textWidth(cell)
			widths[i] = max(widths[i], cellWidths[r][i])
		}
	}
	bold := lipgloss.NewStyle().Bold(true)
	var sb strings.Builder
	for r, row := range all {
		start := sb.Len()
		for i, cell := range row {
			sb.WriteString(cell)
			if i < len(row)-1 {
				sb.WriteString(strings.Repeat(" ", widths[i]-cellWidths[r][i]+2))
			}
		}
		if r == 0 && out.styled() {
			text := sb.String()[start:]
			rest := sb.String()[:start]
			sb.Reset()
			sb.WriteString(rest)
			sb.WriteString(bold.Render(strings.TrimRight(text, " ")))
		}
		sb.WriteByte('\n')
	}
	_, err := io.WriteString(out.writer(), sb.String())
	return err
}

// textWidth is the width of s in terminal cells, with a fast path for
// ASCII text, which most cells are.
func textWidth(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf || s[i] < ' ' {
			return ansi.StringWidth(s)
		}
	}
	return len(s)
}

func formatDate(d time.Time) string {
	if d.IsZero() {
		return ""
	}
	return d.Format("2006-01-02")
}

func dashIfEmpty(s string) string {
	if strings.TrimSpace(s) == "" {
		return "-"
	}
	return s
}
