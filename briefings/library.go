package briefings

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/briefreader/brief/internal/regular"
)

// DefaultMaxSize is the largest file loaded unless LoadOptions says otherwise.
const DefaultMaxSize = 32 << 20

// Root is one entry of a library: a folder searched recursively, a single
// file, or the embedded sample library.
type Root struct {
	// Path is the absolute path, or BuiltinPrefix for the sample library.
	Path string
	// Dir is true for folders (and the sample library).
	Dir bool
}

// Builtin reports whether the root is the embedded sample library.
func (r Root) Builtin() bool { return r.Path == BuiltinPrefix }

// File is a briefing file found by Scan, not yet read.
type File struct {
	// Path is the absolute path (or "builtin:NAME").
	Path string
	// RelPath is the path relative to Root, with forward slashes, for
	// display: cleaned of control characters (see CleanName).
	RelPath string
	// Root is the library root the file was found under.
	Root    Root
	Size    int64
	ModTime time.Time
	// ChangeTime is the inode change time (ctime) where the system has one,
	// else zero. Unlike ModTime no program can set it back, so a cache that
	// compares it notices a file rewritten with its old size and time.
	ChangeTime time.Time

	fsys fs.FS // set for embedded files
}

// LoadOptions tunes loading. The zero value is ready to use.
type LoadOptions struct {
	// MaxSize is the largest file to load, in bytes (DefaultMaxSize if 0).
	MaxSize int64
	// Workers is how many files are read at once (GOMAXPROCS if 0).
	Workers int
	// Progress, if set, is called after each file with the number of files
	// done and the total. It is called from several goroutines.
	Progress func(done, total int)
}

func (o LoadOptions) maxSize() int64 {
	if o.MaxSize > 0 {
		return o.MaxSize
	}
	return DefaultMaxSize
}

// Library is a set of loaded briefings and the problems met while loading.
type Library struct {
	Roots     []Root
	Briefings []*Briefing
	Problems  []Problem
}

// Load scans the given folders and files and loads every briefing in them.
// Files that cannot be loaded become Problems; the rest still load.
func Load(paths []string, opts LoadOptions) *Library {
	roots, problems := ResolveRoots(paths)
	files, scanProblems := Scan(roots)
	lib := LoadFiles(files, opts)
	lib.Roots = roots
	lib.Problems = append(append(problems, scanProblems...), lib.Problems...)
	return lib
}

// LoadFiles reads and parses files in parallel. The briefings keep the order
// of files; every file that fails becomes a Problem.
func LoadFiles(files []File, opts LoadOptions) *Library {
	briefings := make([]*Briefing, len(files))
	errs := make([]error, len(files))
	eachFile(files, opts, func(i int, b *Briefing, err error) {
		briefings[i], errs[i] = b, err
	})
	lib := &Library{Briefings: make([]*Briefing, 0, len(files))}
	for i, b := range briefings {
		if errs[i] != nil {
			lib.Problems = append(lib.Problems, Problem{Path: files[i].Path, Err: errs[i], Skipped: true})
			continue
		}
		lib.Briefings = append(lib.Briefings, b)
		lib.Problems = append(lib.Problems, b.problems(files[i].Path)...)
	}
	return lib
}

// problems turns the briefing's warnings into Problems.
func (b *Briefing) problems(path string) []Problem {
	var out []Problem
	for _, msg := range b.Problems {
		out = append(out, Problem{Path: path, Err: errors.New(msg)})
	}
	return out
}

// eachFile reads and parses files on opts.Workers goroutines, calling fn
// for each file (from those goroutines) and opts.Progress after it.
func eachFile(files []File, opts LoadOptions, fn func(i int, b *Briefing, err error)) {
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		done int
		next = make(chan int)
	)
	for range min(workers, max(len(files), 1)) {
		wg.Go(func() {
			for i := range next {
				b, err := ReadFile(files[i], opts)
				fn(i, b, err)
				if opts.Progress != nil {
					mu.Lock()
					done++
					opts.Progress(done, len(files))
					mu.Unlock()
				}
			}
		})
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
}

// ReadFile reads and parses one file. Files over the size limit, binary
// files and unreadable files return an error that says why in words.
func ReadFile(f File, opts LoadOptions) (b *Briefing, err error) {
	defer func() {
		if r := recover(); r != nil {
			b, err = nil, fmt.Errorf("could not be parsed (internal error: %v)", r)
		}
	}()
	raw, err := readLimited(f, opts.maxSize())
	if err != nil {
		return nil, err
	}
	b, err = ParseAt(f.RelPath, raw, f.ModTime)
	if err != nil {
		return nil, err
	}
	b.Path, b.RelPath = f.Path, CleanName(f.RelPath)
	b.Size, b.ModTime = int64(len(raw)), f.ModTime
	return b, nil
}

func readLimited(f File, limit int64) ([]byte, error) {
	var r io.ReadCloser
	var err error
	if f.fsys != nil {
		r, err = f.fsys.Open(strings.TrimPrefix(f.Path, BuiltinPrefix))
	} else {
		r, err = regular.Open(f.Path) // never blocks on a FIFO
	}
	if err != nil {
		return nil, describe(err)
	}
	defer r.Close()
	raw, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, describe(err)
	}
	if int64(len(raw)) > limit {
		return nil, &TooLargeError{Limit: limit}
	}
	return raw, nil
}

// TooLargeError is a file skipped because it is larger than the size limit
// (LoadOptions.MaxSize). The caller says how to raise the limit.
type TooLargeError struct {
	Limit int64 // bytes
}

// Error says what the limit is.
func (e *TooLargeError) Error() string {
	return fmt.Sprintf("skipped: the file is larger than the %s limit", FormatSize(e.Limit))
}

// FormatSize writes a byte count the way people read it: "32 MiB", "4.5 KiB".
func FormatSize(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d bytes", n)
	}
	value, suffix := float64(n), ""
	for _, s := range []string{"KiB", "MiB", "GiB", "TiB"} {
		value /= unit
		suffix = s
		if value < unit {
			break
		}
	}
	if value == float64(int64(value)) {
		return fmt.Sprintf("%d %s", int64(value), suffix)
	}
	return fmt.Sprintf("%.1f %s", value, suffix)
}

// SortByDate orders briefings as SortEntriesByDate orders their entries:
// newest first, then the undated in reading order.
func SortByDate(list []*Briefing) {
	entries := make([]Entry, len(list))
	index := make(map[string]*Briefing, len(list))
	for i, b := range list {
		entries[i] = b.Entry()
		index[b.Path] = b
	}
	SortEntriesByDate(entries)
	for i, e := range entries {
		list[i] = index[e.Path]
	}
}
