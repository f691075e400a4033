//go:build !unix

package index

import "os"

// Without flock, renames are not guarded against other processes; bolt's own
// lock still keeps two writers apart.

func lockShared(*os.File) error { return nil }

func tryLockExclusive(*os.File) (bool, error) { return true, nil }

// processAlive cannot tell on this platform; temporary directories of dead
// processes are then left for the user to clear.
func processAlive(int) bool { return true }
