//go:build !linux

package index

import "time"

// threadCPUTime is not measured on this platform.
func threadCPUTime() time.Duration { return 0 }
