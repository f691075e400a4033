package index

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2/util"
	bolt "go.etcd.io/bbolt"
)

// staleAge is how long an index of another version of brief must have gone
// unused before Open removes it by itself.
const staleAge = 30 * 24 * time.Hour

// Pruned is an index that Prune removed.
type Pruned struct {
	// Dir is the index folder.
	Dir string
	// Root is the library folder it indexed, when known.
	Root string
	// Why says why it went: "made by another version of brief", "its
	// library no longer exists".
	Why string
	// Size is the space it took, in bytes.
	Size int64
}

// Prune removes from the cache folder dir the indexes made by other
// versions of brief and those of library folders that no longer exist.
// Indexes in use by a running brief are left alone, and so is everything
// brief did not make.
func Prune(dir string) ([]Pruned, error) {
	if !owned(dir) {
		if sub := filepath.Join(dir, ownSubfolder); owned(sub) {
			dir = sub
		} else {
			return nil, nil // nothing of brief's here
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("prune the indexes in %s: %w", dir, err)
	}
	var out []Pruned
	for _, e := range entries {
		if !e.IsDir() || !briefFolder.MatchString(e.Name()) || !strings.HasPrefix(e.Name(), "v") {
			continue
		}
		path := filepath.Join(dir, e.Name())
		pr := Pruned{Dir: path, Root: indexRoot(path)}
		switch {
		case schemaOf(e.Name()) != SchemaVersion:
			pr.Why = "made by another version of brief"
		case pr.Root != "" && !exists(pr.Root):
			pr.Why = "its library no longer exists"
		default:
			continue
		}
		pr.Size = folderSize(path)
		if removeIndex(dir, e.Name()) {
			out = append(out, pr)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Dir < out[j].Dir })
	return out, nil
}

// pruneStale removes the indexes of other versions of brief that went
// unused for a month: a version of brief that is no longer run never
// removes them itself.
func (ix *Index) pruneStale() {
	entries, err := os.ReadDir(ix.base)
	if err != nil || !owned(ix.base) {
		return
	}
	for _, e := range entries {
		if !e.IsDir() || !briefFolder.MatchString(e.Name()) || !strings.HasPrefix(e.Name(), "v") || schemaOf(e.Name()) == SchemaVersion {
			continue
		}
		if time.Since(lastUse(filepath.Join(ix.base, e.Name()))) > staleAge {
			removeIndex(ix.base, e.Name())
		}
	}
}

// schemaOf reads the schema version from an index folder's name.
func schemaOf(name string) int {
	n, _, _ := strings.Cut(strings.TrimPrefix(name, "v"), "-")
	v, err := strconv.Atoi(n)
	if err != nil {
		return -1
	}
	return v
}

// lastUse is when an index was last opened: the time of its lock file
// (see touch), or of its folder.
func lastUse(dir string) time.Time {
	var last time.Time
	for _, path := range []string{dir + ".lock", dir} {
		if info, err := os.Stat(path); err == nil && info.ModTime().After(last) {
			last = info.ModTime()
		}
	}
	return last
}

// removeIndex removes the index folder name in base with its lock files,
// unless a running brief has it open (holds its lock). It reports whether
// the index is gone.
func removeIndex(base, name string) bool {
	dir := filepath.Join(base, name)
	lock, err := os.OpenFile(dir+".lock", os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return false
	}
	defer lock.Close()
	if ok, err := tryLock(lock); err != nil || !ok {
		return false // in use
	}
	trash := filepath.Join(base, tmpDirName, fmt.Sprintf("%s%s.prune.%d.%d", tempPrefix, name, os.Getpid(), time.Now().UnixNano()))
	_ = os.MkdirAll(filepath.Dir(trash), 0o700)
	if err := os.Rename(dir, trash); err != nil {
		return false
	}
	_ = os.RemoveAll(trash)
	_ = os.Remove(dir + ".build")
	_ = os.Remove(dir + ".lock")
	return true
}

// indexRoot reads which library an index was made for from its marker,
// straight from scorch's root.bolt (read-only); "" when it cannot tell.
func indexRoot(dir string) string {
	db, err := bolt.Open(filepath.Join(dir, "store", "root.bolt"), 0o600, &bolt.Options{ReadOnly: true, Timeout: boltTimeout})
	if err != nil {
		return ""
	}
	defer db.Close()
	var raw []byte
	_ = db.View(func(tx *bolt.Tx) error {
		snapshots := tx.Bucket(util.BoltSnapshotsBucket)
		if snapshots == nil {
			return nil
		}
		c := snapshots.Cursor()
		for k, v := c.Last(); k != nil; k, v = c.Prev() {
			if v != nil {
				continue // not a snapshot
			}
			if internal := snapshots.Bucket(k).Bucket(util.BoltInternalKey); internal != nil {
				if m := internal.Get([]byte(keyMeta)); m != nil {
					raw = append([]byte(nil), m...)
					return nil
				}
			}
		}
		return nil
	})
	var m meta
	if raw == nil || json.Unmarshal(raw, &m) != nil {
		return ""
	}
	return m.Root
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return !errors.Is(err, os.ErrNotExist)
}

// folderSize adds up the sizes of the files under dir.
func folderSize(dir string) int64 {
	var size int64
	_ = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				size += info.Size()
			}
		}
		return nil
	})
	return size
}
