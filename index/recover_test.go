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
// files, says so and waits to be killed; "rebuild" rebuilds as brief index
// --rebuild does and, after the first file, says so and waits for its
// standard input to close; "lock" holds the lock file exclusively, as a
// rebuild does while it renames, until its standard input closes.
func child(mode, lib, cache string) int {
	roots, _ := briefings.ResolveRoots([]string{lib})
	if mode == "lock" {
		base, _ := OwnedDir(cache)
		f, err := os.OpenFile(filepath.Join(base, keyFor(roots[0])+".lock"), os.O_CREATE|os.O_RDWR, 0o600)
		for ok := false; err == nil && !ok; {
			ok, err = tryLock(f)
		}
		if err != nil {
			fmt.Println("error:", err)
			return 1
		}
		fmt.Println("ready")
		_, _ = io.Copy(io.Discard, os.Stdin)
		return 0
	}
	ix, err := Open(roots, Options{Dir: cache, Log: io.Discard, SharedOnly: mode == "rebuild", Purpose: "brief index --rebuild"})
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
	case "rebuild":
		testHookAfterFile = func(done int) {
			if done == 1 {
				fmt.Println("ready")
				_, _ = io.Copy(io.Discard, os.Stdin)
			}
		}
		if _, err := ix.Rebuild(context.Background(), nil); err != nil {
			fmt.Println("error:", err)
			return 1
		}
		_ = ix.Close()
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
	idx, err := bleve.OpenUsing(dir, scorchConfig(false))
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
