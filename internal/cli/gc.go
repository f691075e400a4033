package cli

import (
	"os"
	"runtime/debug"
)

// oneShotGCPercent is the garbage collector's target for a command that
// answers and exits. brief search without a watcher makes a few megabytes
// of garbage per thousand files checked (paths, times, manifest entries),
// all of it dropped a moment later, and Go's default (100) marked that
// heap three or four times per search: about a sixth of the process's CPU
// time on 10,000 briefings. The peak resident size hardly moves, since
// most of it is the index's mapped files (BENCHMARKS.md).
const oneShotGCPercent = 400

// collectLessForOneShot sets oneShotGCPercent for the rest of a command
// that exits when done, unless GOGC says otherwise; the function it
// returns puts the setting back.
func collectLessForOneShot() (restore func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	old := debug.SetGCPercent(oneShotGCPercent)
	return func() { debug.SetGCPercent(old) }
}
