package index

import (
	"fmt"
	"os"
	"path/filepath"
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

// processState says what a process is doing, from /proc/PID/stat:
// "running", "stopped" and so on; "" when it cannot tell.
func processState(pid int) string {
	data, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	if err != nil {
		return ""
	}
	// "4242 (brief) T ...": the name may hold anything, so the state is
	// the first field after its last parenthesis.
	i := strings.LastIndexByte(string(data), ')')
	if i < 0 {
		return ""
	}
	fields := strings.Fields(string(data[i+1:]))
	if len(fields) == 0 {
		return ""
	}
	switch fields[0] {
	case "R", "S", "I", "D":
		return "running"
	case "T":
		return "stopped"
	case "t":
		return "stopped by a debugger"
	case "Z", "X":
		return "exited"
	}
	return ""
}

// processName is the name of a process's program, from /proc/PID/comm.
func processName(pid int) string {
	data, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "comm"))
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(data))
}

// lockAccounting reports whether lockHolders can tell who holds a lock.
func lockAccounting() bool {
	_, err := os.Stat("/proc/locks")
	return err == nil
}
