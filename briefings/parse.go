package briefings

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// ErrBinary means a file is not text.
var ErrBinary = errors.New("this is a binary file, not text")

// Parse builds a briefing from a file's raw bytes. name is the file name or
// path, used for the format (by extension) and as the last-resort title.
// Parse never panics on any input; it returns ErrBinary for files that are
// not text, and records non-fatal issues in Briefing.Problems.
func Parse(name string, raw []byte) (*Briefing, error) {
	return ParseAt(name, raw, time.Time{})
}

// ParseAt is Parse for a file last modified at modified: a plain-text
// article whose dateline has no year ("KYIV, Nov 21 (Reuters) -") is dated
// in the year before that time (zero: left undated).
func ParseAt(name string, raw []byte, modified time.Time) (*Briefing, error) {
	raw, err := decodeText(raw)
	if err != nil {
		return nil, err
	}
	clean := Sanitize(raw)
	b := &Briefing{Path: name, RelPath: CleanName(name), Format: formatOf(name)}

	if yamlText, bodyStart, ok := SplitFrontMatter(clean); ok {
		fm, err := ParseFrontMatter(yamlText)
		switch {
		case errors.Is(err, ErrNotFrontMatter):
		case err != nil:
			b.Problems = append(b.Problems, err.Error())
			b.BodyStart = bodyStart
		default:
			b.BodyStart = bodyStart
		}
		b.setFrontMatter(fm)
	}
	var textTitle string
	if b.Format == TextFile {
		body := string(clean[b.BodyStart:])
		md, header := plainTextToMarkdown(body, 1+bytes.Count(clean[:b.BodyStart], []byte("\n")))
		clean = append(clean[:b.BodyStart:b.BodyStart], md...)
		header.settleDate(modified)
		textTitle = header.title
		b.takeHeader(header)
	}

	leadEnd, leadDepth, sections, refs := parseSections(clean, b.BodyStart)
	b.Refs = refs
	b.Text = string(clean)
	for i := range sections {
		s := &sections[i]
		s.Markdown = b.Text[s.Start:s.End]
	}
	b.Sections = sections
	b.Lead = b.Text[b.BodyStart:leadEnd]
	b.LeadDepth = leadDepth
	if b.Title == "" {
		b.Title = firstOf(textTitle, b.firstH1(), b.openingHeading(), titleFromName(name))
	}
	return b, nil
}

// takeHeader keeps the metadata read from a plain-text article's first
// lines where front matter did not give it.
func (b *Briefing) takeHeader(h articleHeader) {
	b.Detected = h.detected
	if b.Date.IsZero() {
		b.Date = h.date
	}
	if b.Author == "" {
		b.Author = h.author
	}
	if b.Source == "" {
		b.Source = h.source
	}
}

func (b *Briefing) setFrontMatter(fm FrontMatter) {
	b.Title, b.Date, b.Author = fm.Title, fm.Date, fm.Author
	b.Tags, b.Summary, b.Source, b.Lang = fm.Tags, fm.Summary, fm.Source, fm.Lang
	b.Duration, b.IncrementalLists = fm.Duration, fm.IncrementalLists
}

func (b *Briefing) firstH1() string {
	for _, s := range b.Sections {
		if s.Level == 1 {
			return s.Heading
		}
	}
	return ""
}

// openingHeading is the first heading when nothing visible comes before
// it ("## Installation" opening a chapter of a book), or "".
func (b *Briefing) openingHeading() string {
	if len(b.Sections) == 0 || !b.leadIsBlank() {
		return ""
	}
	return b.Sections[0].Heading
}

// leadIsBlank reports whether the lead shows nothing: it is empty, or only
// comments and invisible HTML such as anchors.
func (b *Briefing) leadIsBlank() bool {
	return strings.TrimSpace(b.Lead) == "" || PlainText(b.Lead, b.Refs) == ""
}

// OpensWithTitle reports whether the text opens with its own title: its
// first section comes before any visible text and is a level-1 heading or
// bears the briefing's title. Readers then show that heading as the title
// rather than adding one.
func (b *Briefing) OpensWithTitle() bool {
	if len(b.Sections) == 0 {
		return false
	}
	if s := b.Sections[0]; s.Level != 1 && s.Heading != b.Title {
		return false
	}
	return b.leadIsBlank()
}

func firstOf(values ...string) string {
	for _, v := range values {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

// titleFromName turns "2024-11-21_north-korea.md" into "2024 11 21 north korea".
func titleFromName(name string) string {
	base := path.Base(strings.ReplaceAll(name, "\\", "/"))
	base = strings.TrimSuffix(base, path.Ext(base))
	title := cleanLine(strings.NewReplacer("-", " ", "_", " ").Replace(base))
	if title == "" {
		return "Untitled"
	}
	return title
}

func formatOf(name string) Format {
	if strings.EqualFold(path.Ext(name), ".txt") {
		return TextFile
	}
	return Markdown
}

// decodeText turns raw bytes into UTF-8: UTF-16 with a byte-order mark is
// decoded, text with invalid UTF-8 and no valid multi-byte sequence at all
// is read as Windows-1252 (the usual "Latin-1" file), and anything that looks
// binary is refused.
func decodeText(raw []byte) ([]byte, error) {
	if bytes.HasPrefix(raw, []byte{0xff, 0xfe}) || bytes.HasPrefix(raw, []byte{0xfe, 0xff}) {
		decoded, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(raw)
		if err != nil {
			return nil, fmt.Errorf("cannot decode UTF-16 text: %w", err)
		}
		return decoded, nil
	}
	if looksBinary(raw) {
		return nil, ErrBinary
	}
	if !utf8.Valid(raw) && !hasMultiByteUTF8(raw) {
		decoded, err := charmap.Windows1252.NewDecoder().Bytes(raw)
		if err == nil {
			return decoded, nil
		}
	}
	return raw, nil
}

func hasMultiByteUTF8(raw []byte) bool {
	for i := 0; i < len(raw); {
		r, size := utf8.DecodeRune(raw[i:])
		if size > 1 && r != utf8.RuneError {
			return true
		}
		i += size
	}
	return false
}
