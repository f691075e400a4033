package index

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/briefreader/brief/internal/userdirs"
)

// ErrNoDir is the error when no index folder was chosen and the user's
// cache folder is unknown (no HOME, no home folder, no XDG_CACHE_HOME). The
// caller says how to choose one.
var ErrNoDir = errors.New("there is no cache directory for the index")

// DefaultDir is the folder the indexes are kept in when none is chosen:
// "brief" under the user's cache folder (userdirs.CacheHome:
// $XDG_CACHE_HOME/brief, ~/.cache/brief on Linux). It is the one place that
// default is decided; Open uses it for an empty Options.Dir, and brief's
// settings show it. It fails with an error wrapping ErrNoDir when the cache
// folder is unknown.
func DefaultDir() (string, error) {
	cache, err := userdirs.CacheHome()
	if err != nil {
		return "", fmt.Errorf("%w: %w", ErrNoDir, err)
	}
	return filepath.Join(cache, "brief"), nil
}

// ForeignDirError says that the folder chosen for the index, and brief's own
// subfolder in it, both hold files brief did not make, so brief keeps
// nothing there. The caller says how to choose another folder.
type ForeignDirError struct {
	Dir, Sub string // the folder chosen, and brief's subfolder in it
}

// Error says which folders are taken.
func (e *ForeignDirError) Error() string {
	return fmt.Sprintf("%s holds files brief did not make, and so does %s; choose another folder for the index", e.Dir, e.Sub)
}
