package index

import (
	"context"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"testing"
	"time"
)

// benchScreenRequests are what the search screen asks when the user changes
// a filter or the sort of a query on screen: the first page (50 hits with
// snippets, no tag counts), the last word typed as a prefix.
var benchScreenRequests = []Request{
	{Query: "minister tag:politics"},
	{Query: "minister tag:politics tag:europe"},
	{Query: "minister tag:politics,europe,energy"},
	{Query: "border talks folder:003"},
	{Query: "border talks folder:003 date:2024"},
	{Query: "border talks date:2022..2023 lang:en"},
	{Query: "harvest", Sort: SortNewest},
	{Query: "harvest", Sort: SortOldest},
	{Query: "harvest tag:agriculture", Sort: SortNewest},
	{Query: "prime minister tag:politics OR tag:elections", Sort: SortOldest},
	{Query: `"central bank" author:"Clara Quiroga"`},
	{Query: "government", Sort: SortNewest}, // a quarter of all sections, by date
}

// benchBaseRequests are the same queries without filters or sorts, for
// comparison (BenchmarkFilterSortEach/base-).
var benchBaseRequests = []Request{
	{Query: "minister"}, {Query: "minister "}, {Query: "border talks"}, {Query: "harvest"}, {Query: "prime minister"}, {Query: `"central bank"`}, {Query: "government"},
}

// BenchmarkFilterSort measures what changing a filter or the sort of a
// query costs: the search for the first page of hits, as the screen runs
// it. "over-frame" counts searches longer than a frame at 60 Hz (16.7 ms).
func BenchmarkFilterSort(b *testing.B) {
	lib := benchCorpus(b, benchN())
	cache := builtIndex(b, lib)
	ix := openBench(b, lib, cache)
	defer ix.Close()
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var times, cpu []time.Duration
	var hits uint64
	i := 0
	for b.Loop() {
		req := benchScreenRequests[i%len(benchScreenRequests)]
		req.Limit, req.NoTagCounts, req.AsYouType = 50, true, true
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
	reportLatency(b, times, cpu)
	b.ReportMetric(float64(hits)/float64(len(times)), "hits/query")
}

// BenchmarkFacets measures counting the facets (tags, folders, languages,
// authors, years) and the sections of 20 briefings, which the screen asks
// for once the hits are shown.
func BenchmarkFacets(b *testing.B) {
	lib := benchCorpus(b, benchN())
	cache := builtIndex(b, lib)
	ix := openBench(b, lib, cache)
	defer ix.Close()
	first, err := ix.Search(context.Background(), Request{Query: "minister", Limit: 20})
	if err != nil {
		b.Fatal(err)
	}
	var paths []string
	for _, h := range first.Hits {
		paths = append(paths, h.Path)
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var times, cpu []time.Duration
	i := 0
	for b.Loop() {
		req := benchScreenRequests[i%len(benchScreenRequests)]
		req.AsYouType = true
		start, startCPU := time.Now(), threadCPUTime()
		if _, err := ix.Facets(context.Background(), req, paths); err != nil {
			b.Fatal(err)
		}
		times = append(times, time.Since(start))
		cpu = append(cpu, threadCPUTime()-startCPU)
		i++
	}
	reportLatency(b, times, cpu)
}

// reportLatency reports the median, 99th percentile and slowest of times
// (and of the thread CPU times), and how many took longer than a frame.
func reportLatency(b *testing.B, times, cpu []time.Duration) {
	slices.Sort(times)
	slices.Sort(cpu)
	b.ReportMetric(float64(times[len(times)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(times[len(times)*99/100].Microseconds()), "p99-µs")
	b.ReportMetric(float64(times[len(times)-1].Microseconds()), "max-µs")
	b.ReportMetric(float64(cpu[len(cpu)/2].Microseconds()), "p50-cpu-µs")
	b.ReportMetric(float64(cpu[len(cpu)*99/100].Microseconds()), "p99-cpu-µs")
	over := 0
	for _, t := range times {
		if t > time.Second/60 {
			over++
		}
	}
	b.ReportMetric(float64(over)/float64(len(times)), "over-frame")
}

// BenchmarkFilterSortEach is BenchmarkFilterSort request by request.
func BenchmarkFilterSortEach(b *testing.B) {
	lib := benchCorpus(b, benchN())
	cache := builtIndex(b, lib)
	ix := openBench(b, lib, cache)
	defer ix.Close()
	named := map[string]Request{}
	for i, req := range benchScreenRequests {
		named[fmt.Sprintf("%02d", i)] = req
	}
	for i, req := range benchBaseRequests {
		named[fmt.Sprintf("base-%d", i)] = req
	}
	names := slices.Sorted(maps.Keys(named))
	for _, name := range names {
		req := named[name]
		b.Run(name, func(b *testing.B) {
			req.Limit, req.NoTagCounts, req.AsYouType = 50, true, true
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			var times, cpu []time.Duration
			for b.Loop() {
				start, startCPU := time.Now(), threadCPUTime()
				if _, err := ix.Search(context.Background(), req); err != nil {
					b.Fatal(err)
				}
				times = append(times, time.Since(start))
				cpu = append(cpu, threadCPUTime()-startCPU)
			}
			reportLatency(b, times, cpu)
		})
	}
}
