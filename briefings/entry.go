package briefings

import (
	"time"
)

// Entry is what a library list shows of a briefing, without its text: a
// library of 40,000 files is listed from entries, and a briefing is read
// in full only when opened.
type Entry struct {
	Path    string
	RelPath string
	Format  Format
	Title   string
	Date    time.Time
	Author  string
	Tags    []string
	Summary string
	// Contents lists the files a table of contents (a book's SUMMARY.md,
	// or a README.md or index.md made of an ordered list of links) links
	// to, in order, relative to its folder; nil for other files.
	Contents []string
	Sections int
	Words    int
	Size     int64
	ModTime  time.Time
	Problems []string
}

// Entry returns the briefing's library entry.
func (b *Briefing) Entry() Entry {
	return Entry{
		Path: b.Path, RelPath: b.RelPath, Format: b.Format,
		Title: b.Title, Date: b.Date, Author: b.Author, Tags: b.Tags, Summary: b.Summary, Contents: b.contents(),
		Sections: len(b.Sections), Words: b.Words(), Size: b.Size, ModTime: b.ModTime, Problems: b.Problems,
	}
}

// ReadingTime estimates how long the briefing takes to read, as
// Briefing.ReadingTime does.
func (s Entry) ReadingTime() time.Duration {
	return readingTime(s.Words)
}

// Entries reads files in parallel and keeps only their entries. known, if
// set, may return an entry from an earlier run for a file that has not
// changed (same size and modification time); such files are not read.
func Entries(files []File, opts LoadOptions, known func(File) (Entry, bool)) ([]Entry, []Problem) {
	entries := make([]Entry, len(files))
	errs := make([]error, len(files))
	var todo []File
	var where []int
	for i, f := range files {
		if known != nil {
			if s, ok := known(f); ok {
				s.Path, s.RelPath = f.Path, f.RelPath
				entries[i] = s
				continue
			}
		}
		todo = append(todo, f)
		where = append(where, i)
	}
	eachFile(todo, opts, func(j int, b *Briefing, err error) {
		if err != nil {
			errs[where[j]] = err
			return
		}
		entries[where[j]] = b.Entry()
	})
	out := make([]Entry, 0, len(files))
	var problems []Problem
	for i, s := range entries {
		if errs[i] != nil {
			problems = append(problems, Problem{Path: files[i].Path, Err: errs[i], Skipped: true})
			continue
		}
		out = append(out, s)
		for _, msg := range s.Problems {
			problems = append(problems, Problem{Path: files[i].Path, Err: errorString(msg)})
		}
	}
	return out, problems
}

type errorString string

func (e errorString) Error() string { return string(e) }
