// Package briefings is the domain of brief: a briefing is one markdown or
// plain-text file, split into sections along its headings. The package parses
// and sanitizes files, reads front matter, loads whole libraries from folders
// or from the embedded sample library, and finds briefings and sections by
// name. It knows nothing of the index or the terminal UI.
package briefings

import (
	"fmt"
	"strings"
	"time"
)

// Format says how a briefing's file was written.
type Format int

const (
	// Markdown is CommonMark with GitHub extensions (.md, .markdown).
	Markdown Format = iota
	// TextFile is a plain-text file (.txt) whose headings are detected from
	// its layout; its Text holds the markdown brief derived from it.
	TextFile
)

// String returns "markdown" or "text".
func (f Format) String() string {
	if f == TextFile {
		return "text"
	}
	return "markdown"
}

// Briefing is one file of a library, parsed into sections.
type Briefing struct {
	// Path identifies the briefing: an absolute file path, or
	// "builtin:NAME" for the embedded sample library.
	Path string
	// RelPath is Path relative to the library root it was found under, for
	// display: cleaned of control characters (see CleanName).
	RelPath string
	// Format is the file's format.
	Format Format

	Title   string
	Date    time.Time
	Author  string
	Tags    []string
	Summary string
	Source  string
	// Lang is the language given in front matter (lang: or language:), as
	// a lower-case ISO 639-1 code ("de"); "" when none was given.
	Lang string
	// Duration is the planned length of a presentation of the briefing
	// (front matter duration:), 0 when none was given.
	Duration time.Duration
	// IncrementalLists makes every list appear item by item when the
	// briefing is presented (front matter incremental_lists: true).
	IncrementalLists bool

	// Text is the sanitized markdown of the whole file, front matter
	// included. Sections and Lead are slices of it, so a body is held in
	// memory once.
	Text string
	// BodyStart is the offset in Text where the front matter ends.
	BodyStart int
	// Lead is the markdown before the first heading (after front matter).
	Lead string
	// LeadDepth is the deepest nesting of block quotes and lists in Lead.
	LeadDepth int
	// Sections lists every heading in document order.
	Sections []Section
	// Refs are the file's link reference definitions, so that a section
	// rendered, indexed or exported alone resolves "[text][label]".
	Refs References

	// Size and ModTime are the file's size and modification time when it
	// was read (zero for embedded files).
	Size    int64
	ModTime time.Time

	// Detected lists the metadata read from the text of a plain-text
	// article (a title line, a date, a "By" line), for brief show --toc.
	Detected []Detection

	// Problems are non-fatal issues found while loading, such as front
	// matter that could not be parsed. The briefing still loaded.
	Problems []string
}

// Section is a heading and the text under it.
type Section struct {
	// Anchor is the heading's slug, unique within the briefing and stable
	// across loads of the same text.
	Anchor string
	// Heading is the heading's plain text.
	Heading string
	// Level is the heading level, 1 to 6.
	Level int
	// Parent is the index in Briefing.Sections of the nearest enclosing
	// section with a lower level, or -1.
	Parent int
	// Ordinal is the 1-based position of the section in the briefing.
	Ordinal int
	// Start and End are the byte range in Briefing.Text of the section's
	// own markdown: its heading line up to the next heading of any level.
	Start, End int
	// TreeEnd is where the section ends together with its subsections: the
	// next heading of the same or a higher level.
	TreeEnd int
	// Line is the 1-based line of the heading in the file.
	Line int
	// Markdown is Text[Start:End].
	Markdown string
	// HeadingLen is the length of the heading's own lines at the start of
	// Markdown (both lines of a setext heading).
	HeadingLen int
	// Words counts the words in the section's own text.
	Words int
	// Depth is the deepest nesting of block quotes and lists in the
	// section; renderers treat very deep sections as plain text.
	Depth int
}

// Body returns the section's markdown without its heading.
func (s Section) Body() string {
	return s.Markdown[s.HeadingLen:]
}

// Words returns the word count of the whole briefing.
func (b *Briefing) Words() int {
	n := CountWords(b.Lead)
	for _, s := range b.Sections {
		n += s.Words
	}
	return n
}

// ReadingTime estimates how long the briefing takes to read at 230 words a
// minute, rounded up to a whole minute.
func (b *Briefing) ReadingTime() time.Duration {
	return readingTime(b.Words())
}

func readingTime(words int) time.Duration {
	minutes := (words + 229) / 230
	return time.Duration(max(minutes, 1)) * time.Minute
}

// Subtree returns the markdown of section i together with its subsections.
func (b *Briefing) Subtree(i int) string {
	s := b.Sections[i]
	return b.Text[s.Start:s.TreeEnd]
}

// HeadingPath returns the headings from the outermost enclosing section down
// to section i, for example ["Background", "Timeline"].
func (b *Briefing) HeadingPath(i int) []string {
	var path []string
	for j := i; j >= 0; j = b.Sections[j].Parent {
		path = append(path, b.Sections[j].Heading)
	}
	for l, r := 0, len(path)-1; l < r; l, r = l+1, r-1 {
		path[l], path[r] = path[r], path[l]
	}
	return path
}

// SectionIndex returns the index of the section with the given anchor, or -1.
func (b *Briefing) SectionIndex(anchor string) int {
	for i, s := range b.Sections {
		if s.Anchor == anchor {
			return i
		}
	}
	return -1
}

// Byline returns the parts of the line under a briefing's title, those it
// has: the date (as "2 January 2006"), the author and the tags.
func (b *Briefing) Byline() []string {
	var parts []string
	if !b.Date.IsZero() {
		parts = append(parts, b.Date.Format("2 January 2006"))
	}
	if b.Author != "" {
		parts = append(parts, b.Author)
	}
	if len(b.Tags) > 0 {
		parts = append(parts, strings.Join(b.Tags, ", "))
	}
	return parts
}

// Embedded reports whether the briefing comes from the built-in sample
// library rather than from a file on disk.
func (b *Briefing) Embedded() bool {
	return strings.HasPrefix(b.Path, BuiltinPrefix)
}

// BuiltinPrefix starts the Path of every briefing of the embedded sample
// library.
const BuiltinPrefix = "builtin:"

// StdinPrefix starts the Path of a briefing read from the standard input
// (brief show -, cat article.md | brief).
const StdinPrefix = "stdin:"

// Piped reports whether the briefing was read from the standard input, so
// that no file holds it.
func (b *Briefing) Piped() bool {
	return strings.HasPrefix(b.Path, StdinPrefix)
}

// Problem is a file that could not be loaded, or loaded with a warning.
type Problem struct {
	// Path is the file the problem is about.
	Path string
	// Err says what went wrong, in a sentence a person understands.
	Err error
	// Skipped is true when the file did not load at all.
	Skipped bool
}

// Error formats the problem as "path: message".
func (p Problem) Error() string {
	return fmt.Sprintf("%s: %v", p.Path, p.Err)
}

// Unwrap returns the underlying error.
func (p Problem) Unwrap() error { return p.Err }
