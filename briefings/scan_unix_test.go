//go:build unix

package briefings

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestADeepTreeHoldsOneFolderOpenAtATime: the walk closes a folder before
// going down into its folders, so a tree deeper than the open-file limit
// is walked whole (it held every folder on the way open, and ran out of
// file descriptors at depth 60 under a limit of 64).
func TestADeepTreeHoldsOneFolderOpenAtATime(t *testing.T) {
	root := t.TempDir()
	const depth = 150
	dir := root
	for i := range depth {
		writeFile(t, filepath.Join(dir, "f.md"), "# F\n")
		if i%10 == 0 {
			writeFile(t, filepath.Join(dir, "z.md"), "# Z\n") // after the folder, in name order
		}
		dir = filepath.Join(dir, "m")
	}
	var limit syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &limit); err != nil {
		t.Skip("no open-file limit to lower:", err)
	}
	lowered := limit
	lowered.Cur = 64
	if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lowered); err != nil {
		t.Skip("cannot lower the open-file limit:", err)
	}
	files, problems := Scan([]Root{{Path: root, Dir: true}})
	if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &limit); err != nil {
		t.Fatal(err)
	}
	if len(problems) > 0 {
		t.Fatalf("%d problems, the first: %v", len(problems), problems[0])
	}
	if want := depth + depth/10; len(files) != want {
		t.Fatalf("%d files, want %d", len(files), want)
	}
	// Depth first, in name order: f.md, then the folder m, then z.md.
	if files[0].RelPath != "f.md" || files[1].RelPath != "m/f.md" || files[len(files)-1].RelPath != "z.md" {
		t.Errorf("order: %q, %q ... %q", files[0].RelPath, files[1].RelPath, files[len(files)-1].RelPath)
	}
	if deepest := files[depth-1].RelPath; strings.Count(deepest, "/") != depth-1 || !strings.HasSuffix(deepest, "/f.md") {
		t.Errorf("file %d is %q, want the deepest f.md", depth-1, deepest)
	}
}
