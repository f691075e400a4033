package briefings

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/briefreader/brief/internal/regular"
)

// Finding the briefing files of a library without reading them: roots from
// the command line, folders walked in parallel, only regular files kept.

// ResolveRoots turns command-line paths into roots: absolute, cleaned,
// de-duplicated. Paths that do not exist, or lead to neither a folder nor a
// regular file (a named pipe, a socket, a device), become problems.
func ResolveRoots(paths []string) ([]Root, []Problem) {
	var roots []Root
	var problems []Problem
	seen := make(map[string]bool)
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			problems = append(problems, Problem{Path: p, Err: err, Skipped: true})
			continue
		}
		info, err := os.Stat(abs)
		if err == nil && !info.IsDir() {
			err = regular.Check(abs, info) // a FIFO would block the first read
		}
		if err != nil {
			problems = append(problems, Problem{Path: p, Err: describeAt(abs, err), Skipped: true})
			continue
		}
		if !seen[abs] {
			seen[abs] = true
			roots = append(roots, Root{Path: abs, Dir: info.IsDir()})
		}
	}
	return roots, problems
}

// Scan lists the briefing files under the roots, without reading them:
// folders recursively (.md, .markdown and .txt files), skipping hidden
// folders and node_modules, and never following a symbolic link that leads
// outside its root. Files come back in a deterministic order.
func Scan(roots []Root) ([]File, []Problem) {
	var files []File
	var problems []Problem
	for _, root := range roots {
		switch {
		case root.Builtin():
			files = append(files, sampleFiles()...)
		case root.Dir && len(roots) == 1:
			return scanDir(root) // no copy of what may be 100,000 files
		case !root.Dir:
			f, err := StatFile(root.Path)
			if err != nil {
				problems = append(problems, Problem{Path: root.Path, Err: err, Skipped: true})
				continue
			}
			f.Root = root
			files = append(files, f)
		default:
			f, p := scanDir(root)
			files = append(files, f...)
			problems = append(problems, p...)
		}
	}
	return files, problems
}

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
	// The folders under the root are walked in parallel (a stat per file
	// is most of the time on a big library), then the results are joined
	// in the order a single walk would give.
	parts := make([]*scanner, len(entries))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, e := range entries {
		s := &scanner{root: root, top: top, realRoot: realRoot}
		parts[i] = s
		path := childPath(top, e.Name())
		if !e.IsDir() {
			s.keep(s.look(dir, path, e))
			continue
		}
		if skipFolder(e.Name()) {
			continue
		}
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
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return dir, entries, nil
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
	for i, e := range entries {
		if !e.IsDir() {
			seen[i] = s.look(dir, childPath(path, e.Name()), e)
		}
	}
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

// StatFile returns the File for a briefing named by path (a command-line
// argument): it must lead to a regular file, through symbolic links. A
// named pipe, socket, device or folder, a symbolic link loop or a missing
// file gives an error that says so in words.
func StatFile(path string) (File, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return File{}, describe(err)
	}
	info, err := os.Stat(abs)
	if err != nil {
		return File{}, describeAt(abs, err)
	}
	if err := regular.Check(abs, info); err != nil {
		return File{}, describe(err)
	}
	return statOf(info).file(abs, CleanName(filepath.Base(abs))), nil
}

// fileStat is what a library needs to know of a file without reading it.
type fileStat struct {
	size        int64
	mod, change time.Time
	regular     bool
}

// statOf takes a fileStat from a file's information.
func statOf(info fs.FileInfo) fileStat {
	return fileStat{size: info.Size(), mod: info.ModTime(), change: changeTime(info), regular: info.Mode().IsRegular()}
}

// file describes the file at path, shown as rel.
func (st fileStat) file(path, rel string) File {
	return File{Path: path, RelPath: rel, Size: st.size, ModTime: st.mod, ChangeTime: st.change}
}

// linkStaysInside reports whether the symbolic link at path resolves to a
// file inside realRoot.
func linkStaysInside(path, realRoot string) bool {
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		return false
	}
	rel, err := filepath.Rel(realRoot, target)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// IsBriefingName reports whether a file name has a briefing extension.
func IsBriefingName(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".md", ".markdown", ".txt":
		return true
	}
	return false
}

// describe rewrites file-system errors as sentences.
func describe(err error) error {
	var notRegular *regular.Error
	switch {
	case errors.As(err, &notRegular):
		return errors.New(notRegular.Reason() + "; brief reads only regular files")
	case errors.Is(err, syscall.ELOOP):
		return errors.New("is a symbolic link loop (it leads back to itself)")
	case errors.Is(err, fs.ErrNotExist):
		return errors.New("does not exist")
	case errors.Is(err, fs.ErrPermission):
		return errors.New("cannot be read: permission denied")
	}

	var pathErr *fs.PathError
	if errors.As(err, &pathErr) {
		return fmt.Errorf("cannot be read: %v", pathErr.Err)
	}
	return fmt.Errorf("cannot be read: %v", err)
}

// describeAt is describe for an error met at path, which tells a symbolic
// link to nowhere from a file that is not there.
func describeAt(path string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		if target, lerr := os.Readlink(path); lerr == nil {
			return fmt.Errorf("is a symbolic link to %s, which does not exist", CleanName(target))
		}
	}
	return describe(err)
}
