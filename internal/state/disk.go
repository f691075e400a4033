package state

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/briefreader/brief/internal/regular"
)

const maxFileSize = 32 << 20 // a bigger state file is treated as damaged

// document is what the two state files have in common.
type document[T any] interface {
	*T
	version() int
	setVersion(int)
	clean()
	merge(disk *T)
	// salvageMember decodes one top-level member of a damaged file, as
	// much of it as can be read; false means the file breaks off there.
	salvageMember(key string, dec *json.Decoder) bool
	// recovered says what the document holds ("the reading positions and
	// bookmarks of 3 briefings"), or "" when it holds nothing.
	recovered() string
}

type readStatus int

const (
	fileOK      readStatus = iota
	fileMissing            // absent or empty
	fileCorrupt            // not a state file of any version
	fileNewer              // written by a newer brief; read as far as understood
)

// readDoc reads and decodes one state file. err is set only when the file
// exists but cannot be read. data is what was read (at most maxFileSize+1
// bytes) and info what the file was, for a damaged file's salvage and
// keeping aside. Only a regular file is read: a named pipe would block.
func readDoc[T any, P document[T]](path string) (doc *T, data []byte, info fs.FileInfo, st readStatus, err error) {
	f, err := regular.Open(path)
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
		return nil, nil, nil, fileMissing, nil
	}
	if err != nil {
		return nil, nil, nil, 0, err
	}
	defer f.Close()
	if info, err = f.Stat(); err != nil {
		return nil, nil, nil, 0, err
	}
	data, err = io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return nil, nil, nil, 0, err
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, data, info, fileMissing, nil
	}
	if len(data) > maxFileSize {
		return nil, data, info, fileCorrupt, nil
	}
	var head struct {
		Version int `json:"version"`
	}
	if json.Unmarshal(data, &head) != nil || head.Version < 1 {
		return nil, data, info, fileCorrupt, nil
	}
	doc = new(T)
	if err := json.Unmarshal(data, doc); err != nil {
		if head.Version > formatVersion {
			return new(T), data, info, fileNewer, nil
		}
		return nil, data, info, fileCorrupt, nil
	}
	P(doc).clean()
	if head.Version > formatVersion {
		return doc, data, info, fileNewer, nil
	}
	return doc, data, info, fileOK, nil
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
	for _, name := range []string{stateFile, historyFile, highlightsFile, savedFile, stateFile + ".corrupt", historyFile + ".corrupt", savedFile + ".corrupt"} {
		removeTemps(dir, name)
	}
}

// removeTemps deletes the temporary files of name in dir.
func removeTemps(dir, name string) {
	matches, _ := filepath.Glob(filepath.Join(dir, globEscape(tempPrefix(name))+"*"+tempSuffix))
	for _, m := range matches {
		os.Remove(m)
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
