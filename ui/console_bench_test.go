package ui

import (
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// reportLatencies reports the median and the 95th percentile of a
// benchmark's latencies, in milliseconds.
func reportLatencies(b *testing.B, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(lat[len(lat)/2]), "median-ms")
	b.ReportMetric(ms(lat[len(lat)*95/100]), "p95-ms")
	b.ReportMetric(ms(lat[len(lat)-1]), "max-ms")
}

// turnPage moves the presenter one page on, or back to the start at the
// end, and returns where it is.
func turnPage(p *presenter) [3]int {
	before := [3]int{p.part, p.page, p.step}
	p.next()
	if [3]int{p.part, p.page, p.step} == before {
		p.moveTo(firstSlide)
	}
	return [3]int{p.part, p.page, p.step}
}

// BenchmarkConsoleFollows measures how long the console takes to show a
// page turn: from the presenter's key to the console holding the new
// page, through the status file and the folder watch, as two brief
// processes do. Run with -benchtime=100x for the median of 100 turns.
func BenchmarkConsoleFollows(b *testing.B) {
	status := filepath.Join(b.TempDir(), "brief", "presenting.json")
	p, _ := newTestPresenter(b, sampleBriefing(b, "ukraine"), -1, 120, 40, PresentOptions{StatusPath: status})
	c := newConsoleModel(ConsoleOptions{StatusPath: status})
	c.follow()
	defer c.stop()
	var lat []time.Duration
	b.ResetTimer()
	for range b.N {
		start := time.Now()
		at := turnPage(p)
		for {
			select {
			case <-c.changes:
			case <-time.After(5 * time.Second):
				b.Fatal("the console saw no change within 5 s")
			}
			c.refresh()
			s := c.status
			if s.Section+1 == at[0] && s.Page == at[1]+1 && s.Step == at[2]+1 {
				break
			}
		}
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	reportLatencies(b, lat)
}

// BenchmarkConsoleDrives measures the other way: from a key in the
// console to the presenter having turned the page and shared it.
func BenchmarkConsoleDrives(b *testing.B) {
	status := filepath.Join(b.TempDir(), "brief", "presenting.json")
	p, _ := newTestPresenter(b, sampleBriefing(b, "ukraine"), -1, 120, 40, PresentOptions{StatusPath: status})
	wait := p.listen()
	defer p.end()
	c := newConsoleModel(ConsoleOptions{StatusPath: status})
	c.refresh()
	defer c.stop()
	var lat []time.Duration
	b.ResetTimer()
	for range b.N {
		if p.part == len(p.deck.parts)-1 {
			p.moveTo(firstSlide)
			c.refresh()
		}
		start := time.Now()
		c.key(keyMsg("space"))
		msg, ok := runCmd(b, wait).(consoleCommandsMsg)
		if !ok {
			b.Fatal("the link closed")
		}
		wait = firstCmd(cmdOf(p.update(msg)))
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	reportLatencies(b, lat)
}
