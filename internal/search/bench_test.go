package search

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/index"
	"github.com/briefreader/brief/internal/corpus"
	"github.com/briefreader/brief/internal/watch"
)

// Benchmarks run on a generated corpus of BRIEF_BENCH_N briefings (default
// 1000) in BRIEF_BENCH_DIR (default a folder under the temporary
// directory), as the index benchmarks do; see BENCHMARKS.md.

func benchN() int {
	if n, err := strconv.Atoi(os.Getenv("BRIEF_BENCH_N")); err == nil && n > 0 {
		return n
	}
	return 1000
}

func benchDir() string {
	if d := os.Getenv("BRIEF_BENCH_DIR"); d != "" {
		return d
	}
	return filepath.Join(os.TempDir(), "brief-bench")
}

// benchLibrary returns a copy of the corpus of n briefings, made with hard
// links (the benchmark adds files to it), and a cache folder whose index
// of it is built already.
func benchLibrary(b *testing.B, n int) (lib, cache string) {
	b.Helper()
	src := filepath.Join(benchDir(), fmt.Sprintf("corpus-%d", n))
	if _, err := os.Stat(filepath.Join(src, ".complete")); err != nil {
		_ = os.RemoveAll(src)
		if err := corpus.Generate(src, n, corpus.Options{Seed: 1}); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(src, ".complete"), nil, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	lib = filepath.Join(benchDir(), fmt.Sprintf("live-%d", n))
	cache = filepath.Join(benchDir(), fmt.Sprintf("live-%d-cache", n))
	if _, err := os.Stat(filepath.Join(lib, ".complete")); err != nil {
		_ = os.RemoveAll(lib)
		_ = os.RemoveAll(cache)
		err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			to := filepath.Join(lib, path[len(src):])
			if d.IsDir() {
				return os.MkdirAll(to, 0o755)
			}
			return os.Link(path, to)
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	roots, _ := briefings.ResolveRoots([]string{lib})
	ix, err := index.Open(roots, index.Options{Dir: cache, Log: io.Discard})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := ix.Sync(context.Background(), nil); err != nil {
		b.Fatal(err)
	}
	_ = ix.Close()
	return lib, cache
}

// BenchmarkFindableAfterSave measures how long after a briefing is saved
// into the library it is found by a search, with the app's machinery: the
// file watcher reports it, the live service indexes it in the background.
// Each operation is one save; the median and the worst are reported.
func BenchmarkFindableAfterSave(b *testing.B) {
	lib, cache := benchLibrary(b, benchN())
	saves := filepath.Join(lib, "zz-saves")
	_ = os.RemoveAll(saves)
	if err := os.MkdirAll(saves, 0o755); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = os.RemoveAll(saves) })
	roots, _ := briefings.ResolveRoots([]string{lib})
	s, err := Open(context.Background(), Options{Roots: roots, Index: index.Options{Dir: cache, Log: io.Discard}, Live: true})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	w, err := watch.New([]string{lib}, briefings.IsBriefingName)
	if err != nil {
		b.Fatal(err)
	}
	defer w.Close()
	go func() {
		for paths := range w.Events() {
			s.Changed(paths) // as the app does with what the watcher reports
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
	defer cancel()
	for u, ok := s.NextUpdate(ctx); ok && !u.Synced; u, ok = s.NextUpdate(ctx) {
	}

	var took []time.Duration
	b.ResetTimer()
	for i := range b.N {
		word := fmt.Sprintf("zqsaved%dx", i)
		text := fmt.Sprintf("---\ntitle: Saved %d\n---\n\n## Notes\n\nThe word %s is new.\n", i, word)
		start := time.Now()
		if err := os.WriteFile(filepath.Join(saves, fmt.Sprintf("save-%d.md", i)), []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
		for {
			u, ok := s.NextUpdate(ctx)
			if !ok {
				b.Fatal("no update")
			}
			if !u.Synced || !u.Changed {
				continue
			}
			ans, err := s.Search(ctx, index.Request{Query: word, NoTagCounts: true})
			if err != nil {
				b.Fatal(err)
			}
			if ans.Results.Total == 1 {
				break
			}
		}
		took = append(took, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "median-ms")
	b.ReportMetric(float64(took[len(took)-1].Microseconds())/1000, "worst-ms")
}

// BenchmarkQuickScan measures a quick scan of the whole corpus (the answer
// beside another brief that builds the index) for a word and a phrase.
func BenchmarkQuickScan(b *testing.B) {
	lib, _ := benchLibrary(b, benchN())
	roots, _ := briefings.ResolveRoots([]string{lib})
	looked, files := 0, 0
	b.ResetTimer()
	for i := range b.N {
		q := "lithium"
		if i%2 == 1 {
			q = `"border talks" minister`
		}
		res := quickScan(context.Background(), roots, index.Request{Query: q}, briefings.LoadOptions{}, time.Minute)
		looked, files = res.looked, res.files
	}
	if looked != files {
		b.Fatalf("looked at %d of %d files", looked, files)
	}
}
