package reliability

import (
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// folderSize adds up the sizes of the files under dir.
func folderSize(dir string) int64 {
	var size int64
	_ = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				size += info.Size()
			}
		}
		return nil
	})
	return size
}

// resize changes the size of a tmpfs mounted by mountTmpfs.
func resize(t *testing.T, dir string, size int64) {
	t.Helper()
	if out, err := exec.Command("mount", "-o", fmt.Sprintf("remount,size=%d", size), dir).CombinedOutput(); err != nil {
		t.Fatalf("resize %s: %v: %s", dir, err, out)
	}
}

// usedSpace is how much of the file system of dir is in use, in bytes.
func usedSpace(t *testing.T, dir string) int64 {
	t.Helper()
	var st syscall.Statfs_t
	must(t, syscall.Statfs(dir, &st))
	return int64(st.Blocks-st.Bfree) * int64(st.Bsize)
}

// fill takes what space is left on the file system of dir.
func fill(t *testing.T, dir string) {
	t.Helper()
	f, err := os.Create(filepath.Join(dir, "filler"))
	must(t, err)
	chunk := make([]byte, 64<<10)
	for {
		if _, err := f.Write(chunk); err != nil {
			break
		}
	}
	for n := 4096; n > 0; n /= 2 {
		for {
			if _, err := f.Write(chunk[:n]); err != nil {
				break
			}
		}
	}
	_ = f.Close()
}

// checkFullDisk checks how brief said that the disk is full: in one
// message that says where and how much, with no half-built copy left in
// tmp. (How long it ran is how long the disk took to fill.)
func checkFullDisk(t *testing.T, what string, r result, cache string) {
	t.Helper()
	if r.code != 1 || !strings.Contains(r.stderr, "is full (") || !strings.Contains(r.stderr, "the index needs about") ||
		!strings.Contains(r.stderr, "free some space or keep the index elsewhere") {
		t.Errorf("%s: exit %d, stderr %q", what, r.code, r.stderr)
	}
	if left := leftovers(cache); len(left) > 0 {
		t.Errorf("%s: a half-built copy was left in tmp: %q", what, left)
	}
}

// TestFullDisk puts the index folder on a small file system that fills
// while brief index builds, while --rebuild rebuilds, and while brief
// search syncs new files. Each stops at once, saying where the index is
// and how much it needs, without a half-built copy left behind; brief
// search still answers; and once there is room, brief index completes
// into exactly what a fresh build holds.
func TestFullDisk(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	lib := generate(t, libSize(300))
	ref := newEnv(t)
	ref.mustBrief(t, "-L", lib, "index")
	want := takeSnapshot(t, lib, ref.cache)
	size := folderSize(indexDirs(ref.cache)[0])
	refHits := map[string]bool{}
	for _, h := range searchJSON(t, ref, lib, "lithium") {
		refHits[h.place] = true
	}

	// answers checks that brief search answers, right, from the index as
	// it was or from a quick scan.
	answers := func(t *testing.T, e *env) {
		t.Helper()
		r := e.brief(t, "-L", lib, "search", "--json", "--limit", "10", "lithium")
		answered(t, "brief search on a full disk", r.took)
		hits := decodeHits(t, r.stdout)
		if r.code != 0 || len(hits) == 0 {
			t.Errorf("search on a full disk: exit %d, %d hits, stderr %q", r.code, len(hits), r.stderr)
		}
	}

	for range rounds(3) {
		countRun(t, "full disk during a first brief index", func() {
			e := newEnv(t)
			mountTmpfs(t, e.cache, fmt.Sprint(size/3))
			checkFullDisk(t, "brief index stopping on a full disk", e.brief(t, "-L", lib, "index"), e.cache)
			answers(t, e)
			resize(t, e.cache, 3*size)
			e.mustBrief(t, "-L", lib, "index")
			if d := want.diff(takeSnapshot(t, lib, e.cache)); d != "" {
				t.Errorf("after the disk was freed: %s", d)
			}
		})
		countRun(t, "full disk during brief index --rebuild (room for one index, not two)", func() {
			e := newEnv(t)
			// A build needs more room while it runs than its index
			// takes once its segments are merged: room to build, then
			// room for one index and not two.
			mountTmpfs(t, e.cache, fmt.Sprint(3*size))
			e.mustBrief(t, "-L", lib, "index")
			// Room for what is there and half an index more: a rebuild
			// needs a whole new index beside the old one. (Twice the
			// index's size was not sure to be too little: how far a
			// build's segments are merged when it ends varies.)
			resize(t, e.cache, usedSpace(t, e.cache)+size/2)
			checkFullDisk(t, "brief index --rebuild stopping on a full disk", e.brief(t, "-L", lib, "index", "--rebuild"), e.cache)
			answers(t, e)
			if d := want.diff(takeSnapshot(t, lib, e.cache)); d != "" {
				t.Errorf("the index was not kept as it was: %s", d)
			}
		})
		countRun(t, "full disk during an incremental sync (brief search after 60 new files)", func() {
			e := newEnv(t)
			grown := t.TempDir()
			must(t, os.CopyFS(grown, os.DirFS(lib)))
			mountTmpfs(t, e.cache, fmt.Sprint(2*size))
			e.mustBrief(t, "-L", grown, "index")
			fill(t, e.cache)
			must(t, os.CopyFS(filepath.Join(grown, "new"), os.DirFS(filepath.Join(lib, "000"))))
			r := e.brief(t, "-L", grown, "search", "--json", "lithium")
			answered(t, "brief search on a full disk", r.took)
			if r.code != 0 || len(decodeHits(t, r.stdout)) == 0 || !strings.Contains(r.stderr, "is full (") {
				t.Errorf("search: exit %d, stderr %q", r.code, r.stderr)
			}
			if left := leftovers(e.cache); len(left) > 0 {
				t.Errorf("left in tmp: %q", left)
			}
			must(t, os.Remove(filepath.Join(e.cache, "filler")))
			resize(t, e.cache, 4*size)
			e.mustBrief(t, "-L", grown, "index")
			fresh := newEnv(t)
			fresh.mustBrief(t, "-L", grown, "index")
			if d := takeSnapshot(t, grown, fresh.cache).diff(takeSnapshot(t, grown, e.cache)); d != "" {
				t.Errorf("after the disk was freed: %s", d)
			}
		})
	}
}
