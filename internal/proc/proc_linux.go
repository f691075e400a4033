package proc

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// State says what a process is doing, from /proc/PID/stat: Running,
// Stopped and so on; "" when it cannot tell.
func State(pid int) string {
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
		return Running
	case "T":
		return Stopped
	case "t":
		return StoppedByTracer
	case "Z", "X":
		return Exited
	}
	return ""
}

// Name is the name of a process's program, from /proc/PID/comm; "" when
// it cannot tell.
func Name(pid int) string {
	data, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "comm"))
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(data))
}
