package index

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// A private copy is made of an index that another process keeps writing.
// Here the writer commits several times while root.bolt is half copied
// (after its meta pages): such a copy joins the meta page of one commit to
// pages of later ones, which scorch opened without noticing; its writer
// then panicked inside a bolt transaction and closing the copy waited
// forever. The copy must be made again, and be whole.
func TestCopyIndexWhileTheOwnerCommits(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	files := map[string]string{}
	for i := range 30 {
		files[fmt.Sprintf("b%02d.md", i)] = briefing(fmt.Sprint(i), 4, "lithium")
	}
	writeFiles(t, lib, files)
	owner := openDir(t, lib, cache)
	mustSync(t, owner)
	src := owner.parts[0].dir
	rootBolt := filepath.Join(src, "store", "root.bolt")

	commits := 0
	testHookBoltCopy = func() {
		if commits > 0 {
			return // once: the next copy is left alone
		}
		before := mustBoltMeta(t, rootBolt)
		for i := range 5 {
			writeFiles(t, lib, map[string]string{fmt.Sprintf("b%02d.md", i): briefing(fmt.Sprint(100+i), 2+i, "lithium changed")})
			mustSync(t, owner)
			commits++
		}
		if mustBoltMeta(t, rootBolt).txid == before.txid {
			t.Fatal("the owner's syncs committed nothing to root.bolt")
		}
	}
	t.Cleanup(func() { testHookBoltCopy = nil })

	work := filepath.Join(t.TempDir(), "copy")
	if err := copyIndex(src, work); err != nil {
		t.Fatalf("copy: %v", err)
	}
	if commits == 0 {
		t.Fatal("the hook did not run: root.bolt was not copied")
	}
	copied := filepath.Join(work, "store", "root.bolt")
	if got, want := mustBoltMeta(t, copied).txid, mustBoltMeta(t, rootBolt).txid; got != want {
		t.Errorf("the copy holds transaction %d of root.bolt, which is at %d now: it was copied while the owner wrote it", got, want)
	}

	// The copy opens, takes a write and closes: scorch persists it at once.
	done := make(chan error, 1)
	go func() {
		idx, err := openIndex(work, owner.parts[0].root, false)
		if err == nil {
			err = idx.SetInternal([]byte("brief:test"), []byte("x"))
			if cerr := closeIndex(idx); err == nil {
				err = cerr
			}
		}
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("open, write and close the copy: %v", err)
		}
	case <-time.After(hangLimit):
		t.Fatalf("open, write and close the copy: not done within %s (a hang)", hangLimit)
	}
}

// hangLimit is how long the tests give an operation that must not hang.
const hangLimit = 30 * time.Second

func mustBoltMeta(t testing.TB, path string) boltMeta {
	t.Helper()
	m, err := boltMetaOf(path)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return m
}

func TestCopyBoltGivesUpOnAFileThatKeepsChanging(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	writeFiles(t, lib, map[string]string{"a.md": briefing("a", 2, "lithium")})
	owner := openDir(t, lib, cache)
	mustSync(t, owner)
	n := 0
	testHookBoltCopy = func() { // a commit during every copy
		n++
		writeFiles(t, lib, map[string]string{"a.md": briefing("a", 2+n%3, fmt.Sprint("lithium ", n))})
		mustSync(t, owner)
	}
	t.Cleanup(func() { testHookBoltCopy = nil })
	work := t.TempDir()
	if err := os.MkdirAll(filepath.Join(work, "store"), 0o700); err != nil {
		t.Fatal(err)
	}
	err := copyBolt(filepath.Join(owner.parts[0].dir, "store", "root.bolt"), filepath.Join(work, "store", "root.bolt"))
	if err != errBoltChanging || n != boltCopyTries {
		t.Errorf("copyBolt: %v after %d copies, want %v after %d", err, n, errBoltChanging, boltCopyTries)
	}
}
