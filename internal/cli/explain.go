package cli

import (
	"errors"

	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/index"
	"github.com/briefreader/brief/internal/catalog"
	"github.com/briefreader/brief/internal/export"
)

// The domain packages say what went wrong in their own words and return
// typed errors; only the command line knows its flags. explain adds the
// flag that helps to the errors it knows.

// hinted is a domain error followed by the words of the command line
// that help with it.
type hinted struct {
	err  error
	hint string // appended to the error's text, separator included
}

func (h *hinted) Error() string { return h.err.Error() + h.hint }

func (h *hinted) Unwrap() error { return h.err }

// explain returns err with the flag to use named, when err is a domain
// error that a flag helps with; other errors (and nil) are returned as
// they are. It is safe to call on an error more than once.
func explain(err error) error {
	if err == nil {
		return nil
	}
	var (
		done     *hinted
		tooLarge *briefings.TooLargeError
		foreign  *index.ForeignDirError
		disk     *index.DiskError
		ext      *export.ExtensionError
	)
	switch {
	case errors.As(err, &done):
		return err
	case errors.As(err, &tooLarge):
		return &hinted{err, " (raise it with --max-size)"}
	case errors.Is(err, index.ErrNoDir):
		return &hinted{err, " (see --index-dir)"}
	case errors.As(err, &foreign):
		return &hinted{err, " (--index-dir)"}
	case errors.As(err, &disk) && !disk.ReadOnly:
		return &hinted{err, " (--index-dir)"}
	case errors.As(err, &ext):
		return &hinted{err, ", or use --format"}
	}
	return err
}

// explainProblems words the problems of a library list, which the app
// shows, as the command line words its errors.
func explainProblems(problems []briefings.Problem) {
	for i := range problems {
		problems[i].Err = explain(problems[i].Err)
	}
}

// explainCatalog is explainProblems for a catalog; nil is no catalog.
func explainCatalog(c *catalog.Catalog) *catalog.Catalog {
	if c != nil {
		explainProblems(c.Problems)
	}
	return c
}
