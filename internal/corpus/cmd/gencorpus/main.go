// Command gencorpus writes a deterministic library of generated briefings,
// for benchmarks and manual testing:
//
//	go run ./internal/corpus/cmd/gencorpus -n 10000 -o DIR [-long] [-langs en,ko,zh,fr] [-seed 1]
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/briefreader/brief/internal/corpus"
)

func main() {
	n := flag.Int("n", 1000, "number of briefings")
	out := flag.String("o", "", "output folder (required)")
	long := flag.Bool("long", false, "long briefings (8–14 sections of 4–10 paragraphs)")
	langs := flag.String("langs", "en", "comma-separated languages: "+strings.Join(corpus.Languages, ","))
	seed := flag.Uint64("seed", 1, "seed; the same seed gives the same briefings")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: gencorpus -n N -o DIR [-long] [-langs en,ko,zh,fr] [-seed S]")
		os.Exit(2)
	}
	opts := corpus.Options{Seed: *seed, Long: *long}
	for _, l := range strings.Split(*langs, ",") {
		if l = strings.TrimSpace(l); l != "" {
			opts.Langs = append(opts.Langs, l)
		}
	}
	start := time.Now()
	if err := corpus.Generate(*out, *n, opts); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
	fmt.Printf("wrote %d briefings to %s in %.1fs\n", *n, *out, time.Since(start).Seconds())
}
