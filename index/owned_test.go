package index

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// snapshotFiles returns every file under dir with its content.
func snapshotFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		files[path] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// An index folder chosen among the user's own files (--index-dir
// ~/Documents): brief keeps its caches in a subfolder of its own and
// touches nothing else, even files named as its own (a big index.log, a
// file called tmp, folders in tmp named like its temporary folders).
func TestIndexFolderWithForeignFiles(t *testing.T) {
	lib, docs := t.TempDir(), t.TempDir()
	writeFiles(t, lib, manyFiles(4))
	foreign := map[string]string{
		"notes.txt":                       "mine",
		"index.log":                       strings.Repeat("my log\n", 200000),
		"tmp":                             "a file called tmp",
		"tmp2/x.y.1234.z/inside":          "kept",
		"v1-old-000000000000/store/a.zap": "not brief's either",
	}
	for name, text := range foreign {
		mustWrite(t, filepath.Join(docs, name), text)
	}
	before := snapshotFiles(t, docs)

	ix := openDir(t, lib, docs)
	mustSync(t, ix)
	checkHits(t, ix, "n2xs1", "2/n2x.md#section-1")
	_ = ix.Close()
	if _, err := Prune(docs); err != nil {
		t.Fatal(err)
	}

	after := snapshotFiles(t, docs)
	var lost []string
	for path, data := range before {
		if !bytes.Equal(after[path], data) {
			lost = append(lost, path)
		}
	}
	sort.Strings(lost)
	if len(lost) > 0 {
		t.Errorf("changed or removed: %q", lost)
	}
	for path := range after {
		if before[path] == nil && !strings.HasPrefix(path, filepath.Join(docs, ownSubfolder)+string(filepath.Separator)) {
			t.Errorf("written outside brief's subfolder: %s", path)
		}
	}
}

// A folder that is brief's (new, empty, or holding only what brief keeps)
// is used as it is, and marked.
func TestOwnedDir(t *testing.T) {
	fresh := filepath.Join(t.TempDir(), "new")
	if dir, err := OwnedDir(fresh); err != nil || dir != fresh || !owned(fresh) {
		t.Errorf("a new folder: %q, %v", dir, err)
	}
	old := t.TempDir() // the cache of a brief from before the marker
	for _, d := range []string{"tmp", "catalog", "v2-lib-0123456789ab"} {
		if err := os.MkdirAll(filepath.Join(old, d), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	mustWrite(t, filepath.Join(old, "v2-lib-0123456789ab.lock"), "")
	if dir, err := OwnedDir(old); err != nil || dir != old {
		t.Errorf("an older cache: %q, %v", dir, err)
	}
	both := t.TempDir()
	mustWrite(t, filepath.Join(both, "mine.txt"), "x")
	mustWrite(t, filepath.Join(both, ownSubfolder, "mine too.txt"), "x")
	if _, err := OwnedDir(both); err == nil || !strings.Contains(err.Error(), "choose another folder") {
		t.Errorf("two foreign folders: %v", err)
	}
}
