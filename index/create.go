package index

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/briefreader/brief/internal/proc"
)

// Building an index (the first time, or again) is one process's job at a
// time: it holds the build lock of the index, a file beside it named
// KEY.build that says who holds it. Others do not build a second copy in
// parallel: they wait a moment for it, then search the files themselves
// (see Index.Busy), and brief index --rebuild says so and stops.

// tempPrefix begins the name of everything brief makes in its tmp folder,
// so that nothing else there is ever taken for its own.
const tempPrefix = "brief-"

// create makes the index of a part that has none. The empty index is made
// in a private temporary folder and renamed into place, so that two
// processes creating it at once never see each other's half-made folder,
// and neither deletes a folder it did not make: the one that loses the
// rename opens the winner's. The part keeps the build lock until its
// first sync is complete.
func (ix *Index) create(p *part) error {
	if p.readOnly {
		return ix.inMemory(p, fmt.Sprintf("the index of %s does not exist, and its folder %s cannot be written", p.root.Path, ix.base))
	}
	got, err := ix.takeBuild(p)
	if err != nil {
		return ix.inMemory(p, fmt.Sprintf("cannot create the index of %s (%s)", p.root.Path, firstLine(err)))
	}
	if !got {
		if ix.opts.SharedOnly {
			return &RebuildingError{Root: p.root.Path, Holder: ix.builder(p)}
		}
		if ix.waitForBuilder(p) {
			return nil // built meanwhile: open it
		}
		return ix.setBusy(p, beingBuilt(p.root.Path, ix.builder(p)))
	}
	if _, err := os.Lstat(p.dir); err == nil {
		// Made by another process just before the lock was ours. The lock
		// is let go after this process's first sync, as a builder's is,
		// so that others do not wait on a search that only searches.
		p.firstBuild = true
		return nil
	}
	work := ix.tempDir(p, "create")
	idx, err := createIndex(work, p.root)
	if err == nil {
		err = closeIndex(idx)
	}
	if err == nil {
		err = os.Rename(work, p.dir)
	}
	_ = os.RemoveAll(work) // ours; gone already when the rename worked
	if err != nil && !existsDir(p.dir) {
		ix.releaseBuild(p)
		if full := ix.diskFull(p, err, 0); full != nil {
			return ix.inMemory(p, full.Error())
		}
		return ix.inMemory(p, fmt.Sprintf("cannot create the index of %s (%s)", p.root.Path, firstLine(err)))
	}
	p.firstBuild = true
	return nil
}

// beingBuilt says that another process builds the index of root; holder
// names it, or is "" when it finished or was not named yet.
func beingBuilt(root, holder string) string {
	if holder == "" {
		holder = "another brief"
	}
	return fmt.Sprintf("the index of %s is being built by %s", root, holder)
}

func existsDir(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.IsDir()
}

// takeBuild takes the part's build lock, without waiting, and writes who
// holds it. It reports false when another process holds it.
func (ix *Index) takeBuild(p *part) (bool, error) {
	if p.build != nil {
		return true, nil
	}
	name := filepath.Join(ix.base, p.key+".build")
	f, err := os.OpenFile(name, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil && !readOnlyError(err) && clearWay(name, false) {
		f, err = os.OpenFile(name, os.O_CREATE|os.O_RDWR, 0o600)
	}
	if err != nil {
		return false, err
	}
	ok, err := tryLock(f)
	if err != nil || !ok {
		_ = f.Close()
		return false, err
	}
	if err := f.Truncate(0); err == nil {
		_, _ = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+" "+ix.purpose()+"\n"), 0)
	}
	p.build = f
	return true, nil
}

// releaseBuild lets go of the part's build lock, clearing who held it.
func (ix *Index) releaseBuild(p *part) {
	if p.build != nil {
		_ = p.build.Truncate(0)
		unlock(p.build)
		_ = p.build.Close()
		p.build = nil
	}
	p.firstBuild = false
}

// purpose is what this process is, for other processes' messages.
func (ix *Index) purpose() string {
	if ix.opts.Purpose != "" {
		return ix.opts.Purpose
	}
	return "brief"
}

// builder describes the other process that builds or rebuilds the part's
// index, or returns "" when none does. The build lock file says who holds
// it; that process must still be alive and, where /proc/locks tells, hold
// the lock (a killed builder leaves its line behind). Only takeBuild
// decides who builds: this is for waiting and for messages.
func (ix *Index) builder(p *part) string {
	if p.build != nil {
		return ""
	}
	name := filepath.Join(ix.base, p.key+".build")
	data, err := os.ReadFile(name)
	if err != nil {
		return ""
	}
	pidText, _, _ := strings.Cut(strings.TrimSpace(string(data)), " ")
	pid, err := strconv.Atoi(pidText)
	if err != nil && lockAccounting() && len(lockHolders(name)) > 0 {
		return ix.holders(p, name) // taken, its holder not written yet
	}
	if err != nil || !processAlive(pid) {
		return ""
	}
	if pid != os.Getpid() && lockAccounting() && !slices.Contains(lockHolders(name), pid) {
		return ""
	}
	return ix.holders(p, name)
}

// waitForBuilder waits a moment for another process that builds the
// part's index to finish; it reports whether it did.
func (ix *Index) waitForBuilder(p *part) bool {
	if ix.builder(p) == "" {
		return false
	}
	deadline := time.Now().Add(builderWait)
	for time.Now().Before(deadline) {
		select {
		case <-ix.ctx.Done():
			return false
		case <-time.After(20 * time.Millisecond):
		}
		if ix.builder(p) == "" {
			return true
		}
	}
	return false
}

// holders names the processes that hold a lock on the file at path, with
// what they are doing: "brief index --rebuild (pid 4242, stopped)".
func (ix *Index) holders(p *part, path string) string {
	pids := lockHolders(path)
	if len(pids) == 0 {
		return "another brief"
	}
	who := map[int]string{}
	if data, err := os.ReadFile(filepath.Join(ix.base, p.key+".build")); err == nil {
		if pid, what, ok := strings.Cut(strings.TrimSpace(string(data)), " "); ok {
			if n, err := strconv.Atoi(pid); err == nil {
				who[n] = what
			}
		}
	}
	var out []string
	for _, pid := range pids[:min(len(pids), 3)] {
		what := who[pid]
		if what == "" {
			if what = proc.Name(pid); what == "" {
				what = "brief"
			}
		}
		if state := proc.State(pid); state != "" {
			out = append(out, fmt.Sprintf("%s (pid %d, %s)", what, pid, state))
		} else {
			out = append(out, fmt.Sprintf("%s (pid %d)", what, pid))
		}
	}
	if len(pids) > 3 {
		out = append(out, fmt.Sprintf("%d more", len(pids)-3))
	}
	return strings.Join(out, ", ")
}

// allStopped reports whether every process that holds a lock on the file
// at path is stopped (false when there is none, or it cannot tell).
func allStopped(path string) bool {
	pids := lockHolders(path)
	for _, pid := range pids {
		if proc.State(pid) != proc.Stopped {
			return false
		}
	}
	return len(pids) > 0
}

// tempDir returns a new directory name under the base's tmp directory,
// tagged with the process id so that leftovers of dead processes can be
// recognized and removed.
func (ix *Index) tempDir(p *part, purpose string) string {
	return filepath.Join(ix.base, tmpDirName, fmt.Sprintf("%s%s.%s.%d.%d", tempPrefix, p.key, purpose, os.Getpid(), time.Now().UnixNano()))
}

// oldTempName is how brief named its temporary folders before tempPrefix.
var oldTempName = regexp.MustCompile(`^v\d+-[A-Za-z0-9_-]*-[0-9a-f]{12}\.(copy|rebuild|trash)\.\d+\.\d+$`)

// cleanTemp removes temporary directories that processes that died left
// in tmp: only those named as brief names them.
func (ix *Index) cleanTemp() {
	dir := filepath.Join(ix.base, tmpDirName)
	entries, err := os.ReadDir(dir)
	if err != nil || !owned(ix.base) {
		return
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), tempPrefix) && !oldTempName.MatchString(e.Name()) {
			continue
		}
		fields := strings.Split(e.Name(), ".")
		if len(fields) < 4 {
			continue
		}
		pid, err := strconv.Atoi(fields[len(fields)-2])
		if err != nil || pid == os.Getpid() || processAlive(pid) {
			continue
		}
		_ = os.RemoveAll(filepath.Join(dir, e.Name()))
	}
}

// readOnlyError reports whether err means that a folder cannot be written
// to: a read-only file system, or no permission.
func readOnlyError(err error) bool {
	return errors.Is(err, errROFS) || errors.Is(err, os.ErrPermission)
}
