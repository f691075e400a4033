package manpage

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/briefreader/brief/internal/cli"
)

// TestManPagesAreCurrent checks the man pages in docs/man against the
// command tree; regenerate them with: go run ./internal/manpage/genman docs/man
func TestManPagesAreCurrent(t *testing.T) {
	dir := t.TempDir()
	if err := Write(cli.NewRootCommand(cli.StdStreams(), ""), dir); err != nil {
		t.Fatal(err)
	}
	generated, _ := filepath.Glob(filepath.Join(dir, "*.1"))
	if len(generated) < 5 {
		t.Fatalf("only %d pages generated", len(generated))
	}
	for _, g := range generated {
		want, _ := os.ReadFile(g)
		got, err := os.ReadFile(filepath.Join("..", "..", "docs", "man", filepath.Base(g)))
		if err != nil || string(got) != string(want) {
			t.Errorf("docs/man/%s is missing or stale; run: go run ./internal/manpage/genman docs/man", filepath.Base(g))
		}
	}
	checked, _ := filepath.Glob(filepath.Join("..", "..", "docs", "man", "*.1"))
	if len(checked) != len(generated) {
		t.Errorf("docs/man has %d pages, the commands %d: remove the stale ones", len(checked), len(generated))
	}
}
