package index

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"
)

func TestEntryEncoding(t *testing.T) {
	for _, e := range []entry{{}, {size: 12345, mtime: -1, err: ""}, {size: 1 << 40, mtime: 1732000000123456789, err: "binary file"}} {
		got, ok := decodeEntry(e.encode())
		if !ok || got != e {
			t.Errorf("round trip of %+v: %+v %v", e, got, ok)
		}
	}
	for _, bad := range [][]byte{nil, {}, {9}, {entryVersion}, {entryVersion, 1}, {entryVersion, 1, 2, 50, 'x'}} {
		if _, ok := decodeEntry(bad); ok {
			t.Errorf("decoded %v", bad)
		}
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
