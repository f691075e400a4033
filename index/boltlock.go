package index

import (
	"os"
	"path/filepath"
)

// Who has an index open, read from the lock bolt keeps on its root.bolt:
// without waiting, and without opening the index.

// boltFree reports whether no process has the index in dir open to write
// (its root.bolt locked exclusively), without waiting.
func boltFree(dir string) bool {
	held, known := boltLocked(dir)
	return known && !held
}

// boltHeld reports whether another process has the index at dir open to
// write, without waiting.
func boltHeld(dir string) bool {
	held, known := boltLocked(dir)
	return known && held
}

// boltLocked tells whether a process holds the root.bolt of the index at
// dir locked to write (a reader's shared lock does not count); known is
// false when it cannot tell (no such file, no locks).
func boltLocked(dir string) (held, known bool) {
	f, err := os.Open(filepath.Join(dir, "store", "root.bolt"))
	if err != nil {
		return false, false
	}
	defer f.Close()
	free, err := tryLockShared(f)
	if err != nil {
		return false, false
	}
	if free {
		unlock(f)
	}
	return !free, true
}

// boltUnshared reports whether no process has the index at dir open, not
// even to search: its root.bolt can be locked to write, without waiting.
func boltUnshared(dir string) bool {
	f, err := os.Open(filepath.Join(dir, "store", "root.bolt"))
	if err != nil {
		return false
	}
	defer f.Close()
	free, err := tryLock(f)
	if free {
		unlock(f)
	}
	return err == nil && free
}
