package cli

import (
	"os"
	"path/filepath"
	"testing"
)

// TestManPagesAreCurrent checks the man pages in docs/man against the
// command tree; regenerate them with: go run . man docs/man
func TestManPagesAreCurrent(t *testing.T) {
	dir := t.TempDir()
	if _, errOut, code := run(t, "man", dir); code != 0 {
		t.Fatalf("brief man: %s", errOut)
	}
	generated, _ := filepath.Glob(filepath.Join(dir, "*.1"))
	if len(generated) < 5 {
		t.Fatalf("only %d pages generated", len(generated))
	}
	for _, g := range generated {
		want, _ := os.ReadFile(g)
		got, err := os.ReadFile(filepath.Join("..", "..", "docs", "man", filepath.Base(g)))
		if err != nil || string(got) != string(want) {
			t.Errorf("docs/man/%s is missing or stale; run: go run . man docs/man", filepath.Base(g))
		}
	}
}
