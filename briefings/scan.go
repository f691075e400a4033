package briefings

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
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
