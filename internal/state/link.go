package state

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// location is where a state file's data really is. The file in the state
// folder may be a symbolic link (dotfiles kept in a repository): it is then
// read and written through the link, the target replaced atomically in its
// own folder, and the link left as it is.
type location struct {
	path   string // the file in the state folder
	target string // where the data lives: path, or the end of its links
	linked bool   // path is a symbolic link
	err    error  // the links cannot be followed (a loop)
}

// maxLinks is how many symbolic links in a row are followed, as the kernel
// does (40 on Linux).
const maxLinks = 40

// locate finds where the state file dir/name really is. A link to nowhere
// is followed to the file it names, which a save creates.
func locate(dir, name string) location {
	loc := location{path: filepath.Join(dir, name)}
	loc.target = loc.path
	for range maxLinks {
		info, err := os.Lstat(loc.target)
		if err != nil || info.Mode()&fs.ModeSymlink == 0 {
			return loc
		}
		to, err := os.Readlink(loc.target)
		if err != nil {
			loc.err = err
			return loc
		}
		if !filepath.IsAbs(to) {
			to = filepath.Join(filepath.Dir(loc.target), to)
		}
		loc.target, loc.linked = to, true
	}
	loc.err = syscall.ELOOP
	return loc
}

// show names a file next to l for a message: its name alone when it is in
// the state folder, else its whole path.
func (l location) show(path string) string {
	if filepath.Dir(path) == filepath.Dir(l.path) {
		return filepath.Base(path)
	}
	return path
}

// write replaces the state file's data atomically: through the link when
// there is one. When the link's target cannot be written for good (a
// read-only or missing folder, no permission, a loop), the link itself is
// replaced by a regular file holding the data, and the returned notice says
// so; the next save finds a regular file, so the user is told once. A
// passing fault (a full disk) fails the save instead and keeps the link.
func (l location) write(data []byte, what string, hook func(string) error) (notice string, err error) {
	dir, name := filepath.Dir(l.path), filepath.Base(l.path)
	if !l.linked {
		return "", writeAtomic(dir, name, data, hook)
	}
	cause := l.err
	if cause == nil {
		cause = writeAtomic(filepath.Dir(l.target), filepath.Base(l.target), data, hook)
		if cause == nil || !lastingFault(cause) {
			return "", cause
		}
	}
	if err := writeAtomic(dir, name, data, hook); err != nil {
		return "", err
	}
	return fmt.Sprintf("%s is a symbolic link to %s, which cannot be written (%s); saved %s in a regular file in its place",
		l.path, l.target, linkFault(l.target, cause), what), nil
}

// lastingFault reports whether err will not go away by trying again.
func lastingFault(err error) bool {
	for _, e := range []error{syscall.EROFS, syscall.EACCES, syscall.EPERM, syscall.ENOENT, syscall.ENOTDIR, syscall.ELOOP} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// linkFault says why a link's target cannot be written.
func linkFault(target string, err error) string {
	switch {
	case errors.Is(err, syscall.ELOOP):
		return "the links lead back to themselves"
	case errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR):
		return "its folder " + filepath.Dir(target) + " does not exist"
	}
	return describe(filepath.Dir(target), err)
}
