// Package catalog lists a library quickly: it keeps the list entry of every
// briefing (title, date, tags, counts) in a cache file per library root, so
// that a library of tens of thousands of files is listed after a stat of
// each file, and only new or changed files are read. Like the index, the
// cache may be deleted at any time.
package catalog

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/internal/regular"
)

// version changes when the cached entry layout does, or how an entry is
// made from a file (a title taken from a leading heading; a plain-text
// article's title, date and author read from its first lines).
const version = 5

// Catalog is a library listed from entries.
type Catalog struct {
	Roots    []briefings.Root
	Entries  []briefings.Entry
	Problems []briefings.Problem
	// Read counts the files that had to be read; the rest came from the
	// cache.
	Read int
}

// Options configure Load.
type Options struct {
	// Dir is the cache folder; "" keeps no cache.
	Dir string
	// LoadOptions are used to read files.
	LoadOptions briefings.LoadOptions
}

// cached is what the cache keeps of one file. Size and the two times are
// what the file had when it was read; ModTime is zero when they were too
// recent to be trusted (see briefings.File.Racy), so that the file is read
// again next time.
type cached struct {
	Size       int64
	ModTime    time.Time
	ChangeTime time.Time
	Entry      briefings.Entry
	Failed     string // why the file could not be loaded, if it could not
	// TooLarge is the size limit a file skipped for its size was over
	// (briefings.TooLargeError), so that the error keeps its type.
	TooLarge int64
}

// failure is why a cached file could not be loaded.
func (c cached) failure() error {
	if c.TooLarge > 0 {
		return &briefings.TooLargeError{Limit: c.TooLarge}
	}
	return errors.New(c.Failed)
}

// cachedFor returns what the cache keeps of f, found by a scan that began
// at scanned.
func cachedFor(f briefings.File, scanned time.Time) cached {
	c := cached{Size: f.Size, ModTime: f.ModTime, ChangeTime: f.ChangeTime}
	if f.Racy(scanned) {
		c.ModTime = time.Time{}
	}
	return c
}

// matches reports whether f is the file the cache entry was read from:
// same size, same modification time, same inode change time (which no
// program can set back; zero on both where the system has none). An entry
// whose times were racy never matches.
func (c cached) matches(f briefings.File) bool {
	return !c.ModTime.IsZero() && c.Size == f.Size && c.ModTime.Equal(f.ModTime) && c.ChangeTime.Equal(f.ChangeTime)
}

// cacheFile is a root's cache in memory.
type cacheFile struct {
	Version int
	Root    string
	Files   map[string]cached
}

// diskCache is a root's cache on disk: a list, which gob decodes much
// faster than a map.
type diskCache struct {
	Version int
	Root    string
	Paths   []string
	Files   []cached
}

// Load lists the library under paths (nil: the sample library).
func Load(paths []string, opts Options) *Catalog {
	var roots []briefings.Root
	var problems []briefings.Problem
	if len(paths) == 0 {
		roots = []briefings.Root{briefings.SampleRoot}
	} else {
		roots, problems = briefings.ResolveRoots(paths)
	}
	c := &Catalog{Roots: roots, Problems: problems}
	for _, root := range roots {
		c.loadRoot(root, opts)
	}
	return c
}

// Cached lists the library from the cache files alone, without looking at
// the files: what the library was when last listed, in a fraction of the
// time. ok is false when a root has no cache. Load then brings it up to date.
func Cached(paths []string, opts Options) (c *Catalog, ok bool) {
	if len(paths) == 0 || opts.Dir == "" {
		return nil, false
	}
	roots, problems := briefings.ResolveRoots(paths)
	c = &Catalog{Roots: roots, Problems: problems}
	for _, root := range roots {
		d, ok := readDisk(cachePath(opts.Dir, root.Path), root.Path)
		if !ok || len(d.Files) == 0 {
			return nil, false
		}
		c.Entries = slices.Grow(c.Entries, len(d.Files))
		for i, f := range d.Files {
			switch {
			case f.Failed != "":
				c.Problems = append(c.Problems, briefings.Problem{Path: d.Paths[i], Err: f.failure(), Skipped: true})
			case f.Entry.Path != "":
				c.Entries = append(c.Entries, f.Entry)
			}
		}
	}
	return c, true
}

// scanClock tells when a scan begins. (A variable for tests.)
var scanClock = time.Now

// loadRoot lists one root, from its cache where files are unchanged.
func (c *Catalog) loadRoot(root briefings.Root, opts Options) {
	scanned := scanClock()
	files, problems := briefings.Scan([]briefings.Root{root})
	c.Problems = append(c.Problems, problems...)
	path := ""
	if opts.Dir != "" && !root.Builtin() {
		path = cachePath(opts.Dir, root.Path)
	}
	old := readCache(path, root.Path)
	fresh := cacheFile{Version: version, Root: root.Path, Files: make(map[string]cached, len(files))}
	var todo []briefings.File
	for _, f := range files {
		if e, ok := old.Files[f.Path]; ok && e.matches(f) {
			fresh.Files[f.Path] = e
			continue
		}
		todo = append(todo, f)
	}
	entries, failed := briefings.Entries(todo, opts.LoadOptions, nil)
	c.Read += len(todo)
	sizes := make(map[string]briefings.File, len(todo))
	for _, f := range todo {
		sizes[f.Path] = f
	}
	for _, e := range entries {
		k := cachedFor(sizes[e.Path], scanned)
		k.Entry = e
		fresh.Files[e.Path] = k
	}
	for _, p := range failed {
		if f, ok := sizes[p.Path]; ok && p.Skipped {
			k := cachedFor(f, scanned)
			k.Failed = p.Err.Error()
			if tooLarge := (*briefings.TooLargeError)(nil); errors.As(p.Err, &tooLarge) {
				k.TooLarge = tooLarge.Limit
			}
			fresh.Files[p.Path] = k
		}
	}
	c.Entries = slices.Grow(c.Entries, len(files))
	for _, f := range files {
		e := fresh.Files[f.Path]
		switch {
		case e.Failed != "":
			c.Problems = append(c.Problems, briefings.Problem{Path: f.Path, Err: e.failure(), Skipped: true})
		case e.Entry.Path != "":
			e.Entry.Path, e.Entry.RelPath = f.Path, f.RelPath
			c.Entries = append(c.Entries, e.Entry)
			for _, msg := range e.Entry.Problems {
				c.Problems = append(c.Problems, briefings.Problem{Path: f.Path, Err: errors.New(msg)})
			}
		}
	}
	if path != "" && (len(todo) > 0 || len(old.Files) != len(fresh.Files)) {
		_ = writeCache(path, fresh) // a cache that cannot be written is only slower next time
	}
}

// Clear removes the cached lists of the library under paths from the cache
// folder dir, so that the next Load reads every file again; brief index
// --rebuild calls it. A cache that is not there is no error.
func Clear(dir string, paths []string) error {
	if dir == "" {
		return nil
	}
	roots, _ := briefings.ResolveRoots(paths)
	var errs []error
	for _, root := range roots {
		if root.Builtin() {
			continue
		}
		if err := os.Remove(cachePath(dir, root.Path)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, fmt.Errorf("clear the library list cache: %w", err))
		}
	}
	return errors.Join(errs...)
}

// cachePath names a root's cache file after a hash of its path.
func cachePath(dir, root string) string {
	sum := sha256.Sum256([]byte(root))
	return filepath.Join(dir, "catalog", hex.EncodeToString(sum[:8])+".gob")
}

// readCache reads a cache file; anything wrong with it (missing, damaged,
// another version, another root) gives an empty cache.
func readCache(path, root string) cacheFile {
	empty := cacheFile{Files: map[string]cached{}}
	if path == "" {
		return empty
	}
	d, ok := readDisk(path, root)
	if !ok {
		return empty
	}
	c := cacheFile{Version: d.Version, Root: d.Root, Files: make(map[string]cached, len(d.Files))}
	for i, p := range d.Paths {
		c.Files[p] = d.Files[i]
	}
	return c
}

// readDisk decodes a cache file as written, files in path order.
func readDisk(path, root string) (diskCache, bool) {
	f, err := regular.Open(path)
	if err != nil {
		return diskCache{}, false
	}
	defer f.Close()
	var d diskCache
	if err := gob.NewDecoder(bufio.NewReaderSize(f, 1<<16)).Decode(&d); err != nil ||
		d.Version != version || d.Root != root || len(d.Paths) != len(d.Files) {
		return diskCache{}, false
	}
	return d, true
}

// writeCache replaces the cache file atomically.
func writeCache(path string, c cacheFile) error {
	d := diskCache{Version: c.Version, Root: c.Root, Paths: make([]string, 0, len(c.Files)), Files: make([]cached, 0, len(c.Files))}
	for p := range c.Files {
		d.Paths = append(d.Paths, p)
	}
	slices.Sort(d.Paths) // the order a scan gives, for Cached
	for _, p := range d.Paths {
		d.Files = append(d.Files, c.Files[p])
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(d); err != nil {
		return fmt.Errorf("encode the catalog: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	removeStaleTemps(filepath.Dir(path))
	tmp, err := os.CreateTemp(filepath.Dir(path), ".catalog-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(buf.Bytes()); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// staleTempAge is how old a temporary cache file must be to be taken for
// the leftover of a brief that was killed while writing it.
const staleTempAge = 10 * time.Minute

// removeStaleTemps removes temporary cache files left by killed writers.
func removeStaleTemps(dir string) {
	temps, _ := filepath.Glob(filepath.Join(dir, ".catalog-*.tmp"))
	for _, name := range temps {
		if info, err := os.Stat(name); err == nil && time.Since(info.ModTime()) > staleTempAge {
			_ = os.Remove(name)
		}
	}
}
