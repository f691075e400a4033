package briefings

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"syscall"
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

// ResolveRoots turns command-line paths into roots: absolute, cleaned,
// de-duplicated. Paths that do not exist, or lead to neither a folder nor a
// regular file (a named pipe, a socket, a device), become problems.
func ResolveRoots(paths []string) ([]Root, []Problem) {
	var roots []Root
	var problems []Problem
	seen := make(map[string]bool)
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			problems = append(problems, Problem{Path: p, Err: err, Skipped: true})
			continue
		}
		info, err := os.Stat(abs)
		if err == nil && !info.IsDir() {
			err = regular.Check(abs, info) // a FIFO would block the first read
		}
		if err != nil {
			problems = append(problems, Problem{Path: p, Err: describeAt(abs, err), Skipped: true})
			continue
		}
		if !seen[abs] {
			seen[abs] = true
			roots = append(roots, Root{Path: abs, Dir: info.IsDir()})
		}
	}
	return roots, problems
}

// Scan lists the briefing files under the roots, without reading them:
// folders recursively (.md, .markdown and .txt files), skipping hidden
// folders and node_modules, and never following a symbolic link that leads
// outside its root. Files come back in a deterministic order.
func Scan(roots []Root) ([]File, []Problem) {
	var files []File
	var problems []Problem
	for _, root := range roots {
		switch {
		case root.Builtin():
			files = append(files, sampleFiles()...)
		case !root.Dir:
			f, err := StatFile(root.Path)
			if err != nil {
				problems = append(problems, Problem{Path: root.Path, Err: err, Skipped: true})
				continue
			}
			f.Root = root
			files = append(files, f)
		default:
			f, p := scanDir(root)
			files = append(files, f...)
			problems = append(problems, p...)
		}
	}
	return files, problems
}

func scanDir(root Root) ([]File, []Problem) {
	realRoot, err := filepath.EvalSymlinks(root.Path)
	if err != nil {
		return nil, []Problem{{Path: root.Path, Err: describe(err), Skipped: true}}
	}
	entries, err := os.ReadDir(root.Path)
	if err != nil {
		return nil, []Problem{{Path: root.Path, Err: describe(err), Skipped: true}}
	}
	// The folders under the root are walked in parallel (a stat per file
	// is most of the time on a big library), then the results are joined
	// in the order a single walk would give.
	type part struct {
		files    []File
		problems []Problem
	}
	parts := make([]part, len(entries))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, e := range entries {
		path := filepath.Join(root.Path, e.Name())
		s := &scanner{root: root, realRoot: realRoot}
		if !e.IsDir() {
			_ = s.visit(path, e, nil)
			parts[i] = part{s.files, s.problems}
			continue
		}
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			_ = filepath.WalkDir(path, s.visit)
			parts[i] = part{s.files, s.problems}
		})
	}
	wg.Wait()
	var files []File
	var problems []Problem
	for _, p := range parts {
		files = append(files, p.files...)
		problems = append(problems, p.problems...)
	}
	return files, problems
}

// scanner collects the briefing files of one walk.
type scanner struct {
	root     Root
	realRoot string
	files    []File
	problems []Problem
}

// visit is the filepath.WalkDir callback: it skips hidden folders and
// node_modules, refuses symbolic links leading outside the root, and keeps
// regular files with a briefing extension.
func (s *scanner) visit(path string, d fs.DirEntry, err error) error {
	if err != nil {
		s.problems = append(s.problems, Problem{Path: path, Err: describe(err), Skipped: true})
		if d != nil && d.IsDir() {
			return fs.SkipDir
		}
		return nil
	}
	name := d.Name()
	if d.IsDir() {
		if strings.HasPrefix(name, ".") || name == "node_modules" {
			return fs.SkipDir
		}
		return nil
	}
	if !IsBriefingName(name) {
		return nil
	}
	var info fs.FileInfo
	if d.Type()&fs.ModeSymlink != 0 {
		// Stat first: a loop or a dangling link says so, not "outside".
		info, err = os.Stat(path)
		if err == nil && !linkStaysInside(path, s.realRoot) {
			s.problems = append(s.problems, Problem{Path: path,
				Err: errors.New("skipped: it is a symbolic link to a file outside the library folder"), Skipped: true})
			return nil
		}
	} else {
		info, err = d.Info()
	}
	if err != nil {
		s.problems = append(s.problems, Problem{Path: path, Err: describeAt(path, err), Skipped: true})
		return nil
	}
	if !info.Mode().IsRegular() {
		return nil // a FIFO, socket or device in a folder is no briefing: skipped
	}
	rel, _ := filepath.Rel(s.root.Path, path)
	s.files = append(s.files, fileOf(path, CleanName(filepath.ToSlash(rel)), info))
	s.files[len(s.files)-1].Root = s.root
	return nil
}

// StatFile returns the File for a briefing named by path (a command-line
// argument): it must lead to a regular file, through symbolic links. A
// named pipe, socket, device or folder, a symbolic link loop or a missing
// file gives an error that says so in words.
func StatFile(path string) (File, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return File{}, describe(err)
	}
	info, err := os.Stat(abs)
	if err != nil {
		return File{}, describeAt(abs, err)
	}
	if err := regular.Check(abs, info); err != nil {
		return File{}, describe(err)
	}
	return fileOf(abs, CleanName(filepath.Base(abs)), info), nil
}

// fileOf describes a file found at path from its information.
func fileOf(path, rel string, info fs.FileInfo) File {
	return File{Path: path, RelPath: rel, Size: info.Size(), ModTime: info.ModTime(), ChangeTime: changeTime(info)}
}

// linkStaysInside reports whether the symbolic link at path resolves to a
// file inside realRoot.
func linkStaysInside(path, realRoot string) bool {
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		return false
	}
	rel, err := filepath.Rel(realRoot, target)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// IsBriefingName reports whether a file name has a briefing extension.
func IsBriefingName(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".md", ".markdown", ".txt":
		return true
	}
	return false
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
	b, err = Parse(f.RelPath, raw)
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
		return nil, fmt.Errorf("skipped: the file is larger than the %s limit (raise it with --max-size)", FormatSize(limit))
	}
	return raw, nil
}

// describe rewrites file-system errors as sentences.
func describe(err error) error {
	var notRegular *regular.Error
	switch {
	case errors.As(err, &notRegular):
		return errors.New(notRegular.Reason() + "; brief reads only regular files")
	case errors.Is(err, syscall.ELOOP):
		return errors.New("is a symbolic link loop (it leads back to itself)")
	case errors.Is(err, fs.ErrNotExist):
		return errors.New("does not exist")
	case errors.Is(err, fs.ErrPermission):
		return errors.New("cannot be read: permission denied")
	}

	var pathErr *fs.PathError
	if errors.As(err, &pathErr) {
		return fmt.Errorf("cannot be read: %v", pathErr.Err)
	}
	return fmt.Errorf("cannot be read: %v", err)
}

// describeAt is describe for an error met at path, which tells a symbolic
// link to nowhere from a file that is not there.
func describeAt(path string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		if target, lerr := os.Readlink(path); lerr == nil {
			return fmt.Errorf("is a symbolic link to %s, which does not exist", CleanName(target))
		}
	}
	return describe(err)
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

// SortByDate orders briefings newest first, undated last, then by title.
func SortByDate(list []*Briefing) {
	sort.SliceStable(list, func(i, j int) bool {
		return newerFirst(list[i].Date, list[j].Date, list[i].Title, list[j].Title)
	})
}
