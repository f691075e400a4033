package state

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/briefreader/brief/internal/regular"
)

// saveError is what Save returns: one line for the user, wrapping the cause.
type saveError struct {
	what string // "reading positions and bookmarks", ...
	msg  string // "/path is read-only", ...
	err  error
}

func (e *saveError) Error() string { return "cannot save " + e.what + ": " + e.msg }
func (e *saveError) Unwrap() error { return e.err }

func newSaveError(failed []string, dir string, cause error) error {
	what := whatState
	switch {
	case len(failed) == 2 && failed[0] == whatState && failed[1] == whatHistory:
		what = whatBoth
	case len(failed) > 1:
		what = strings.Join(failed[:len(failed)-1], ", ") + " and " + failed[len(failed)-1]
	case len(failed) == 1:
		what = failed[0]
	}
	return &saveError{what: what, msg: describe(dir, cause), err: cause}
}

// readError: a state file exists but cannot be read, so it is not replaced.
type readError struct {
	path string
	err  error
}

func (e *readError) Error() string { return "read " + e.path + ": " + e.err.Error() }
func (e *readError) Unwrap() error { return e.err }

// newerError: a state file was written by a newer brief, so it is not
// replaced with an older format.
type newerError struct{ path string }

func (e *newerError) Error() string { return e.path + " was written by a newer version of brief" }

// damagedError: a damaged state file could not be kept aside, so it is
// not replaced (which would lose it).
type damagedError struct {
	msg string
	err error
}

func (e *damagedError) Error() string { return e.msg }
func (e *damagedError) Unwrap() error { return e.err }

// Notice is what Save returns when everything was saved but the user must
// be told something: a damaged file was kept aside and what could be read
// from it merged, or a symbolic link could not be written through and was
// replaced by a regular file.
type Notice struct{ msg string }

// Error is the one-line message.
func (n *Notice) Error() string { return n.msg }

// describe explains err, which happened while working in path, in one line
// a person understands.
func describe(path string, err error) string {
	var newer *newerError
	if errors.As(err, &newer) {
		return newer.Error()
	}
	var damaged *damagedError
	if errors.As(err, &damaged) {
		return damaged.msg
	}
	var re *readError
	if errors.As(err, &re) {
		return unreadable(re.path, re.err)
	}
	switch {
	case errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT):
		return "the disk is full (" + nearestExisting(path) + ")"
	case errors.Is(err, syscall.EROFS):
		return nearestExisting(failedAt(path, err)) + " is on a read-only file system"
	case errors.Is(err, fs.ErrPermission):
		folder := folderOf(failedAt(path, err))
		if _, missing := os.Lstat(path); missing != nil && folder != path && strings.HasPrefix(path, folder) {
			return "no permission to create " + path + " in " + folder // the state folder itself
		}
		return "no permission to write in " + folder
	case errors.Is(err, syscall.ENOTDIR) || errors.Is(err, syscall.EEXIST):
		if p := nearestExisting(path); !isDir(p) {
			return p + " is a file, not a folder"
		}
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return oneLine(pe.Path + ": " + reason(pe.Err))
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return oneLine(le.New + ": " + reason(le.Err))
	}
	return oneLine(path + ": " + err.Error())
}

// failedAt returns the path the failed operation worked on (the folder
// being created, the temporary file, the rename's target), or path.
func failedAt(path string, err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) && pe.Path != "" {
		return pe.Path
	}
	var le *os.LinkError
	if errors.As(err, &le) && le.New != "" {
		return le.New
	}
	return path
}

// folderOf returns the folder in which p could not be written: p itself
// when it is an existing folder, else its closest existing ancestor.
func folderOf(p string) string {
	if isDir(p) {
		return p
	}
	return nearestExisting(filepath.Dir(p))
}

// unreadable says why the file at path cannot be read.
func unreadable(path string, err error) string {
	var notRegular *regular.Error
	if errors.As(err, &notRegular) {
		return oneLine(notRegular.Error()) // "PATH is a named pipe (FIFO), not a regular file"
	}
	return path + " cannot be read (" + reason(err) + ")"
}

// reason is the bare cause of err, without the operation and path that
// *fs.PathError adds.
func reason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return oneLine(err.Error())
}

// nearestExisting returns path or its closest ancestor that exists.
func nearestExisting(path string) string {
	for p := path; ; p = filepath.Dir(p) {
		if _, err := os.Lstat(p); err == nil || filepath.Dir(p) == p {
			return p
		}
	}
}

func isDir(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.IsDir()
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
