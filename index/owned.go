package index

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
)

// A folder brief keeps its caches in carries a marker file. brief deletes
// things only in a folder with its marker, and only things named as brief
// names them, so that an index folder pointed at a folder of the user's
// (--index-dir ~/Documents) never costs the user a file.

// markerName is the marker file of a folder brief owns.
const markerName = ".brief-cache"

// ownSubfolder is where brief keeps its caches when the folder it was given
// holds files of someone else's.
const ownSubfolder = "brief-cache"

// What brief keeps in its cache folder: folders (the catalog, temporary
// folders, an index per library), files (the marker, the log, the lock and
// watch files of each index) and the sockets of watchers that answer
// searches.
var (
	briefFolder = regexp.MustCompile(`^(catalog|tmp|v\d+-[A-Za-z0-9_-]*-[0-9a-f]{12})$`)
	briefFile   = regexp.MustCompile(`^(\.brief-cache|index\.log|v\d+-[A-Za-z0-9_-]*-[0-9a-f]{12}\.(lock|build|watch))$`)
	briefSocket = regexp.MustCompile(`^answers-[0-9a-f]{16}\.sock$`)
)

// isBriefs reports whether a folder entry is named and typed as brief
// makes it.
func isBriefs(e os.DirEntry) bool {
	if e.IsDir() {
		return briefFolder.MatchString(e.Name())
	}
	if e.Type()&os.ModeSocket != 0 {
		return briefSocket.MatchString(e.Name())
	}
	return e.Type().IsRegular() && briefFile.MatchString(e.Name())
}

// OwnedDir returns the folder brief may keep its caches in, given the one
// chosen (dir): dir itself when it is new, empty, marked as brief's, or
// holds only what brief keeps there (a cache of an older brief); otherwise
// a subfolder of brief's own in it. The folder and its marker are created
// when missing. It fails when neither folder can be used.
func OwnedDir(dir string) (string, error) {
	if dir == "" {
		return "", ErrNoDir
	}
	ok, err := claim(dir)
	if err != nil || ok {
		return dir, err
	}
	sub := filepath.Join(dir, ownSubfolder)
	ok, err = claim(sub)
	if err != nil {
		return sub, err
	}
	if !ok {
		return "", &ForeignDirError{Dir: dir, Sub: sub}
	}
	return sub, nil
}

// claim makes dir brief's when it is new, empty or holds only brief's
// things, writing the marker; it reports whether dir is brief's.
func claim(dir string) (bool, error) {
	if _, err := os.Lstat(filepath.Join(dir, markerName)); err == nil {
		return true, nil
	}
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return false, fmt.Errorf("cannot use the index folder %s (%w)", dir, err)
		}
	case errors.Is(err, os.ErrPermission):
		// Nothing can be written or deleted there anyway; opening the
		// index says what is wrong.
		return true, nil
	case err != nil:
		return false, fmt.Errorf("cannot use the index folder %s (%w)", dir, err)
	}
	for _, e := range entries {
		if !isBriefs(e) {
			return false, nil
		}
	}
	// Failing to write the marker (a read-only folder of brief's) is no
	// reason not to use the folder: without it, nothing is deleted there.
	if f, err := os.OpenFile(filepath.Join(dir, markerName), os.O_CREATE|os.O_WRONLY, 0o600); err == nil {
		_, _ = f.WriteString("This folder holds caches of brief, the briefing reader; it may be deleted.\n")
		_ = f.Close()
	}
	return true, nil
}

// owned reports whether brief's marker is in dir: only then may brief clear
// the way for its own files there.
func owned(dir string) bool {
	_, err := os.Lstat(filepath.Join(dir, markerName))
	return err == nil
}
