package watch

import (
	"slices"
	"testing"
	"time"
)

var t0 = time.Date(2026, 11, 3, 9, 0, 0, 0, time.UTC)

func TestBatchWaitsForQuiet(t *testing.T) {
	b := newBatch(150*time.Millisecond, time.Second)
	if b.pending() {
		t.Fatal("new batch is pending")
	}
	b.add(t0, "/a.md")
	b.add(t0.Add(100*time.Millisecond), "/b.md", "/a.md")
	if got, want := b.due(), t0.Add(250*time.Millisecond); !got.Equal(want) {
		t.Fatalf("due %v, want %v (150 ms after the last change)", got.Sub(t0), want.Sub(t0))
	}
	if got := b.take(); !slices.Equal(got, []string{"/a.md", "/b.md"}) {
		t.Fatalf("take = %q, want sorted and de-duplicated", got)
	}
	if b.pending() {
		t.Fatal("batch still pending after take")
	}
	b.add(t0.Add(time.Hour))
	if b.pending() {
		t.Fatal("adding no paths made the batch pending")
	}
}

// Under constant churn, a batch is still delivered at least every maxWait.
func TestBatchDeliversUnderChurn(t *testing.T) {
	b := newBatch(150*time.Millisecond, time.Second)
	delivered := []time.Time{}
	for step := range 300 { // a change every 50 ms for 15 s
		now := t0.Add(time.Duration(step) * 50 * time.Millisecond)
		if b.pending() && !now.Before(b.due()) {
			b.take()
			delivered = append(delivered, now)
		}
		b.add(now, "/churn.md")
	}
	if len(delivered) < 14 {
		t.Fatalf("%d deliveries in 15 s of churn: %v", len(delivered), delivered)
	}
	prev := t0
	for _, d := range delivered {
		if gap := d.Sub(prev); gap > time.Second+50*time.Millisecond {
			t.Fatalf("gap of %v between deliveries", gap)
		}
		prev = d
	}
}

func TestMergePaths(t *testing.T) {
	got := mergePaths([]string{"/a", "/c"}, []string{"/b", "/c"})
	if !slices.Equal(got, []string{"/a", "/b", "/c"}) {
		t.Fatalf("mergePaths = %q", got)
	}
}
