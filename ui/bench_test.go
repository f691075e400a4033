package ui

import (
	"context"
	"fmt"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/index"
	"github.com/briefreader/brief/internal/catalog"
	"github.com/briefreader/brief/internal/corpus"
	"github.com/briefreader/brief/internal/render"
	"github.com/briefreader/brief/internal/search"
)

// longBriefing writes a briefing of about size bytes: sections of a few
// paragraphs and a list each.
func longBriefing(size int) string {
	var sb strings.Builder
	sb.WriteString("---\ntitle: Long\n---\nLead.\n\n")
	for i := 0; sb.Len() < size; i++ {
		fmt.Fprintf(&sb, "## Section %d\n\n", i+1)
		for p := range 3 {
			fmt.Fprintf(&sb, "Paragraph %d of section %d talks about supply lines, depots and the front, "+
				"and about what the coming months may bring for the region and its neighbours.\n\n", p+1, i+1)
		}
		sb.WriteString("- one point\n- another point that is a little longer\n\n")
	}
	return sb.String()
}

// BenchmarkScroll measures one scroll key press (Update and View) in a
// fully rendered briefing: the cost must not grow with the briefing.
func BenchmarkScroll(b *testing.B) {
	for _, size := range []int{5 << 10, 5 << 20} {
		b.Run(fmt.Sprintf("%dKB", size>>10), func(b *testing.B) {
			br, err := briefings.Parse("long.md", []byte(longBriefing(size)))
			if err != nil {
				b.Fatal(err)
			}
			r := newReader(br, newStyles(true), nil, "dark", 100)
			drive(r, r.setSize(120, 40))
			if !r.doc.complete() {
				b.Fatal("not rendered")
			}
			press(r, "5")
			down, up := keyMsg("j"), keyMsg("k")
			b.ResetTimer()
			for i := range b.N {
				if i%2 == 0 {
					r.update(down)
				} else {
					r.update(up)
				}
				_ = r.view()
			}
		})
	}
}

// BenchmarkLibrary40k measures showing and filtering a library of 40,000
// entries: setting the list, drawing it, and one filter keystroke.
func BenchmarkLibrary40k(b *testing.B) {
	entries := make([]briefings.Entry, 40000)
	for i := range entries {
		entries[i] = briefings.Entry{Path: fmt.Sprintf("/lib/%05d.md", i), RelPath: fmt.Sprintf("%05d.md", i),
			Title: fmt.Sprintf("Briefing number %d on trade and energy", i), Tags: []string{"trade", "energy"}, Sections: 5, Words: 900}
	}
	c := &catalog.Catalog{Entries: entries}
	b.Run("show", func(b *testing.B) {
		for range b.N {
			l := newLibrary(newStyles(true))
			l.setSize(120, 40)
			l.setLibrary(c)
			_ = l.view()
		}
	})
	b.Run("filter", func(b *testing.B) {
		targets := make([]string, len(entries))
		for i, e := range entries {
			targets[i] = newLibraryItem(e).FilterValue()
		}
		for range b.N {
			filterItems("e", targets)
		}
	})
}

// BenchmarkFirstScreen measures opening a 5 MB briefing: parsing it, then
// rendering blocks nearest the top until the first 120×40 screen is
// rendered (what the reader does before it shows anything), and for scale
// rendering all of a 500 KB briefing.
func BenchmarkFirstScreen(b *testing.B) {
	text := []byte(longBriefing(5 << 20))
	b.Run("parse-5MB", func(b *testing.B) {
		for range b.N {
			if _, err := briefings.Parse("long.md", text); err != nil {
				b.Fatal(err)
			}
		}
	})
	br, err := briefings.Parse("long.md", text)
	if err != nil {
		b.Fatal(err)
	}
	renderer, err := render.New(render.StyleDark, 100)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("screen-5MB", func(b *testing.B) {
		for range b.N {
			d := newDocument(br, renderer)
			for _, i := range d.renderOrder(0) {
				done, _ := renderBlocks(br, renderer, []int{i}, 0)
				d.apply(done)
				if topRendered(d, 40) {
					break
				}
			}
		}
	})
	small, err := briefings.Parse("long.md", []byte(longBriefing(500<<10)))
	if err != nil {
		b.Fatal(err)
	}
	b.Run("all-500KB", func(b *testing.B) {
		for range b.N {
			d := newDocument(small, renderer)
			done, _ := renderBlocks(small, renderer, d.renderOrder(0), time.Hour)
			d.apply(done)
		}
	})
}

// topRendered reports whether the first n lines of a document are
// rendered.
func topRendered(d *document, n int) bool {
	for i := 0; i <= d.at(n-1).block; i++ {
		if !d.blocks[i].rendered {
			return false
		}
	}
	return true
}

// BenchmarkKeypressWhileReindexing measures key presses on the search
// screen (Update and View, as bubbletea runs them) while the live index
// re-indexes a burst of changed files in the background: every file of a
// library of BRIEF_BENCH_BURST briefings (default 1,000) rewritten at
// once. Each operation is one burst; keys are pressed until it is indexed,
// and the median, 99th percentile and slowest key press are reported, with
// how many took longer than a frame at 60 Hz (16.7 ms).
func BenchmarkKeypressWhileReindexing(b *testing.B) {
	n := 1000
	if v, err := strconv.Atoi(os.Getenv("BRIEF_BENCH_BURST")); err == nil && v > 0 {
		n = v
	}
	lib := b.TempDir()
	if err := corpus.Generate(lib, n, corpus.Options{Seed: 1}); err != nil {
		b.Fatal(err)
	}
	roots, _ := briefings.ResolveRoots([]string{lib})
	svc, err := search.Open(context.Background(), search.Options{
		Roots: roots, Index: index.Options{Dir: b.TempDir(), Log: discardLog{}}, Live: true,
	})
	if err != nil {
		b.Fatal(err)
	}
	defer svc.Close()
	synced := make(chan struct{}, 1)
	go func() {
		for {
			u, ok := svc.NextUpdate(context.Background())
			if !ok {
				return
			}
			if u.Synced {
				synced <- struct{}{}
			}
		}
	}()
	<-synced // the first build

	m := New(Options{Style: "dark", OpenSearch: func() (SearchService, error) { return svc, nil }})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m.Update(libraryLoadedMsg{catalog.Load([]string{lib}, catalog.Options{})})
	m.Update(searchOpenedMsg{svc: svc})
	m.openSearch()
	m.search.input.SetValue("government minister")
	m.Update(m.search.run(false)())
	if len(m.search.hits) < 10 {
		b.Fatalf("%d hits", len(m.search.hits))
	}
	files, _ := briefings.Scan(roots)
	keys := []tea.KeyPressMsg{keyMsg("down"), keyMsg("down"), keyMsg("up"), keyMsg("up")}
	var took []time.Duration
	b.ResetTimer()
	for round := range b.N {
		paths := make([]string, len(files))
		for i, f := range files {
			data, err := os.ReadFile(f.Path)
			if err != nil {
				b.Fatal(err)
			}
			data = append(data, fmt.Sprintf("\nRevised %d.\n", round)...)
			if err := os.WriteFile(f.Path, data, 0o644); err != nil {
				b.Fatal(err)
			}
			paths[i] = f.Path
		}
		svc.Changed(paths)
	press:
		for i := 0; ; i++ {
			select {
			case <-synced:
				break press
			default:
			}
			start := time.Now()
			m.Update(keys[i%len(keys)])
			_ = m.View()
			took = append(took, time.Since(start))
		}
	}
	b.StopTimer()
	slices.Sort(took)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(float64(len(took))/float64(b.N), "keys/burst")
	b.ReportMetric(ms(took[len(took)/2]), "median-ms")
	b.ReportMetric(ms(took[len(took)*99/100]), "p99-ms")
	b.ReportMetric(ms(took[len(took)-1]), "max-ms")
	over := len(took) - sort.Search(len(took), func(i int) bool { return took[i] > time.Second/60 })
	b.ReportMetric(float64(over)/float64(b.N), "over-frame/burst")
}
