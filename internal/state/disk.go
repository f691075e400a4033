package state

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

const maxFileSize = 32 << 20 // a bigger state file is treated as damaged

// document is what the two state files have in common.
type document[T any] interface {
	*T
	version() int
	setVersion(int)
	clean()
	merge(disk *T)
}

type readStatus int

const (
	fileOK      readStatus = iota
	fileMissing            // absent or empty
	fileCorrupt            // not a state file of any version
	fileNewer              // written by a newer brief; read as far as understood
)

// readDoc reads and decodes one state file. err is set only when the file
// exists but cannot be read; data is what was read, for a backup.
func readDoc[T any, P document[T]](path string) (doc *T, data []byte, st readStatus, err error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
		return nil, nil, fileMissing, nil
	}
	if err != nil {
		return nil, nil, 0, err
	}
	defer f.Close()
	data, err = io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return nil, nil, 0, err
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, data, fileMissing, nil
	}
	if len(data) > maxFileSize {
		return nil, data, fileCorrupt, nil
	}
	var head struct {
		Version int `json:"version"`
	}
	if json.Unmarshal(data, &head) != nil || head.Version < 1 {
		return nil, data, fileCorrupt, nil
	}
	doc = new(T)
	if err := json.Unmarshal(data, doc); err != nil {
		if head.Version > formatVersion {
			return new(T), data, fileNewer, nil
		}
		return nil, data, fileCorrupt, nil
	}
	P(doc).clean()
	if head.Version > formatVersion {
		return doc, data, fileNewer, nil
	}
	return doc, data, fileOK, nil
}

// loadForOpen reads one state file for Open and returns its contents (nil
// to start empty) and a one-line warning, or "".
func loadForOpen[T any, P document[T]](dir, name, what string) (*T, string) {
	path := filepath.Join(dir, name)
	doc, data, st, err := readDoc[T, P](path)
	if err != nil {
		return nil, fmt.Sprintf("cannot read %s from %s; starting without them", what, describe(path, err))
	}
	switch st {
	case fileCorrupt:
		if err := writeAtomic(dir, name+".corrupt", data, nil); err != nil {
			return nil, fmt.Sprintf("%s is damaged and no copy of it could be kept (%s); starting without %s",
				path, describe(dir, err), what)
		}
		return nil, fmt.Sprintf("%s is damaged; kept a copy as %s.corrupt and started without %s", path, name, what)
	case fileNewer:
		return doc, fmt.Sprintf("%s was written by a newer version of brief; changes to %s will not be saved", path, what)
	}
	return doc, ""
}

// saveFile merges mine with the file on disk, writes the result atomically
// and returns it. A damaged file on disk is copied aside and replaced; one
// that cannot be read or was written by a newer brief is left alone.
func saveFile[T any, P document[T]](dir, name string, mine *T, hook func(string) error) (*T, error) {
	path := filepath.Join(dir, name)
	disk, data, st, err := readDoc[T, P](path)
	if err != nil {
		return nil, &readError{path: path, err: err}
	}
	switch st {
	case fileNewer:
		return nil, &newerError{path: path}
	case fileCorrupt:
		_ = writeAtomic(dir, name+".corrupt", data, nil) // best effort: Open warned already
	}
	if st != fileOK {
		disk = new(T)
	}
	P(mine).merge(disk) // also caps the size
	P(mine).setVersion(formatVersion)
	out, err := json.MarshalIndent(mine, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encode %s: %w", name, err)
	}
	if err := writeAtomic(dir, name, append(out, '\n'), hook); err != nil {
		return nil, err
	}
	return mine, nil
}

// writeAtomic replaces dir/name with data so that a reader (or a crash)
// sees the old file or the new one, never a mixture: the data goes to a
// temporary file in the same folder, is synced, then renamed over the old
// file. hook, if set, is called between the steps (tests use it to fail or
// crash there).
func writeAtomic(dir, name string, data []byte, hook func(string) error) (err error) {
	step := func(stage string) error {
		if hook == nil {
			return nil
		}
		return hook(stage)
	}
	f, err := os.CreateTemp(dir, tempPrefix(name)+"*"+tempSuffix)
	if err != nil {
		return err
	}
	tmp := f.Name()
	closed := false
	defer func() {
		if err != nil {
			if !closed {
				f.Close()
			}
			os.Remove(tmp)
		}
	}()
	if err = step("created"); err != nil {
		return err
	}
	half := len(data) / 2
	if _, err = f.Write(data[:half]); err != nil {
		return err
	}
	if err = step("half-written"); err != nil {
		return err
	}
	if _, err = f.Write(data[half:]); err != nil {
		return err
	}
	if err = step("written"); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	closed = true
	if err = f.Close(); err != nil {
		return err
	}
	if err = step("synced"); err != nil {
		return err
	}
	if err = os.Rename(tmp, filepath.Join(dir, name)); err != nil {
		return err
	}
	syncDir(dir)
	_ = step("renamed")
	return nil
}

const tempSuffix = ".tmp"

func tempPrefix(name string) string { return "." + name + "-" }

// removeStaleTemps deletes temporary files left by a save that crashed. It
// is called only while holding the folder's lock, when no other save can be
// writing one.
func removeStaleTemps(dir string) {
	for _, name := range []string{stateFile, historyFile, stateFile + ".corrupt", historyFile + ".corrupt"} {
		matches, _ := filepath.Glob(filepath.Join(dir, globEscape(tempPrefix(name))+"*"+tempSuffix))
		for _, m := range matches {
			os.Remove(m)
		}
	}
}

func globEscape(s string) string {
	return strings.NewReplacer(`*`, `\*`, `?`, `\?`, `[`, `\[`, `\`, `\\`).Replace(s)
}

// syncDir makes a rename in dir durable; not every system allows it, so
// failure is ignored.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}
