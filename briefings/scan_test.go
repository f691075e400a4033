package briefings

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestScanAgreesWithWalkDirAndLstat: the walk that looks at files relative
// to their open folder finds the files filepath.WalkDir finds, in its
// order, with the size and times os.Lstat gives (a cache compares them
// with what it recorded, so they must not differ by a nanosecond).
func TestScanAgreesWithWalkDirAndLstat(t *testing.T) {
	root := t.TempDir()
	for i, rel := range []string{
		"a.md", "a/b.md", "a/z/deep/er/c.txt", "a-b.md", "B.markdown", "a/.git/x.md",
		"q/node_modules/m.md", "q/r.MD", "q/notes.pdf", "top/.hidden/h.md", "zz.md",
	} {
		writeFile(t, filepath.Join(root, rel), strings.Repeat("x", i+1))
	}
	want := walkDirFiles(t, root)
	got, problems := Scan([]Root{{Path: root, Dir: true}})
	if len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
	if len(got) != len(want) || len(got) != 7 {
		t.Fatalf("found %d files, WalkDir %d (want 7)", len(got), len(want))
	}
	sameFiles(t, got, want)
	// A root written another way names the same files the same way.
	for _, other := range []string{root + "/", root + "/./a/.."} {
		again, _ := Scan([]Root{{Path: other, Dir: true}})
		for i := range again {
			if i >= len(want) || again[i].Path != want[i].Path || again[i].RelPath != want[i].RelPath {
				t.Errorf("root %q, file %d: %s (%s)", other, i, again[i].Path, again[i].RelPath)
			}
		}
	}
}

// walkDirFiles lists the briefing files under root as filepath.WalkDir and
// os.Lstat see them.
func walkDirFiles(t *testing.T, root string) []File {
	t.Helper()
	var want []File
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != root && skipFolder(d.Name()) {
			return fs.SkipDir
		}
		if d.IsDir() || !IsBriefingName(d.Name()) {
			return nil
		}
		info, err := os.Lstat(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		want = append(want, statOf(info).file(path, filepath.ToSlash(rel)))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return want
}

// sameFiles compares what Scan found with what WalkDir found.
func sameFiles(t *testing.T, got, want []File) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("found %d files, WalkDir %d", len(got), len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Path != w.Path || g.RelPath != w.RelPath || g.Size != w.Size ||
			!g.ModTime.Equal(w.ModTime) || !g.ChangeTime.Equal(w.ChangeTime) {
			t.Errorf("file %d:\n got %+v\nwant %+v", i, g, w)
		}
	}
}

// The files of a big folder, looked at by several goroutines, come back as
// a single walk gives them: in name order, with their own times, mixed with
// folders and files that are not briefings.
func TestScanABigFolder(t *testing.T) {
	root := t.TempDir()
	for i := range 3 * lookChunk * max(runtime.GOMAXPROCS(0), 2) {
		name := fmt.Sprintf("f%05d.md", i)
		switch i % 97 {
		case 0:
			name = fmt.Sprintf("d%05d/inner.md", i) // a folder among the files
		case 1:
			name = fmt.Sprintf("n%05d.pdf", i)
		}
		writeFile(t, filepath.Join(root, "big", name), strings.Repeat("x", i%13+1))
		if i%3 == 0 {
			writeFile(t, filepath.Join(root, name), "at the root") // a big root folder too
		}
	}
	got, problems := Scan([]Root{{Path: root, Dir: true}})
	if len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
	sameFiles(t, got, walkDirFiles(t, root))
}

// Paths are joined as filepath.Join would, without cleaning them again.
func TestChildAndRelativePath(t *testing.T) {
	for _, c := range []struct{ dir, name, path, rel string }{
		{"/", "a.md", "/a.md", "a.md"},
		{"/lib", "a.md", "/lib/a.md", "a.md"},
		{"/lib/x", "b.md", "/lib/x/b.md", "x/b.md"},
	} {
		if got := childPath(c.dir, c.name); got != c.path || got != filepath.Join(c.dir, c.name) {
			t.Errorf("childPath(%q, %q) = %q, want %q", c.dir, c.name, got, c.path)
		}
		root := "/lib"
		if c.dir == "/" {
			root = "/"
		}
		if got := relativePath(root, c.path); got != c.rel {
			t.Errorf("relativePath(%q, %q) = %q, want %q", root, c.path, got, c.rel)
		}
	}
}

func TestAnUnreadableFolderIsAProblemAndTheRestLoads(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root can read any folder")
	}
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "ok", "a.md"), "# A\n")
	writeFile(t, filepath.Join(root, "shut", "b.md"), "# B\n")
	if err := os.Chmod(filepath.Join(root, "shut"), 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chmod(filepath.Join(root, "shut"), 0o755) })
	files, problems := Scan([]Root{{Path: root, Dir: true}})
	if len(files) != 1 || files[0].RelPath != "ok/a.md" {
		t.Errorf("files %+v", files)
	}
	if len(problems) != 1 || !strings.Contains(problems[0].Err.Error(), "permission denied") {
		t.Errorf("problems %v", problems)
	}
}
