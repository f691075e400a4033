// Package regular opens, by name, only regular files. brief reads documents,
// settings and its own state by name, and a name can lead elsewhere: opening a
// named pipe (FIFO) that has no writer blocks forever, and a device or a
// socket is no document. Open never blocks on such a file and says what it
// is, in words.
package regular

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// Error says that a name leads to something other than a regular file.
type Error struct {
	// Path is the name that was opened.
	Path string
	// Mode is the type of what the name leads to.
	Mode fs.FileMode
}

// Error reads "PATH is a named pipe (FIFO), not a regular file".
func (e *Error) Error() string {
	return e.Path + " is " + Kind(e.Mode) + ", not a regular file"
}

// Reason is the message without the path: "is a named pipe (FIFO), not a
// regular file", for callers that name the file themselves.
func (e *Error) Reason() string {
	return "is " + Kind(e.Mode) + ", not a regular file"
}

// Kind names the type of file a mode describes: "a folder", "a named pipe
// (FIFO)", "a socket", "a device", "a symbolic link", or "a regular file".
func Kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m.IsRegular():
		return "a regular file"
	}
	return "a special file"
}

// Check returns an *Error unless info describes a regular file.
func Check(path string, info fs.FileInfo) error {
	if info.Mode().IsRegular() {
		return nil
	}
	return &Error{Path: path, Mode: info.Mode().Type()}
}

// Open opens path for reading if it leads to a regular file, following
// symbolic links. The name is checked with stat before the open (a socket
// cannot even be opened), the file is opened without blocking (a FIFO with
// no writer would block the open itself) and checked again with fstat, so
// a file swapped for a FIFO in between is refused too. Anything but a
// regular file gives an *Error.
func Open(path string) (*os.File, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if err := Check(path, info); err != nil {
		return nil, err
	}
	f, err := openNonBlocking(path)
	if err != nil {
		return nil, err
	}
	info, err = f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if err := Check(path, info); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// ErrTooLarge is returned by ReadFile for a file over its limit.
var ErrTooLarge = errors.New("the file is too large")

// ReadFile reads a whole regular file of at most limit bytes (no limit if
// limit <= 0). A bigger file gives an error wrapping ErrTooLarge.
func ReadFile(path string, limit int64) ([]byte, error) {
	f, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var r io.Reader = f
	if limit > 0 {
		r = io.LimitReader(f, limit+1)
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	if limit > 0 && int64(len(data)) > limit {
		return nil, fmt.Errorf("%s: %w (over %d bytes)", path, ErrTooLarge, limit)
	}
	return data, nil
}
