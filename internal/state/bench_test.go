package state

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkOpenHugeStateFile measures Open over a 40 MiB state file: the
// file is moved aside and the entries of its first 32 MiB salvaged.
func BenchmarkOpenHugeStateFile(b *testing.B) {
	var sb bytes.Buffer
	sb.WriteString(`{"version": 1, "briefings": {`)
	for i := 0; sb.Len() < 40<<20; i++ {
		if i > 0 {
			sb.WriteString(",\n")
		}
		fmt.Fprintf(&sb, `"/lib/%08d.md": {"position": {"anchor": "s%d", "fraction": 0.5, "updated": "2026-11-01T10:00:00Z"}}`, i, i)
	}
	sb.WriteString("}}\n")
	for b.Loop() {
		b.StopTimer()
		dir := b.TempDir()
		if err := os.WriteFile(filepath.Join(dir, stateFile), sb.Bytes(), 0o600); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, warnings, err := Open(dir); err != nil || len(warnings) != 1 {
			b.Fatalf("Open: %q, %v", warnings, err)
		}
	}
}
