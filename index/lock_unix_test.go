//go:build unix

package index

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// A failed upgrade keeps the shared lock: flock(2) drops it on a failed
// conversion, and a process using the index directory must keep it, or
// another could move the directory away under it.
func TestFailedUpgradeKeepsSharedLock(t *testing.T) {
	name := filepath.Join(t.TempDir(), "lock")
	open := func() *os.File {
		f, err := os.OpenFile(name, os.O_CREATE|os.O_RDWR, 0o600)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = f.Close() })
		return f
	}
	a, b, c := open(), open(), open()
	for _, f := range []*os.File{a, b} {
		if err := lockShared(context.Background(), f, time.Second); err != nil {
			t.Fatal(err)
		}
	}
	if ok, err := tryLockExclusive(a); ok || err != nil {
		t.Fatalf("upgrade beside another holder: %v, %v", ok, err)
	}
	_ = b.Close()
	if err := flock(c, syscall.LOCK_EX|syscall.LOCK_NB); err == nil {
		t.Fatal("a third process took the lock from a holder")
	}
	if ok, err := tryLockExclusive(a); !ok || err != nil {
		t.Fatalf("upgrade alone: %v, %v", ok, err)
	}
}
