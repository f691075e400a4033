//go:build unix

package index

import (
	"errors"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A lock file held exclusively (a process stopped while it renamed the
// index) is waited for a bounded time: the index is then busy, saying who
// holds the lock, and in what state; brief index refuses, saying so.
func TestLockHeldByAStoppedProcess(t *testing.T) {
	defer func(d time.Duration) { lockWait = d }(lockWait)
	lockWait = 100 * time.Millisecond
	lib, cache, ix := builtThenShared(t, 2)
	_ = ix.Close()
	cmd, stdin := startChild(t, "lock", lib, cache)
	defer stdin.Close()
	if err := cmd.Process.Signal(syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Signal(syscall.SIGCONT) }()
	pid := strconv.Itoa(cmd.Process.Pid)

	start := time.Now()
	reader := openDir(t, lib, cache)
	busy := reader.Busy()
	if len(busy) != 1 || !strings.Contains(busy[0].Why, "is locked by") || reader.parts[0].idx != nil {
		t.Fatalf("busy %v, an index open: %v", busy, reader.parts[0].idx != nil)
	}
	if lockAccounting() && !strings.Contains(busy[0].Why, "(pid "+pid+", stopped)") {
		t.Errorf("the holder is not named: %q", busy[0].Why)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("Open waited %s for a stopped process", took) // a hang, not a speed test
	}
	_, err := openShared(t, lib, cache)
	var inUse *InUseError
	if !errors.As(err, &inUse) {
		t.Fatalf("brief index: %v", err)
	}
}
