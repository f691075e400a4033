package watch

import (
	"slices"
	"time"
)

const (
	quietPeriod = 150 * time.Millisecond // deliver once nothing has changed for this long
	maxWait     = time.Second            // but never hold a change longer than this
)

// batch gathers changed paths until they are due: after a quiet period with
// no new change, or maxWait after the first change, whichever comes first.
// It is a plain value driven by the caller's clock, so it can be tested
// without waiting.
type batch struct {
	quiet, max  time.Duration
	paths       map[string]struct{}
	first, last time.Time
}

func newBatch(quiet, max time.Duration) *batch {
	return &batch{quiet: quiet, max: max, paths: map[string]struct{}{}}
}

// add records paths as changed at now.
func (b *batch) add(now time.Time, paths ...string) {
	if len(paths) == 0 {
		return
	}
	if len(b.paths) == 0 {
		b.first = now
	}
	b.last = now
	for _, p := range paths {
		b.paths[p] = struct{}{}
	}
}

// pending reports whether there is anything to deliver.
func (b *batch) pending() bool { return len(b.paths) > 0 }

// due returns when the batch should be delivered; meaningful when pending.
func (b *batch) due() time.Time {
	quiet, max := b.last.Add(b.quiet), b.first.Add(b.max)
	if max.Before(quiet) {
		return max
	}
	return quiet
}

// take empties the batch and returns its paths, sorted.
func (b *batch) take() []string {
	out := make([]string, 0, len(b.paths))
	for p := range b.paths {
		out = append(out, p)
	}
	slices.Sort(out)
	clear(b.paths)
	return out
}

// mergePaths returns the sorted union of two sorted path lists.
func mergePaths(a, b []string) []string {
	if len(a) == 0 {
		return b
	}
	out := slices.Concat(a, b)
	slices.Sort(out)
	return slices.Compact(out)
}
