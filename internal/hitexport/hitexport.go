// Package hitexport writes search hits to a file a person keeps or passes
// on: markdown to read, CSV for a spreadsheet, JSON for a program. Each hit
// is its briefing, section, date, path and snippet. The command line
// (brief search --format) and the search screen's export key share it.
package hitexport

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/index"
	"github.com/briefreader/brief/internal/render"
)

// Format is a file format for hits.
type Format string

// Formats.
const (
	Markdown Format = "md"
	CSV      Format = "csv"
	JSON     Format = "json"
)

// ParseFormat reads a format name: md (or markdown), csv or json.
func ParseFormat(name string) (Format, error) {
	switch strings.ToLower(strings.TrimPrefix(name, ".")) {
	case "md", "markdown":
		return Markdown, nil
	case "csv":
		return CSV, nil
	case "json":
		return JSON, nil
	}
	return "", fmt.Errorf("%q is not a format to export hits in; use md, csv or json", name)
}

// FormatOf returns the format a file name asks for by its extension.
func FormatOf(path string) (Format, error) {
	ext := filepath.Ext(path)
	if ext == "" {
		return "", fmt.Errorf("%s has no extension to tell the format by; end it in .md, .csv or .json", path)
	}
	return ParseFormat(ext)
}

// Info describes the search the hits come from.
type Info struct {
	Query string
	// Sort names the order ("relevance", "newest", "oldest").
	Sort string
	// Total is the number of matching sections, which may be more than
	// the hits written.
	Total uint64
	// Exported is when the hits were written.
	Exported time.Time
}

// Write writes the hits in a format.
func Write(w io.Writer, f Format, info Info, hits []index.Hit) error {
	switch f {
	case Markdown:
		return writeMarkdown(w, info, hits)
	case CSV:
		return writeCSV(w, hits)
	case JSON:
		return writeJSON(w, info, hits)
	}
	return fmt.Errorf("%q is not a format to export hits in", f)
}

// ErrExists is returned by WriteFile when the file is there already.
var ErrExists = errors.New("the file exists already")

// WriteFile writes the hits to a new file at path, in the format its
// extension names, atomically: a reader (or a crash) sees no file or the
// whole file. An existing file is never replaced (ErrExists).
func WriteFile(path string, info Info, hits []index.Hit) error {
	f, err := FormatOf(path)
	if err != nil {
		return err
	}
	if _, err := os.Lstat(path); err == nil {
		return fmt.Errorf("%s: %w", path, ErrExists)
	}
	var buf bytes.Buffer
	if err := Write(&buf, f, info, hits); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+"-*.tmp")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // after the link, or on failure
	if _, err := tmp.Write(buf.Bytes()); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	// A hard link, unlike a rename, fails when the name was taken
	// meanwhile: a file that appeared is still never replaced.
	if err := os.Link(tmp.Name(), path); err != nil {
		if errors.Is(err, os.ErrExist) {
			return fmt.Errorf("%s: %w", path, ErrExists)
		}
		if err := os.Rename(tmp.Name(), path); err != nil { // no hard links here
			return fmt.Errorf("write %s: %w", path, err)
		}
	}
	return nil
}

// record is one hit as written.
type record struct {
	Briefing    string   `json:"briefing"`
	Section     string   `json:"section"`
	HeadingPath []string `json:"heading_path"`
	Date        string   `json:"date,omitempty"`
	Path        string   `json:"path"`
	RelPath     string   `json:"rel_path"`
	Anchor      string   `json:"anchor"`
	Tags        []string `json:"tags"`
	Snippet     string   `json:"snippet"`
	Score       float64  `json:"score"`
}

// recordOf turns a hit into what is written of it, cleaned of control
// characters: the file may be shown in a terminal later.
func recordOf(h index.Hit) record {
	r := record{Briefing: clean(h.Title), Section: clean(h.Heading), Path: clean(h.Path), RelPath: clean(h.RelPath),
		Anchor: clean(h.Anchor), HeadingPath: []string{}, Tags: []string{}, Score: h.Score}
	for _, p := range h.HeadingPath {
		r.HeadingPath = append(r.HeadingPath, clean(p))
	}
	for _, t := range h.Tags {
		r.Tags = append(r.Tags, clean(t))
	}
	if !h.Date.IsZero() {
		r.Date = h.Date.Format("2006-01-02")
	}
	var parts []string
	for _, s := range h.Snippets {
		text := clean(s.Text)
		if s.Start > 0 {
			text = "…" + text
		}
		if s.After {
			text += "…"
		}
		parts = append(parts, text)
	}
	r.Snippet = strings.Join(parts, " ")
	return r
}

// clean keeps the printable text of s on one line.
func clean(s string) string {
	s = render.Plain(s)
	return strings.Join(strings.FieldsFunc(strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s), func(r rune) bool { return r == ' ' }), " ")
}

func writeMarkdown(w io.Writer, info Info, hits []index.Hit) error {
	var sb strings.Builder
	fmt.Fprintf(&sb, "# Search: %s\n\n", briefings.EscapeMarkdown(clean(info.Query)))
	var about []string
	about = append(about, fmt.Sprintf("%d of %d sections", len(hits), info.Total))
	if info.Sort != "" {
		about = append(about, "by "+clean(info.Sort))
	}
	if !info.Exported.IsZero() {
		about = append(about, "exported "+info.Exported.Format("2006-01-02 15:04"))
	}
	sb.WriteString("*" + strings.Join(about, " · ") + "*\n")
	for _, h := range hits {
		r := recordOf(h)
		place := r.Briefing
		if r.Section != "" && r.Section != r.Briefing {
			place += " › " + r.Section
		}
		fmt.Fprintf(&sb, "\n## %s\n\n", briefings.EscapeMarkdown(place))
		var meta []string
		if r.Date != "" {
			meta = append(meta, r.Date)
		}
		if len(r.Tags) > 0 {
			meta = append(meta, strings.Join(r.Tags, ", "))
		}
		where := r.Path
		if r.Anchor != "" {
			where += "#" + r.Anchor
		}
		meta = append(meta, where)
		sb.WriteString(briefings.EscapeMarkdown(strings.Join(meta, " · ")) + "\n")
		if r.Snippet != "" {
			sb.WriteString("\n> " + briefings.EscapeMarkdown(r.Snippet) + "\n")
		}
	}
	_, err := io.WriteString(w, sb.String())
	return err
}

func writeCSV(w io.Writer, hits []index.Hit) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"briefing", "section", "date", "path", "anchor", "tags", "snippet", "score"}); err != nil {
		return err
	}
	for _, h := range hits {
		r := recordOf(h)
		row := []string{r.Briefing, r.Section, r.Date, r.Path, r.Anchor, strings.Join(r.Tags, ", "), r.Snippet,
			strconv.FormatFloat(r.Score, 'f', 3, 64)}
		for i := range row {
			row[i] = noFormula(row[i])
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// noFormula keeps a spreadsheet from reading a cell of text as a formula:
// text from a briefing that starts with = + - or @ gets a quote before it.
func noFormula(cell string) string {
	if cell != "" && strings.ContainsRune("=+-@", rune(cell[0])) {
		if _, err := strconv.ParseFloat(cell, 64); err != nil {
			return "'" + cell
		}
	}
	return cell
}

func writeJSON(w io.Writer, info Info, hits []index.Hit) error {
	doc := struct {
		Query    string   `json:"query"`
		Sort     string   `json:"sort,omitempty"`
		Total    uint64   `json:"total"`
		Exported string   `json:"exported,omitempty"`
		Hits     []record `json:"hits"`
	}{Query: clean(info.Query), Sort: info.Sort, Total: info.Total, Hits: []record{}}
	if !info.Exported.IsZero() {
		doc.Exported = info.Exported.Format(time.RFC3339)
	}
	for _, h := range hits {
		doc.Hits = append(doc.Hits, recordOf(h))
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}
