package index

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/briefreader/brief/briefings"
)

// The child processes of these tests are this test binary, started with
// BRIEF_INDEX_CHILD set; TestMain runs the child's part and exits.
func TestMain(m *testing.M) {
	if mode := os.Getenv("BRIEF_INDEX_CHILD"); mode != "" {
		os.Exit(child(mode, os.Getenv("BRIEF_INDEX_LIB"), os.Getenv("BRIEF_INDEX_CACHE")))
	}
	code := m.Run()
	removeBuiltIndexes()
	os.Exit(code)
}

// child runs in the child process. "hold" opens the index and waits for its
// standard input to close; "crash" syncs and, after persisting the first 40
// files, says so and waits to be killed.
func child(mode, lib, cache string) int {
	roots, _ := briefings.ResolveRoots([]string{lib})
	ix, err := Open(roots, Options{Dir: cache, Log: io.Discard})
	if err != nil {
		fmt.Println("error:", err)
		return 1
	}
	switch mode {
	case "hold":
		fmt.Println("ready")
		_, _ = io.Copy(io.Discard, os.Stdin)
		_ = ix.Close()
	case "crash":
		batchSections = 6
		testHookAfterFile = func(done int) {
			if done == 40 {
				if err := ix.persistNow(); err != nil {
					fmt.Println("error:", err)
				}
				fmt.Println("ready")
				select {} // wait for SIGKILL
			}
		}
		_, err := ix.Sync(context.Background(), nil)
		fmt.Println("error: sync finished before the kill:", err)
		return 1
	}
	return 0
}

// persistNow waits until everything applied so far is on disk.
func (ix *Index) persistNow() error {
	for _, p := range ix.parts {
		b := p.idx.NewBatch()
		b.SetInternal([]byte("test:persist"), []byte("1"))
		done := make(chan error, 1)
		b.SetPersistedCallback(func(err error) { done <- err })
		if err := p.idx.Batch(b); err != nil {
			return err
		}
		if err := <-done; err != nil {
			return err
		}
	}
	return nil
}

// startChild starts this test binary in a child mode and waits until it
// prints "ready".
func startChild(t *testing.T, mode, lib, cache string) (*exec.Cmd, io.WriteCloser) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "BRIEF_INDEX_CHILD="+mode, "BRIEF_INDEX_LIB="+lib, "BRIEF_INDEX_CACHE="+cache)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || strings.TrimSpace(line) != "ready" {
		t.Fatalf("child %s: %q, %v", mode, line, err)
	}
	return cmd, stdin
}

func manyFiles(n int) map[string]string {
	files := map[string]string{}
	for i := range n {
		id := "n" + strconv.Itoa(i) + "x"
		files[filepath.Join(strconv.Itoa(i%4), id+".md")] = briefing(id, 3, "common")
	}
	return files
}

func TestCrashMidSyncThenResume(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	const n = 120
	writeFiles(t, lib, manyFiles(n))
	cmd, _ := startChild(t, "crash", lib, cache)
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()

	ix := openDir(t, lib, cache)
	if len(ix.Notices()) != 0 {
		t.Errorf("notices after a crash: %q", ix.Notices())
	}
	st := mustSync(t, ix)
	// At least the 40 files persisted before the kill are kept; the rest
	// are indexed now, each exactly once.
	if st.Unchanged < 40 || st.Added+st.Unchanged != n || st.Updated != 0 || st.Removed != 0 {
		t.Errorf("sync after crash: %+v", st)
	}
	if got := len(hits(t, ix, "common")); got != 3*n {
		t.Errorf("common: %d hits, want %d", got, 3*n)
	}
	for i := 0; i < n; i += 7 {
		id := "n" + strconv.Itoa(i) + "x"
		checkHits(t, ix, id+"s2", filepath.ToSlash(filepath.Join(strconv.Itoa(i%4), id+".md"))+"#section-2")
	}
	checkStats(t, mustSync(t, ix), 0, 0, 0, n)
}

func TestIndexHeldByAnotherProcess(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	writeFiles(t, lib, manyFiles(10))
	ix := openDir(t, lib, cache)
	mustSync(t, ix)
	_ = ix.Close()

	_, stdin := startChild(t, "hold", lib, cache)
	// A file added while the other process holds the index is found too:
	// the private copy is synced.
	writeFiles(t, lib, map[string]string{"new.md": briefing("fresh", 1, "common")})
	ix = openDir(t, lib, cache)
	if !hasNotice(ix, "in use by another brief") {
		t.Errorf("notices: %q", ix.Notices())
	}
	st := mustSync(t, ix)
	checkStats(t, st, 1, 0, 0, 10)
	checkHits(t, ix, "freshs1", "new.md#section-1")
	if got := len(hits(t, ix, "common")); got != 31 {
		t.Errorf("common: %d hits, want 31", got)
	}
	_ = ix.Close()
	_ = stdin.Close()

	// The private copy is gone, and the shared index never saw new.md.
	if entries, _ := os.ReadDir(filepath.Join(cache, tmpDirName)); len(entries) != 0 {
		t.Errorf("left in tmp: %v", entries)
	}
}

func TestIndexHeldInProcessUsesPrivateCopy(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	writeFiles(t, lib, manyFiles(5))
	first := openDir(t, lib, cache)
	mustSync(t, first)
	second := openDir(t, lib, cache)
	if !hasNotice(second, "private copy") || !second.Private() || first.Private() {
		t.Errorf("notices: %q, private %v (first %v)", second.Notices(), second.Private(), first.Private())
	}
	checkStats(t, mustSync(t, second), 0, 0, 0, 5)
	checkHits(t, second, "n3xs1", "3/n3x.md#section-1")
}

// corruptions damage a closed index in different ways.
var corruptions = []struct {
	name   string
	damage func(t *testing.T, dir string)
}{
	{"garbage root.bolt", func(t *testing.T, dir string) {
		writeGarbage(t, filepath.Join(dir, "store", "root.bolt"), 0)
	}},
	{"truncated root.bolt", func(t *testing.T, dir string) {
		truncateHalf(t, filepath.Join(dir, "store", "root.bolt"))
	}},
	{"truncated segments", func(t *testing.T, dir string) {
		for _, f := range zapFiles(t, dir) {
			truncateHalf(t, f)
		}
	}},
	{"garbage in segments", func(t *testing.T, dir string) {
		for _, f := range zapFiles(t, dir) {
			info, _ := os.Stat(f)
			writeGarbage(t, f, info.Size()/3)
		}
	}},
	{"missing segments", func(t *testing.T, dir string) {
		for _, f := range zapFiles(t, dir) {
			_ = os.Remove(f)
		}
	}},
	{"garbage index_meta.json", func(t *testing.T, dir string) {
		writeGarbage(t, filepath.Join(dir, "index_meta.json"), 0)
	}},
	{"missing index_meta.json", func(t *testing.T, dir string) {
		_ = os.Remove(filepath.Join(dir, "index_meta.json"))
	}},
	{"missing store", func(t *testing.T, dir string) {
		_ = os.RemoveAll(filepath.Join(dir, "store"))
	}},
	{"missing marker", func(t *testing.T, dir string) {
		setInternal(t, dir, keyMeta, nil)
	}},
	{"other schema version", func(t *testing.T, dir string) {
		setInternal(t, dir, keyMeta, encodeMeta(meta{Schema: SchemaVersion - 1, Root: "x"}))
	}},
}

func TestCorruptIndexIsRebuilt(t *testing.T) {
	for _, c := range corruptions {
		t.Run(c.name, func(t *testing.T) {
			lib, cache := t.TempDir(), t.TempDir()
			writeFiles(t, lib, manyFiles(12))
			ix := openDir(t, lib, cache)
			mustSync(t, ix)
			dir := ix.parts[0].dir
			_ = ix.Close()
			c.damage(t, dir)

			ix = openDir(t, lib, cache)
			st, err := ix.Sync(context.Background(), nil)
			if err != nil {
				t.Fatalf("sync: %v (notices %q)", err, ix.Notices())
			}
			res, err := ix.Search(context.Background(), Request{Query: "common", Limit: 100})
			if errors.Is(err, ErrDamaged) {
				// Damage that only shows in a search: the next
				// sync rebuilds.
				st = mustSync(t, ix)
				res, err = ix.Search(context.Background(), Request{Query: "common", Limit: 100})
			}
			if err != nil {
				t.Fatalf("search: %v", err)
			}
			if res.Total != 36 {
				t.Errorf("common: %d hits, want 36 (sync %+v, notices %q)", res.Total, st, ix.Notices())
			}
			checkHits(t, ix, "n5xs2", "1/n5x.md#section-2")
			// bolt grows its file ahead of use: half of it may still
			// hold every page, and then nothing is damaged.
			if !hasNotice(ix, "rebuilt the index") && c.name != "truncated root.bolt" {
				t.Errorf("notices: %q", ix.Notices())
			}
			_ = ix.Close()

			// The rebuilt index is in place: a reopen is clean.
			ix = openDir(t, lib, cache)
			if len(ix.Notices()) != 0 {
				t.Errorf("notices after the rebuild: %q", ix.Notices())
			}
			checkStats(t, mustSync(t, ix), 0, 0, 0, 12)
		})
	}
}

func TestFailingSearchMarksIndexForRebuild(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	writeFiles(t, lib, manyFiles(6))
	ix := openDir(t, lib, cache)
	mustSync(t, ix)
	// Pull the index away under the alias, as a damaged file would.
	_ = ix.parts[0].idx.Close()
	_, err := ix.Search(context.Background(), Request{Query: "common"})
	if !errors.Is(err, ErrDamaged) {
		t.Fatalf("err = %v, want ErrDamaged", err)
	}
	st := mustSync(t, ix)
	checkStats(t, st, 6, 0, 0, 0)
	if !hasNotice(ix, "a search in the index") || !hasNotice(ix, "rebuilt the index") {
		t.Errorf("notices: %q", ix.Notices())
	}
	checkHits(t, ix, "n4xs3", "0/n4x.md#section-3")
}

func TestRebuild(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	writeFiles(t, lib, manyFiles(8))
	ix := openDir(t, lib, cache)
	mustSync(t, ix)
	st, err := ix.Rebuild(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	checkStats(t, st, 8, 0, 0, 0)
	checkHits(t, ix, "n2xs1", "2/n2x.md#section-1")
	checkStats(t, mustSync(t, ix), 0, 0, 0, 8)
}

func TestIndexesOfOtherVersionsAreRemoved(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	writeFiles(t, lib, manyFiles(1))
	roots, _ := briefings.ResolveRoots([]string{lib})
	key := keyFor(roots[0])
	_, rest, _ := strings.Cut(key, "-")
	old := filepath.Join(cache, "v0-"+rest)
	if err := os.MkdirAll(filepath.Join(old, "store"), 0o700); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(cache, "v0-other-000000000000")
	if err := os.MkdirAll(other, 0o700); err != nil {
		t.Fatal(err)
	}
	openDir(t, lib, cache)
	if _, err := os.Stat(old); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the old version's index was kept: %v", err)
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("another library's index was removed: %v", err)
	}
}

func TestOldTempDirectoriesAreRemoved(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	writeFiles(t, lib, manyFiles(1))
	dead := filepath.Join(cache, tmpDirName, "v1-x-000000000000.rebuild.999999999.1")
	if err := os.MkdirAll(dead, 0o700); err != nil {
		t.Fatal(err)
	}
	openDir(t, lib, cache)
	if _, err := os.Stat(dead); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the directory of a dead process was kept: %v", err)
	}
}

func zapFiles(t *testing.T, dir string) []string {
	files, _ := filepath.Glob(filepath.Join(dir, "store", "*.zap"))
	if len(files) == 0 {
		t.Fatal("no segment files")
	}
	return files
}

func writeGarbage(t *testing.T, path string, at int64) {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	garbage := []byte(strings.Repeat("garbage\xff\x00\x13", 512))
	if _, err := f.WriteAt(garbage, at); err != nil {
		t.Fatal(err)
	}
}

func truncateHalf(t *testing.T, path string) {
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, info.Size()/2); err != nil {
		t.Fatal(err)
	}
}

// setInternal changes an internal value of a closed index (nil deletes).
func setInternal(t *testing.T, dir, key string, val []byte) {
	idx, err := bleve.OpenUsing(dir, scorchConfig())
	if err != nil {
		t.Fatal(err)
	}
	b := idx.NewBatch()
	if val == nil {
		b.DeleteInternal([]byte(key))
	} else {
		b.SetInternal([]byte(key), val)
	}
	done := make(chan error, 1)
	b.SetPersistedCallback(func(err error) { done <- err })
	if err := idx.Batch(b); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if err := idx.Close(); err != nil {
		t.Fatal(err)
	}
}

// With SharedOnly (brief index), an index another process holds is refused
// with an *InUseError, not copied: what brief index builds must be kept.
func TestSharedOnlyRefusesAnIndexInUse(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	writeFiles(t, lib, manyFiles(4))
	ix := openDir(t, lib, cache)
	mustSync(t, ix)
	_ = ix.Close()

	_, stdin := startChild(t, "hold", lib, cache)
	roots, _ := briefings.ResolveRoots([]string{lib})
	_, err := Open(roots, Options{Dir: cache, Log: io.Discard, SharedOnly: true})
	var inUse *InUseError
	if !errors.As(err, &inUse) || inUse.Root != roots[0].Path {
		t.Fatalf("Open: %v, want an *InUseError for %s", err, roots[0].Path)
	}
	if entries, _ := os.ReadDir(filepath.Join(cache, tmpDirName)); len(entries) != 0 {
		t.Errorf("a private copy was made: %v", entries)
	}
	// The refused Open let go of its lock: once the other process is
	// gone, a rebuild can take the index's place at once.
	_ = stdin.Close()
	ix, err = openShared(t, lib, cache)
	if err != nil {
		t.Fatal(err)
	}
	var waited []string
	st, err := ix.Rebuild(context.Background(), func(p Progress) {
		if p.Waiting != "" {
			waited = append(waited, p.Waiting)
		}
	})
	if err != nil || len(waited) != 0 {
		t.Fatalf("rebuild: %v, waited %q", err, waited)
	}
	checkStats(t, st, 4, 0, 0, 0)
}

// Without a cache folder it can use, SharedOnly fails instead of building
// an index in memory that would be thrown away.
func TestSharedOnlyNeverBuildsInMemory(t *testing.T) {
	lib := t.TempDir()
	writeFiles(t, lib, manyFiles(1))
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := openShared(t, lib, filepath.Join(file, "cache")); err == nil || !strings.Contains(err.Error(), "cannot use the index directory") {
		t.Errorf("Open under a file: %v", err)
	}
	// Without SharedOnly, the same folder gives an index in memory.
	ix := openDir(t, lib, filepath.Join(file, "cache"))
	if !hasNotice(ix, "built in memory") {
		t.Errorf("notices: %q", ix.Notices())
	}
}

// A rebuild with SharedOnly that another process opened the old index
// during waits for it to close, saying so, and then takes its place.
func TestSharedOnlyRebuildWaitsForOthers(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	writeFiles(t, lib, manyFiles(20))
	ix := openDir(t, lib, cache)
	mustSync(t, ix)
	_ = ix.Close()

	ix, err := openShared(t, lib, cache)
	if err != nil {
		t.Fatal(err)
	}
	var stdin io.WriteCloser
	waits := 0
	st, err := ix.Rebuild(context.Background(), func(p Progress) {
		switch {
		case p.Waiting != "":
			waits++
			if !strings.Contains(p.Waiting, "waiting for it to close") {
				t.Errorf("Waiting = %q", p.Waiting)
			}
			if waits == 3 {
				_ = stdin.Close() // the other process quits
			}
		case stdin == nil:
			// A reader opens the old index while the rebuild runs.
			_, stdin = startChild(t, "hold", lib, cache)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if waits < 3 {
		t.Errorf("the rebuild did not wait for the other process (%d waits)", waits)
	}
	checkStats(t, st, 20, 0, 0, 0)
	if !hasNotice(ix, "rebuilt the index") || hasNotice(ix, "kept until brief exits") {
		t.Errorf("notices: %q", ix.Notices())
	}
	_ = ix.Close()
	ix = openDir(t, lib, cache)
	checkStats(t, mustSync(t, ix), 0, 0, 0, 20)
}

// Cancelling a rebuild that waits for another process gives it up: the old
// index stays, whole.
func TestSharedOnlyRebuildWaitCanBeCancelled(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	writeFiles(t, lib, manyFiles(6))
	ix := openDir(t, lib, cache)
	mustSync(t, ix)
	_ = ix.Close()

	ix, err := openShared(t, lib, cache)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdin io.WriteCloser
	_, err = ix.Rebuild(ctx, func(p Progress) {
		if p.Waiting != "" {
			cancel()
		} else if stdin == nil {
			_, stdin = startChild(t, "hold", lib, cache)
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("rebuild: %v, want cancelled", err)
	}
	_ = ix.Close()
	if entries, _ := os.ReadDir(filepath.Join(cache, tmpDirName)); len(entries) != 0 {
		t.Errorf("the given-up rebuild was left behind: %v", entries)
	}
	_ = stdin.Close() // the other process quits; wait until it has
	for deadline := time.Now().Add(10 * time.Second); ; {
		probe, err := openShared(t, lib, cache)
		if err == nil {
			_ = probe.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatal(err)
		}
		time.Sleep(10 * time.Millisecond) // poll interval, bounded by the deadline
	}
	ix = openDir(t, lib, cache)
	if len(ix.Notices()) != 0 {
		t.Errorf("notices: %q", ix.Notices())
	}
	checkStats(t, mustSync(t, ix), 0, 0, 0, 6)
}

func openShared(t *testing.T, lib, cache string) (*Index, error) {
	t.Helper()
	roots, _ := briefings.ResolveRoots([]string{lib})
	ix, err := Open(roots, Options{Dir: cache, Log: io.Discard, SharedOnly: true})
	if err == nil {
		t.Cleanup(func() { _ = ix.Close() })
	}
	return ix, err
}

// moreDamage are further ways an index folder gets damaged, beyond
// corruptions: files emptied, deleted or replaced by folders, the
// bookkeeping files around the index, and damage that keeps a file's size
// and time. rebuilt says whether the index must be rebuilt (with a
// notice); otherwise it is repaired quietly or was never hurt.
var moreDamage = []struct {
	name    string
	rebuilt bool
	damage  func(t *testing.T, dir string)
}{
	{"missing root.bolt", true, func(t *testing.T, dir string) {
		mustRemove(t, filepath.Join(dir, "store", "root.bolt"))
	}},
	{"empty root.bolt", true, func(t *testing.T, dir string) {
		mustTruncate(t, filepath.Join(dir, "store", "root.bolt"), 0)
	}},
	{"garbage after the meta pages of root.bolt", true, func(t *testing.T, dir string) {
		path := filepath.Join(dir, "store", "root.bolt")
		info, _ := os.Stat(path)
		for at := int64(2 * os.Getpagesize()); at < info.Size(); at += 4096 {
			writeGarbage(t, path, at)
		}
		mustTruncate(t, path, info.Size())
	}},
	{"empty segments", true, func(t *testing.T, dir string) {
		for _, f := range zapFiles(t, dir) {
			mustTruncate(t, f, 0)
		}
	}},
	{"garbage in segments, size and time kept", true, func(t *testing.T, dir string) {
		for _, f := range zapFiles(t, dir) {
			info, _ := os.Stat(f)
			writeGarbage(t, f, info.Size()/3)
			if err := os.Chtimes(f, info.ModTime(), info.ModTime()); err != nil {
				t.Fatal(err)
			}
		}
	}},
	{"root.bolt is a folder", true, func(t *testing.T, dir string) {
		replaceWithDir(t, filepath.Join(dir, "store", "root.bolt"))
	}},
	{"a segment is a folder", true, func(t *testing.T, dir string) {
		replaceWithDir(t, zapFiles(t, dir)[0])
	}},
	{"store is a file", true, func(t *testing.T, dir string) {
		replaceWithFile(t, filepath.Join(dir, "store"))
	}},
	{"the index folder is a file", true, func(t *testing.T, dir string) {
		replaceWithFile(t, dir)
	}},
	{"empty index_meta.json", true, func(t *testing.T, dir string) {
		mustTruncate(t, filepath.Join(dir, "index_meta.json"), 0)
	}},
	{"index_meta.json of another index type", true, func(t *testing.T, dir string) {
		mustWrite(t, filepath.Join(dir, "index_meta.json"), `{"storage":"boltdb","index_type":"upside_down"}`)
	}},
	{"index_meta.json is a folder", true, func(t *testing.T, dir string) {
		replaceWithDir(t, filepath.Join(dir, "index_meta.json"))
	}},
	{"unreadable marker", true, func(t *testing.T, dir string) {
		setInternal(t, dir, keyMeta, []byte("{garbage"))
	}},
	{"marker of another library", true, func(t *testing.T, dir string) {
		setInternal(t, dir, keyMeta, encodeMeta(meta{Schema: SchemaVersion, Root: "/elsewhere"}))
	}},
	{"missing synced marker", false, func(t *testing.T, dir string) {
		setInternal(t, dir, keySynced, nil)
	}},
	{"wrong file count", false, func(t *testing.T, dir string) {
		setInternal(t, dir, keyCount, []byte{0xff})
	}},
	{"garbage manifest entry", false, func(t *testing.T, dir string) {
		setInternal(t, dir, string(entryKey(filepath.Join(filepath.Dir(filepath.Dir(dir)), "lib", "1", "n5x.md"))), []byte("garbage"))
	}},
	{"garbage verified list", false, func(t *testing.T, dir string) {
		mustWrite(t, filepath.Join(dir, verifiedName), "garbage\x00\xff\n1 2 3\n")
	}},
	{"verified list is a folder", false, func(t *testing.T, dir string) {
		replaceWithDir(t, filepath.Join(dir, verifiedName))
	}},
	{"missing lock file", false, func(t *testing.T, dir string) {
		mustRemove(t, dir+".lock")
	}},
	{"lock file is a folder", false, func(t *testing.T, dir string) {
		replaceWithDir(t, dir+".lock")
	}},
	{"tmp is a file", false, func(t *testing.T, dir string) {
		replaceWithFile(t, filepath.Join(filepath.Dir(dir), tmpDirName))
	}},
	{"index.log is a folder", false, func(t *testing.T, dir string) {
		replaceWithDir(t, filepath.Join(filepath.Dir(dir), "index.log"))
	}},
}

func TestMoreDamageIsRepaired(t *testing.T) {
	for _, c := range moreDamage {
		t.Run(c.name, func(t *testing.T) {
			base := t.TempDir()
			lib, cache := filepath.Join(base, "lib"), filepath.Join(base, "cache")
			writeFiles(t, lib, manyFiles(12))
			ix := openDir(t, lib, cache)
			mustSync(t, ix)
			dir := ix.parts[0].dir
			_ = ix.Close()
			c.damage(t, dir)

			ix = openDir(t, lib, cache)
			if _, err := ix.Sync(context.Background(), nil); err != nil {
				t.Fatalf("sync: %v (notices %q)", err, ix.Notices())
			}
			res, err := ix.Search(context.Background(), Request{Query: "common", Limit: 100})
			if errors.Is(err, ErrDamaged) {
				mustSync(t, ix)
				res, err = ix.Search(context.Background(), Request{Query: "common", Limit: 100})
			}
			if err != nil {
				t.Fatalf("search: %v", err)
			}
			if res.Total != 36 {
				t.Errorf("common: %d hits, want 36 (notices %q)", res.Total, ix.Notices())
			}
			checkHits(t, ix, "n5xs2", "1/n5x.md#section-2")
			if c.rebuilt != hasNotice(ix, "rebuilt the index") || hasNotice(ix, "in memory") {
				t.Errorf("notices: %q", ix.Notices())
			}
			_ = ix.Close()

			// Repaired for good: a reopen is clean and a deleted file
			// leaves the index.
			mustRemove(t, filepath.Join(lib, "2", "n6x.md"))
			ix = openDir(t, lib, cache)
			if len(ix.Notices()) != 0 {
				t.Errorf("notices after the repair: %q", ix.Notices())
			}
			checkStats(t, mustSync(t, ix), 0, 0, 1, 11)
			if got := len(hits(t, ix, "common")); got != 33 {
				t.Errorf("common after a deletion: %d hits, want 33", got)
			}
		})
	}
}

func mustRemove(t *testing.T, path string) {
	t.Helper()
	if err := os.RemoveAll(path); err != nil {
		t.Fatal(err)
	}
}

func mustTruncate(t *testing.T, path string, size int64) {
	t.Helper()
	if err := os.Truncate(path, size); err != nil {
		t.Fatal(err)
	}
}

func mustWrite(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}

// replaceWithDir puts a folder (with a file in it) where path was.
func replaceWithDir(t *testing.T, path string) {
	t.Helper()
	mustRemove(t, path)
	if err := os.MkdirAll(filepath.Join(path, "inside"), 0o700); err != nil {
		t.Fatal(err)
	}
}

// replaceWithFile puts a file of garbage where path was.
func replaceWithFile(t *testing.T, path string) {
	t.Helper()
	mustRemove(t, path)
	mustWrite(t, path, "garbage\x00\xff")
}
