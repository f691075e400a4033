package index

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"
)

// lockHolders returns the ids of the other processes that hold a lock on
// the file at path, from /proc/locks.
func lockHolders(path string) []int {
	var st syscall.Stat_t
	if err := syscall.Stat(path, &st); err != nil {
		return nil
	}
	dev := uint64(st.Dev) //nolint:unconvert // its type differs between architectures
	want := fmt.Sprintf("%02x:%02x:%d", unix.Major(dev), unix.Minor(dev), st.Ino)
	data, err := os.ReadFile("/proc/locks")
	if err != nil {
		return nil
	}
	var pids []int
	seen := map[int]bool{}
	for _, line := range strings.Split(string(data), "\n") {
		// "1: FLOCK  ADVISORY  WRITE 4242 fd:01:1234 0 EOF"; waiters
		// have "->" after the number.
		f := strings.Fields(line)
		if len(f) < 6 || f[1] == "->" || f[5] != want {
			continue
		}
		pid, err := strconv.Atoi(f[4])
		if err != nil || pid <= 0 || pid == os.Getpid() || seen[pid] {
			continue
		}
		seen[pid] = true
		pids = append(pids, pid)
	}
	return pids
}

// lockAccounting reports whether lockHolders can tell who holds a lock.
func lockAccounting() bool {
	_, err := os.Stat("/proc/locks")
	return err == nil
}
