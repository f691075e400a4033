package index

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// An index that lost files (the live index follows deletions) scores like
// a fresh build of the files left: the field statistics count only files
// that are there, not the paths of deleted ones that linger among the
// terms until their segments merge.
func TestDeletedFilesDoNotSkewScores(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	writeFiles(t, lib, manyFiles(12))
	ix := openDir(t, lib, cache)
	mustSync(t, ix)
	for _, name := range []string{"0/n0x.md", "1/n5x.md", "2/n10x.md"} {
		if err := os.Remove(filepath.Join(lib, name)); err != nil {
			t.Fatal(err)
		}
	}
	checkStats(t, mustSync(t, ix), 0, 0, 3, 9)
	fresh := openDir(t, lib, t.TempDir())
	mustSync(t, fresh)
	for _, q := range []string{"common", "n4xs2", "section"} {
		a, err := ix.Search(context.Background(), Request{Query: q, Limit: 5})
		if err != nil {
			t.Fatal(err)
		}
		b, err := fresh.Search(context.Background(), Request{Query: q, Limit: 5})
		if err != nil {
			t.Fatal(err)
		}
		if len(a.Hits) == 0 || len(a.Hits) != len(b.Hits) {
			t.Fatalf("%q: after deletions %d hits, a fresh build %d", q, len(a.Hits), len(b.Hits))
		}
		if a.Hits[0].Score != b.Hits[0].Score {
			t.Errorf("%q: the best hit scores %v after deletions, %v in a fresh build", q, a.Hits[0].Score, b.Hits[0].Score)
		}
	}
}
