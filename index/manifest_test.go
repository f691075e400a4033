package index

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/briefreader/brief/briefings"
)

func TestEntryEncoding(t *testing.T) {
	for _, e := range []entry{{}, {size: 12345, mtime: -1, err: ""}, {size: 1 << 40, mtime: 1732000000123456789, ctime: 1732000000987654321, err: "binary file"}} {
		got, ok := decodeEntry(e.encode())
		if !ok || got != e {
			t.Errorf("round trip of %+v: %+v %v", e, got, ok)
		}
	}
	for _, bad := range [][]byte{nil, {}, {9}, {entryVersion}, {entryVersion, 1}, {entryVersion, 1, 2, 3, 50, 'x'}} {
		if _, ok := decodeEntry(bad); ok {
			t.Errorf("decoded %v", bad)
		}
	}
}

// TestEntrySame: a file is trusted unchanged only when its size and both
// time stamps are as recorded; a rewrite that keeps the size and puts the
// modification time back still changes the inode change time.
func TestEntrySame(t *testing.T) {
	mtime, ctime := time.Unix(1732000000, 5), time.Unix(1732000100, 7)
	f := briefings.File{Size: 10, ModTime: mtime, ChangeTime: ctime}
	e := entry{size: 10, mtime: mtime.UnixNano(), ctime: ctime.UnixNano()}
	if !e.same(f) {
		t.Error("an unchanged file is not the same")
	}
	g := f
	g.ChangeTime = ctime.Add(time.Second)
	if e.same(g) {
		t.Error("a file whose inode changed is the same")
	}
	if (entry{size: 10, mtime: 0, ctime: e.ctime}).same(f) {
		t.Error("an untrusted time is trusted")
	}
	noCtime := briefings.File{Size: 10, ModTime: mtime}
	if !(entry{size: 10, mtime: mtime.UnixNano()}).same(noCtime) {
		t.Error("a system without inode change times: an unchanged file is not the same")
	}
}

func TestAnchorsEncoding(t *testing.T) {
	for _, list := range [][]string{nil, {""}, {"", "a"}, {"a", "b-c", "d_1"}} {
		got, ok := decodeAnchors(encodeAnchors(list))
		if !ok || !reflect.DeepEqual(got, list) && !(len(got) == 0 && len(list) == 0) {
			t.Errorf("round trip of %q: %q %v", list, got, ok)
		}
	}
	for _, bad := range []string{"", "x\n", "2\na", "-1\n", "0\nextra"} {
		if _, ok := decodeAnchors(bad); ok {
			t.Errorf("decoded %q", bad)
		}
	}
}

func TestLostRecordFallsBackToSearch(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	writeFiles(t, lib, map[string]string{"a.md": briefing("alpha", 3, "")})
	ix := openDir(t, lib, cache)
	mustSync(t, ix)
	// Lose the record: a file document without anchors.
	path := filepath.Join(lib, "a.md")
	if err := ix.parts[0].idx.Index(fileID(path), fileDoc{File: path}); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, lib, map[string]string{"a.md": briefing("alpha", 1, "")})
	checkStats(t, mustSync(t, ix), 0, 1, 0, 0)
	checkHits(t, ix, "alphas3")
	checkHits(t, ix, "alphas1", "a.md#section-1")
	if res, _ := ix.Search(context.Background(), Request{Query: "alphalead OR alphas1 OR alphas2"}); res.Total != 2 {
		t.Errorf("%d sections left, want 2", res.Total)
	}
}
