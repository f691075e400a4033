package briefings

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// The walk of a library folder: its folders in parallel, the files of a
// big folder in parallel, each looked at relative to its open folder.

// scanDir lists the briefing files under the folder root, and the
// problems met.
func scanDir(root Root) ([]File, []Problem) {
	realRoot, err := filepath.EvalSymlinks(root.Path)
	if err != nil {
		return nil, []Problem{{Path: root.Path, Err: describe(err), Skipped: true}}
	}
	top := filepath.Clean(root.Path)
	dir, entries, err := readDir(top)
	if err != nil {
		return nil, []Problem{{Path: root.Path, Err: describe(err), Skipped: true}}
	}
	defer dir.Close()
	// The root's own files are looked at first, as a folder's are; then
	// the folders under it are walked in parallel (a stat per file is most
	// of the time on a big library), and the results are joined in the
	// order a single walk would give.
	blank := scanner{root: root, top: top, realRoot: realRoot}
	seen := make([]found, len(entries))
	blank.lookAll(dir, top, entries, seen)
	parts := make([]*scanner, len(entries))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, e := range entries {
		s := blank
		parts[i] = &s
		if !e.IsDir() {
			s.keep(seen[i])
			continue
		}
		if skipFolder(e.Name()) {
			continue
		}
		path := childPath(top, e.Name())
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			s.walk(path)
		})
	}
	wg.Wait()
	n := 0
	for _, s := range parts {
		n += len(s.files)
	}
	files := make([]File, 0, n)
	var problems []Problem
	for _, s := range parts {
		files = append(files, s.files...)
		problems = append(problems, s.problems...)
	}
	return files, problems
}

// scanner collects the briefing files of one walk.
type scanner struct {
	root     Root
	top      string // root.Path, clean
	realRoot string
	files    []File
	problems []Problem
}

// readDir opens a folder and lists it in name order. The folder stays open
// so that its files can be looked at relative to it (see statAt), without
// the system resolving the whole path again for each.
func readDir(path string) (*os.File, []fs.DirEntry, error) {
	dir, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	entries, err := dir.ReadDir(-1)
	if err != nil {
		dir.Close()
		return nil, nil, err
	}
	// Sorted by names read once: calling Name in the comparison was a
	// twentieth of a walk's time in folders of thousands of files.
	named := make([]namedEntry, len(entries))
	for i, e := range entries {
		named[i] = namedEntry{e.Name(), e}
	}
	slices.SortFunc(named, func(a, b namedEntry) int { return strings.Compare(a.name, b.name) })
	for i, n := range named {
		entries[i] = n.entry
	}
	return dir, entries, nil
}

// namedEntry is a folder entry with its name, for sorting.
type namedEntry struct {
	name  string
	entry fs.DirEntry
}

// skipFolder reports whether a folder is left out of a library: hidden
// folders and node_modules.
func skipFolder(name string) bool {
	return strings.HasPrefix(name, ".") || name == "node_modules"
}

// walk collects the briefing files under the folder at path, depth first
// in name order, as filepath.WalkDir would. The folder's files are looked
// at while it is open, and it is closed before the walk goes down into its
// folders: a deep tree holds one folder open at a time.
func (s *scanner) walk(path string) {
	dir, entries, err := readDir(path)
	if err != nil {
		s.problems = append(s.problems, Problem{Path: path, Err: describe(err), Skipped: true})
		return
	}
	seen := make([]found, len(entries))
	s.lookAll(dir, path, entries, seen)
	dir.Close()
	for i, e := range entries {
		switch {
		case !e.IsDir():
			s.keep(seen[i])
		case !skipFolder(e.Name()):
			s.walk(childPath(path, e.Name()))
		}
	}
}

// lookChunk is how many entries of a folder one goroutine looks at in a
// row.
const lookChunk = 256

// lookAll looks at the files among the entries of the open folder dir, at
// path, into seen. The files of a big folder are looked at by several
// goroutines at once: a stat per file is most of a freshness check, and a
// library often keeps most of its files in one folder, which the walk of
// the root's folders in parallel does not spread.
func (s *scanner) lookAll(dir *os.File, path string, entries []fs.DirEntry, seen []found) {
	lookRange := func(start, end int) {
		for i := start; i < end; i++ {
			if e := entries[i]; !e.IsDir() {
				seen[i] = s.look(dir, childPath(path, e.Name()), e)
			}
		}
	}
	workers := min(runtime.GOMAXPROCS(0), len(entries)/lookChunk)
	if workers <= 1 {
		lookRange(0, len(entries))
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				start := int(next.Add(lookChunk)) - lookChunk
				if start >= len(entries) {
					return
				}
				lookRange(start, min(start+lookChunk, len(entries)))
			}
		})
	}
	wg.Wait()
}

// childPath is the path of the entry name in the folder at dir. A walk
// starts from a clean absolute root and the names a folder lists hold no
// separator, so joining needs no filepath.Clean (which was a tenth of a
// walk's time on a big library).
func childPath(dir, name string) string {
	if strings.HasSuffix(dir, string(filepath.Separator)) {
		return dir + name // the root of the file system
	}
	return dir + string(filepath.Separator) + name
}

// found is what looking at one folder entry gave: a briefing file, a
// problem, or neither (not a briefing).
type found struct {
	file    File
	isFile  bool
	problem *Problem
}

// keep adds what was found to the scanner's files and problems.
func (s *scanner) keep(f found) {
	if f.isFile {
		s.files = append(s.files, f.file)
	}
	if f.problem != nil {
		s.problems = append(s.problems, *f.problem)
	}
}

// look looks at the entry e of the open folder dir, at path: a regular file
// with a briefing extension is a briefing file. A symbolic link is followed
// only when it leads to a file inside the root.
func (s *scanner) look(dir *os.File, path string, e fs.DirEntry) found {
	if !IsBriefingName(e.Name()) {
		return found{}
	}
	var st fileStat
	var err error
	if e.Type()&fs.ModeSymlink != 0 {
		// Stat first: a loop or a dangling link says so, not "outside".
		var info fs.FileInfo
		info, err = os.Stat(path)
		if err == nil && !linkStaysInside(path, s.realRoot) {
			return found{problem: &Problem{Path: path,
				Err: errors.New("skipped: it is a symbolic link to a file outside the library folder"), Skipped: true}}
		}
		if err == nil {
			st = statOf(info)
		}
	} else {
		st, err = statAt(dir, e.Name(), path)
	}
	if err != nil {
		return found{problem: &Problem{Path: path, Err: describeAt(path, err), Skipped: true}}
	}
	if !st.regular {
		return found{} // a FIFO, socket or device in a folder is no briefing: skipped
	}
	f := st.file(path, CleanName(filepath.ToSlash(relativePath(s.top, path))))
	f.Root = s.root
	return found{file: f, isFile: true}
}

// relativePath is path, found by a walk from root, relative to root.
func relativePath(root, path string) string {
	if rest, ok := strings.CutPrefix(path, root); ok {
		return strings.TrimPrefix(rest, string(filepath.Separator))
	}
	rel, _ := filepath.Rel(root, path)
	return rel
}
