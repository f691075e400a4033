package briefings

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"

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
	entries, err := os.ReadDir(root.Path)
	if err != nil {
		return nil, []Problem{{Path: root.Path, Err: describe(err), Skipped: true}}
	}
	// The folders under the root are walked in parallel (a stat per file
	// is most of the time on a big library), then the results are joined
	// in the order a single walk would give.
	type part struct {
		files    []File
		problems []Problem
	}
	parts := make([]part, len(entries))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, e := range entries {
		path := filepath.Join(root.Path, e.Name())
		s := &scanner{root: root, realRoot: realRoot}
		if !e.IsDir() {
			_ = s.visit(path, e, nil)
			parts[i] = part{s.files, s.problems}
			continue
		}
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			_ = filepath.WalkDir(path, s.visit)
			parts[i] = part{s.files, s.problems}
		})
	}
	wg.Wait()
	var files []File
	var problems []Problem
	for _, p := range parts {
		files = append(files, p.files...)
		problems = append(problems, p.problems...)
	}
	return files, problems
}

// scanner collects the briefing files of one walk.
type scanner struct {
	root     Root
	realRoot string
	files    []File
	problems []Problem
}

// visit is the filepath.WalkDir callback: it skips hidden folders and
// node_modules, refuses symbolic links leading outside the root, and keeps
// regular files with a briefing extension.
func (s *scanner) visit(path string, d fs.DirEntry, err error) error {
	if err != nil {
		s.problems = append(s.problems, Problem{Path: path, Err: describe(err), Skipped: true})
		if d != nil && d.IsDir() {
			return fs.SkipDir
		}
		return nil
	}
	name := d.Name()
	if d.IsDir() {
		if strings.HasPrefix(name, ".") || name == "node_modules" {
			return fs.SkipDir
		}
		return nil
	}
	if !IsBriefingName(name) {
		return nil
	}
	var info fs.FileInfo
	if d.Type()&fs.ModeSymlink != 0 {
		// Stat first: a loop or a dangling link says so, not "outside".
		info, err = os.Stat(path)
		if err == nil && !linkStaysInside(path, s.realRoot) {
			s.problems = append(s.problems, Problem{Path: path,
				Err: errors.New("skipped: it is a symbolic link to a file outside the library folder"), Skipped: true})
			return nil
		}
	} else {
		info, err = d.Info()
	}
	if err != nil {
		s.problems = append(s.problems, Problem{Path: path, Err: describeAt(path, err), Skipped: true})
		return nil
	}
	if !info.Mode().IsRegular() {
		return nil // a FIFO, socket or device in a folder is no briefing: skipped
	}
	rel, _ := filepath.Rel(s.root.Path, path)
	s.files = append(s.files, fileOf(path, CleanName(filepath.ToSlash(rel)), info))
	s.files[len(s.files)-1].Root = s.root
	return nil
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
	return fileOf(abs, CleanName(filepath.Base(abs)), info), nil
}

// fileOf describes a file found at path from its information.
func fileOf(path, rel string, info fs.FileInfo) File {
	return File{Path: path, RelPath: rel, Size: info.Size(), ModTime: info.ModTime(), ChangeTime: changeTime(info)}
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
