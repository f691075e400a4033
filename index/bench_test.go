package index

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/internal/corpus"
)

// Benchmarks run on a generated corpus of BRIEF_BENCH_N briefings (default
// 1000), kept between runs in BRIEF_BENCH_DIR (default a folder under the
// temporary directory). See BENCHMARKS.md for the commands and results.

func benchN() int {
	if n, err := strconv.Atoi(os.Getenv("BRIEF_BENCH_N")); err == nil && n > 0 {
		return n
	}
	return 1000
}

var corpusOnce sync.Map

// benchCorpus returns the folder of the benchmark corpus, generating it the
// first time.
func benchCorpus(b *testing.B, n int) string {
	base := os.Getenv("BRIEF_BENCH_DIR")
	if base == "" {
		base = filepath.Join(os.TempDir(), "brief-bench")
	}
	dir := filepath.Join(base, fmt.Sprintf("corpus-%d", n))
	once, _ := corpusOnce.LoadOrStore(dir, &sync.Once{})
	once.(*sync.Once).Do(func() {
		if _, err := os.Stat(filepath.Join(dir, ".complete")); err == nil {
			return
		}
		_ = os.RemoveAll(dir)
		if err := corpus.Generate(dir, n, corpus.Options{Seed: 1}); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, ".complete"), nil, 0o644); err != nil {
			b.Fatal(err)
		}
	})
	return dir
}

// corpusSections loads the corpus and turns it into section documents, as
// the bare bleve baseline indexes them.
func corpusSections(b *testing.B, dir string) (ids []string, docs []sectionDoc, bytes int64) {
	lib := briefings.Load([]string{dir}, briefings.LoadOptions{})
	for _, br := range lib.Briefings {
		bytes += br.Size
		for _, d := range sectionDocs(br) {
			ids = append(ids, sectionID(br.Path, d.Anchor))
			docs = append(docs, d)
		}
	}
	return ids, docs, bytes
}

func dirSize(dir string) int64 {
	var n int64
	_ = filepath.Walk(dir, func(_ string, info os.FileInfo, err error) error {
		if err == nil && info.Mode().IsRegular() {
			n += info.Size()
		}
		return nil
	})
	return n
}

// BenchmarkBuild compares a full Sync of the corpus (read, parse, extract
// text, manifest, index) with a bare bleve batch index of the same
// sections, prepared in memory beforehand, with the same mapping
// ("bleve-same-mapping") and with bleve's default mapping. Every iteration
// runs all three, one after the other, so that they share the machine's
// conditions; "overhead-%" is brief's extra time over bleve-same-mapping.
func BenchmarkBuild(b *testing.B) {
	dir := benchCorpus(b, benchN())
	ids, docs, total := corpusSections(b, dir)
	variants := []struct {
		name  string
		build func(b *testing.B) (time.Duration, int64)
	}{
		{"brief", func(b *testing.B) (time.Duration, int64) { return buildBrief(b, dir) }},
		{"bleve-same-mapping", func(b *testing.B) (time.Duration, int64) {
			m, err := newMapping()
			if err != nil {
				b.Fatal(err)
			}
			return buildBare(b, m, ids, docs)
		}},
		{"bleve-default-mapping", func(b *testing.B) (time.Duration, int64) {
			return buildBare(b, bleve.NewIndexMapping(), ids, docs)
		}},
	}
	elapsed := make([]time.Duration, len(variants))
	cpu := make([]time.Duration, len(variants))
	sizes := make([]int64, len(variants))
	for b.Loop() {
		for i, v := range variants {
			before := cpuTime()
			d, size := v.build(b)
			cpu[i] += cpuTime() - before
			elapsed[i] += d
			sizes[i] = size
		}
	}
	for i, v := range variants {
		secs := elapsed[i].Seconds() / float64(b.N)
		b.ReportMetric(float64(len(docs))/secs, v.name+"-sections/s")
		b.ReportMetric(float64(total)/secs/1e6, v.name+"-MB/s")
		b.ReportMetric(cpu[i].Seconds()/float64(b.N), v.name+"-cpu-s")
		b.ReportMetric(float64(sizes[i])/1e6, v.name+"-index-MB")
	}
	// Other work on the machine makes wall-clock times noisy; CPU time
	// (user+system of this process) is the steadier comparison.
	b.ReportMetric(100*(elapsed[0].Seconds()/elapsed[1].Seconds()-1), "overhead-wall-%")
	b.ReportMetric(100*(cpu[0].Seconds()/cpu[1].Seconds()-1), "overhead-cpu-%")
	b.ReportMetric(float64(len(docs)), "sections")
	b.ReportMetric(float64(total)/1e6, "corpus-MB")
}

// buildBrief syncs the corpus into a new index; it returns the time the
// sync took and the size of the index.
func buildBrief(b *testing.B, dir string) (time.Duration, int64) {
	cache := b.TempDir()
	ix := openBench(b, dir, cache)
	start := time.Now()
	if _, err := ix.Sync(context.Background(), nil); err != nil {
		b.Fatal(err)
	}
	d := time.Since(start)
	_ = ix.Close()
	size := dirSize(cache)
	_ = os.RemoveAll(cache)
	return d, size
}

// buildBare indexes prepared documents with bleve alone, in batches of the
// same size, waiting for the data to be persisted as Sync does.
func buildBare(b *testing.B, m mapping.IndexMapping, ids []string, docs []sectionDoc) (time.Duration, int64) {
	path := filepath.Join(b.TempDir(), "idx")
	idx, err := bleve.NewUsing(path, m, scorch.Name, scorch.Name, scorchConfig(false))
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	batch := idx.NewBatch()
	for i := range docs {
		if err := batch.Index(ids[i], docs[i]); err != nil {
			b.Fatal(err)
		}
		if batch.Size() >= batchSections {
			if err := idx.Batch(batch); err != nil {
				b.Fatal(err)
			}
			batch = idx.NewBatch()
		}
	}
	done := make(chan error, 1)
	batch.SetPersistedCallback(func(err error) { done <- err })
	if err := idx.Batch(batch); err != nil {
		b.Fatal(err)
	}
	if err := <-done; err != nil {
		b.Fatal(err)
	}
	d := time.Since(start)
	_ = idx.Close()
	size := dirSize(path)
	_ = os.RemoveAll(path)
	return d, size
}

func openBench(b *testing.B, lib, cache string) *Index {
	roots, _ := briefings.ResolveRoots([]string{lib})
	ix, err := Open(roots, Options{Dir: cache, Log: io.Discard})
	if err != nil {
		b.Fatal(err)
	}
	return ix
}

// builtIndex returns a cache folder holding the synced index of the corpus,
// built once per run.
var built sync.Map

// With BRIEF_BENCH_INDEX set, the index is kept in that folder between
// runs (and brought up to date by the sync).
func builtIndex(b *testing.B, lib string) string {
	key := lib
	if v, ok := built.Load(key); ok {
		return v.(string)
	}
	cache := os.Getenv("BRIEF_BENCH_INDEX")
	var err error
	if cache == "" {
		cache, err = os.MkdirTemp("", "brief-bench-index")
	}
	if err != nil {
		b.Fatal(err)
	}
	ix := openBench(b, lib, cache)
	if _, err := ix.Sync(context.Background(), nil); err != nil {
		b.Fatal(err)
	}
	_ = ix.Close()
	built.Store(key, cache)
	return cache
}

// removeBuiltIndexes deletes the indexes builtIndex made.
func removeBuiltIndexes() {
	built.Range(func(_, v any) bool {
		if v.(string) == os.Getenv("BRIEF_BENCH_INDEX") {
			return true // kept on purpose
		}
		_ = os.RemoveAll(v.(string))
		return true
	})
}

// BenchmarkNoChangeSync measures a sync that finds nothing to do: with the
// index open (Sync), and as a process would (Open, Sync, Close).
func BenchmarkNoChangeSync(b *testing.B) {
	lib := benchCorpus(b, benchN())
	cache := builtIndex(b, lib)
	b.Run("sync", func(b *testing.B) {
		ix := openBench(b, lib, cache)
		defer ix.Close()
		before := cpuTime()
		for b.Loop() {
			st, err := ix.Sync(context.Background(), nil)
			if err != nil || st.Unchanged != st.Files {
				b.Fatalf("%+v %v", st, err)
			}
		}
		b.ReportMetric(float64((cpuTime()-before).Milliseconds())/float64(b.N), "cpu-ms/op")
	})
	b.Run("open-sync-close", func(b *testing.B) {
		before := cpuTime()
		for b.Loop() {
			ix := openBench(b, lib, cache)
			if _, err := ix.Sync(context.Background(), nil); err != nil {
				b.Fatal(err)
			}
			_ = ix.Close()
		}
		b.ReportMetric(float64((cpuTime()-before).Milliseconds())/float64(b.N), "cpu-ms/op")
	})
}

// benchQueries are queries by kind, over words of the generated corpus.
var benchQueries = map[string][]string{
	"word":        {"minister", "harvest", "vaccine", "treaty", "pipeline", "reactor", "verdict", "orchard", "satellite", "pension"},
	"and":         {"border talks minister", "prime minister election", "troops front line", "bank inflation loan", "drought harvest farmers", "court judge verdict", "refugees camp aid", "missile drone army", "census survey poll", "pipeline gas energy"},
	"phrase":      {`"supply lines"`, `"central bank"`, `"front line"`, `"border talks"`, `"human rights"`, `"power grid"`, `"food prices"`, `"peace talks"`, `"trade deal"`, `"state media"`},
	"fuzzy":       {"goverment~", "ministr~", "electoin~2", "harvets~2", "vacine~", "treety~", "pipline~", "satelite~", "refugess~", "inflaton~"},
	"prefix":      {"negot*", "elect*", "min*", "harv*", "vacc*", "sate*", "pens*", "refug*", "infla*", "drou*"},
	"as-you-type": {"prime minis", "border ta", "central ba", "front li", "supply li", "human ri", "food pr", "trade de", "peace ta", "power gr"},
}

// BenchmarkQuery reports latency percentiles per query kind on the corpus,
// with 20 hits and their snippets, as the search screen asks (without tag
// counts, which it asks for after the hits are shown), and with tag counts
// in the same search, as brief search --json asks ("tags/").
func BenchmarkQuery(b *testing.B) {
	lib := benchCorpus(b, benchN())
	kinds := make([]string, 0, len(benchQueries))
	for k := range benchQueries {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	cache := builtIndex(b, lib)
	for _, variant := range []string{"", "tags/"} {
		for _, kind := range kinds {
			b.Run(variant+kind, func(b *testing.B) {
				ix := openBench(b, lib, cache)
				defer ix.Close()
				queries := benchQueries[kind]
				var times, cpu []time.Duration
				var hits uint64
				i := 0
				// The search runs on this goroutine (one index: the
				// alias calls it directly), so the thread's CPU time
				// is the query's, whatever else runs on the machine.
				runtime.LockOSThread()
				defer runtime.UnlockOSThread()
				for b.Loop() {
					req := Request{Query: queries[i%len(queries)], AsYouType: kind == "as-you-type", NoTagCounts: variant != "tags/"}
					start, startCPU := time.Now(), threadCPUTime()
					res, err := ix.Search(context.Background(), req)
					times = append(times, time.Since(start))
					cpu = append(cpu, threadCPUTime()-startCPU)
					if err != nil {
						b.Fatal(err)
					}
					hits += res.Total
					i++
				}
				sort.Slice(times, func(a, c int) bool { return times[a] < times[c] })
				sort.Slice(cpu, func(a, c int) bool { return cpu[a] < cpu[c] })
				b.ReportMetric(float64(times[len(times)/2].Microseconds()), "p50-µs")
				b.ReportMetric(float64(times[len(times)*99/100].Microseconds()), "p99-µs")
				b.ReportMetric(float64(cpu[len(cpu)/2].Microseconds()), "p50-cpu-µs")
				b.ReportMetric(float64(cpu[len(cpu)*99/100].Microseconds()), "p99-cpu-µs")
				b.ReportMetric(float64(hits)/float64(len(times)), "hits/query")
			})
		}
	}
}
