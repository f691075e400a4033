package search

import (
	"context"
	"io"
	"testing"
	"time"

	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/index"
)

// benchSaved are 20 saved searches of the kinds people keep: a topic with
// filters, a phrase, a tag or two.
var benchSaved = []string{
	"minister tag:politics", "border talks", `"central bank"`, "tag:energy", "tag:europe,balkans",
	"harvest drought", "pipeline gas tag:energy", "election date:2024", "refugees camp aid", "missile drone",
	`"supply lines" tag:defence`, "inflation loan folder:003", "court judge verdict", "vaccine", "treaty -trade",
	"prime minister date:2023..2024", "census survey", "tag:climate tag:analysis", "reactor", "satellite launch",
}

// BenchmarkCountNew measures counting the sections new to 20 saved
// searches, each last opened in June 2024, as the library screen does off
// the UI goroutine. One operation counts all 20.
func BenchmarkCountNew(b *testing.B) {
	lib, cache := benchLibrary(b, benchN())
	roots, _ := briefings.ResolveRoots([]string{lib})
	s, err := Open(context.Background(), Options{Roots: roots, Index: index.Options{Dir: cache, Log: io.Discard}})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	since := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
	saved := make([]Saved, len(benchSaved))
	for i, q := range benchSaved {
		saved[i] = Saved{Query: q, Since: since}
	}
	var total uint64
	for b.Loop() {
		total = 0
		for _, c := range s.CountNew(context.Background(), saved) {
			if c.Err != nil || c.QueryError != nil {
				b.Fatal(c.Err, c.QueryError)
			}
			total += c.New
		}
	}
	b.ReportMetric(float64(total), "new-sections")
}
