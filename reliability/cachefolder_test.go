package reliability

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestReadOnlyIndexFolder: a complete index in a folder brief cannot write
// (a shared or mounted archive) answers brief search within 2 s, from the
// index as it is: the same hits, never an index rebuilt in memory.
func TestReadOnlyIndexFolder(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to mount a read-only file system")
	}
	lib := generate(t, libSize(300))
	for range rounds(3) {
		countRun(t, "a read-only index folder", func() {
			e := newEnv(t)
			mountTmpfs(t, e.cache, "256m")
			e.mustBrief(t, "-L", lib, "index")
			want := searchJSON(t, e, lib, "lithium")
			if out, err := exec.Command("mount", "-o", "remount,ro", e.cache).CombinedOutput(); err != nil {
				t.Fatalf("remount read-only: %v: %s", err, out)
			}
			for _, args := range [][]string{{"search", "--json"}, {"search", "--json", "--no-sync"}} {
				r := e.brief(t, append(append([]string{"-L", lib}, args...), "lithium")...)
				answered(t, "brief search on a read-only index folder", r.took)
				if d := diffHits(want, decodeHits(t, r.stdout)); d != "" || r.code != 0 {
					t.Errorf("%v: exit %d, %s, stderr %q", args, r.code, d, r.stderr)
				}
				if strings.Contains(r.stderr, "in memory") || !strings.Contains(r.stderr, "in a folder brief cannot write") {
					t.Errorf("%v: stderr %q", args, r.stderr)
				}
			}
		})
	}
}

// TestIndexFolderWithForeignFiles points --index-dir at a folder of the
// user's (with a log over 1 MB called index.log, a file called tmp, and
// folders named like brief's temporary ones): brief index, search,
// --rebuild and --prune work, in a subfolder of brief's own, and not one
// of the user's files is changed or removed.
func TestIndexFolderWithForeignFiles(t *testing.T) {
	lib := generate(t, 20)
	for range rounds(3) {
		countRun(t, "an index folder shared with the user's files (none touched)", func() {
			e := newEnv(t)
			docs := filepath.Join(e.home, "Documents")
			files := map[string]string{
				"notes.md":                      "# My notes\n",
				"index.log":                     strings.Repeat("my own log line\n", 100000),
				"tmp":                           "a file called tmp",
				"tmp2/x.y.1234.z/keep":          "kept",
				"v1-mine-000000000000.lock":     "mine",
				"v1-mine-000000000000/store/fs": "mine",
			}
			for name, text := range files {
				must(t, os.MkdirAll(filepath.Dir(filepath.Join(docs, name)), 0o755))
				must(t, os.WriteFile(filepath.Join(docs, name), []byte(text), 0o644))
			}
			old := time.Now().Add(-60 * 24 * time.Hour)
			must(t, os.Chtimes(filepath.Join(docs, "v1-mine-000000000000"), old, old))
			for _, args := range [][]string{{"index"}, {"search", "government"}, {"index", "--rebuild"}, {"index", "--prune"}, {"list"}} {
				r := e.brief(t, append([]string{"--index-dir", docs, "-L", lib}, args...)...) // every briefing has "government"
				if r.code != 0 {
					t.Errorf("%v: exit %d: %s", args, r.code, r.stderr)
				}
			}
			for name, text := range files {
				if data, err := os.ReadFile(filepath.Join(docs, name)); err != nil || !bytes.Equal(data, []byte(text)) {
					t.Errorf("%s was changed or removed (%v)", name, err)
				}
			}
			entries, _ := os.ReadDir(docs)
			if len(entries) != len(files)+1 { // brief-cache
				var names []string
				for _, e := range entries {
					names = append(names, e.Name())
				}
				t.Errorf("the folder holds %q", names)
			}
		})
	}
}

// manyHeadings writes a briefing of n sections.
func manyHeadings(n int) string {
	var sb strings.Builder
	sb.WriteString("# Many headings\n\n")
	for i := range n {
		fmt.Fprintf(&sb, "## Heading %d\n\nText zqh%dx here.\n\n", i, i)
	}
	return sb.String()
}

// TestFileWithManyHeadings indexes one file of 100,000 headings: brief
// index completes in batches like any other file, under 500 MB of memory,
// the last section is found, and SIGTERM in the middle ends it within a
// second with the index as it was.
func TestFileWithManyHeadings(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	lib := t.TempDir()
	must(t, os.WriteFile(filepath.Join(lib, "many.md"), []byte(manyHeadings(100000)), 0o644))
	countRun(t, "one file with 100,000 headings (brief index under 500 MB)", func() {
		e := newEnv(t)
		cmd := exec.Command(binary, "-L", lib, "index")
		cmd.Env, cmd.Dir = e.environ(), e.home
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		pr := startProc(t, cmd)
		if code := pr.wait(t, 10*hangLimit); code != 0 {
			t.Fatalf("exit %d: %s", code, out.String())
		}
		rss := pr.cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss << 10
		t.Logf("peak RSS %d MB: %s", rss>>20, out.String())
		figure("peak memory of brief index on one file of 100,000 headings", fmt.Sprintf("%d MB", rss>>20))
		if rss > 500<<20 {
			t.Errorf("peak RSS %d MB, want under 500 MB", rss>>20)
		}
		r := e.brief(t, "-L", lib, "search", "--json", "--no-sync", "zqh99999x")
		if hits := decodeHits(t, r.stdout); len(hits) != 1 || hits[0].place != "many.md#heading-99999" {
			t.Errorf("the last section: %v", hits)
		}
	})
	countRun(t, "SIGTERM while indexing one file of 100,000 headings", func() {
		e := newEnv(t)
		p := newPTY(t, 100, 30, true)
		pr := p.start(t, e, nil, "-L", lib, "index")
		// Into the file's batches: some are on disk already.
		deadline := time.Now().Add(hangLimit)
		for len(zaps(e.cache)) < 2 {
			if pr.exited() || time.Now().After(deadline) {
				t.Fatalf("no batch of the file reached the disk: %q", tail(p.output(), 300))
			}
			time.Sleep(5 * time.Millisecond) // poll interval, bounded by the deadline
		}
		start := time.Now()
		must(t, pr.cmd.Process.Signal(syscall.SIGTERM))
		code := pr.wait(t, hangLimit)
		latency("brief index ending on SIGTERM in a file of 100,000 headings", time.Since(start))
		if code != 143 {
			t.Errorf("exit %d", code)
		}
		if time.Since(start) > 5*time.Second {
			t.Errorf("SIGTERM took %s", time.Since(start))
		}
		e.mustBrief(t, "-L", lib, "index")
		r := e.brief(t, "-L", lib, "search", "--json", "--no-sync", "zqh99999x")
		if hits := decodeHits(t, r.stdout); len(hits) != 1 {
			t.Errorf("after the interrupted build: %v", hits)
		}
	})
}

// zaps lists the segment files of the index in cache.
func zaps(cache string) []string {
	var out []string
	for _, dir := range indexDirs(cache) {
		m, _ := filepath.Glob(filepath.Join(dir, "store", "*.zap"))
		out = append(out, m...)
	}
	return out
}
