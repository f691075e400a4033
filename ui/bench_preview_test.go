package ui

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/index"
	"github.com/briefreader/brief/internal/search"
)

// BenchmarkPreview measures how long the preview of a hit in a 5 MB
// briefing (13,000 sections) takes to appear after the cursor moves onto
// it, on a 140-column screen: the section fetched from the index, rendered
// at the preview's width, and the screen drawn. Every hit is new to the
// cache. The median, 99th percentile and slowest are reported.
func BenchmarkPreview(b *testing.B) {
	lib := b.TempDir()
	if err := os.WriteFile(filepath.Join(lib, "long.md"), []byte(longBriefing(5<<20)), 0o644); err != nil {
		b.Fatal(err)
	}
	roots, _ := briefings.ResolveRoots([]string{lib})
	svc, err := search.Open(context.Background(), search.Options{Roots: roots, Index: index.Options{Dir: b.TempDir(), Log: discardLog{}}})
	if err != nil {
		b.Fatal(err)
	}
	defer svc.Close()
	if _, err := svc.Sync(context.Background(), nil); err != nil {
		b.Fatal(err)
	}
	s := newSearcher(newStyles(true), nil)
	s.svc = svc
	s.flat = true
	s.setSize(140, 40)
	s.input.SetValue("depots ")
	s.seq++
	s.update(cmdOf(s.update(searchDueMsg{s.seq}))())
	if len(s.rows) < 10 {
		b.Fatalf("%d hits", len(s.rows))
	}
	var took []time.Duration
	for b.Loop() {
		s.preview = newPreviewPane()
		if s.cursor >= len(s.rows)-2 {
			s.cursor = 0
		}
		start := time.Now()
		cmd := s.move(1)
		for _, msg := range runAll(cmd) {
			s.update(msg)
		}
		_ = s.view()
		took = append(took, time.Since(start))
		if _, ok := s.preview.get(s.preview.want); !ok {
			b.Fatal("no preview")
		}
	}
	slices.Sort(took)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(took[len(took)/2]), "median-ms")
	b.ReportMetric(ms(took[len(took)*99/100]), "p99-ms")
	b.ReportMetric(ms(took[len(took)-1]), "max-ms")
}
