package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/index"
	"github.com/briefreader/brief/internal/export"
)

// TestDomainErrorsNameNoFlag: the domain packages do not name the command
// line's flags; their errors are typed, so that the command line can.
func TestDomainErrorsNameNoFlag(t *testing.T) {
	for _, err := range []error{
		&briefings.TooLargeError{Limit: 1 << 20},
		index.ErrNoDir,
		&index.ForeignDirError{Dir: "/docs", Sub: "/docs/brief-cache"},
		&index.DiskError{Root: "/lib", Dir: "/cache", Free: 10},
		&export.ExtensionError{Name: "a.docx"},
	} {
		if strings.Contains(err.Error(), "--") {
			t.Errorf("%T names a flag: %q", err, err)
		}
	}
}

func TestExplainNamesTheFlag(t *testing.T) {
	for _, c := range []struct {
		err  error
		want string
	}{
		{fmt.Errorf("x.md: %w", &briefings.TooLargeError{Limit: 1 << 20}),
			"x.md: skipped: the file is larger than the 1 MiB limit (raise it with --max-size)"},
		{fmt.Errorf("open the search index: %w", index.ErrNoDir),
			"open the search index: there is no cache directory for the index (see --index-dir)"},
		{&index.ForeignDirError{Dir: "/docs", Sub: "/docs/brief-cache"},
			"/docs holds files brief did not make, and so does /docs/brief-cache; choose another folder for the index (--index-dir)"},
		{&index.DiskError{Root: "/lib", Dir: "/cache", Free: 10},
			"the disk holding the index of /lib is full (/cache has 10 bytes free); free some space or keep the index elsewhere (--index-dir)"},
		{&index.DiskError{Root: "/lib", Dir: "/cache", ReadOnly: true},
			"the index of /lib cannot be written: /cache is on a read-only disk"},
		{&export.ExtensionError{Name: "a.docx"},
			`cannot tell the format from "a.docx": name it .html, .md, .txt or .pdf, or use --format`},
		{errors.New("something else"), "something else"},
	} {
		got := explain(c.err)
		if got.Error() != c.want {
			t.Errorf("explain(%q)\n got %q\nwant %q", c.err, got, c.want)
		}
		if explain(got).Error() != c.want {
			t.Errorf("explaining twice gives %q", explain(got))
		}
		if !errors.Is(got, c.err) {
			t.Errorf("explain(%q) no longer wraps the error", c.err)
		}
	}
	if explain(nil) != nil {
		t.Error("explain(nil) is not nil")
	}
}

// TestCommandLineWordsDomainErrors runs brief: a file over --max-size is
// reported with the flag that raises the limit, and an index folder full
// of someone else's files with the flag that chooses another.
func TestCommandLineWordsDomainErrors(t *testing.T) {
	lib := t.TempDir()
	writeFile(t, filepath.Join(lib, "big.md"), "# Big\n\n"+strings.Repeat("words ", 400)+"\n")
	writeFile(t, filepath.Join(lib, "small.md"), "# Small\n")
	_, errOut, code := run(t, "list", "-L", lib, "--max-size", "1KiB")
	if code != 0 || !strings.Contains(errOut, "big.md: skipped: the file is larger than the 1 KiB limit (raise it with --max-size)") {
		t.Errorf("list over --max-size: exit %d, stderr %q", code, errOut)
	}

	docs := t.TempDir()
	writeFile(t, filepath.Join(docs, "mine.txt"), "the user's\n")
	writeFile(t, filepath.Join(docs, "brief-cache", "theirs.txt"), "someone else's\n")
	_, errOut, code = run(t, "index", "-L", lib, "--index-dir", docs)
	if code == 0 || !strings.Contains(errOut, "choose another folder for the index (--index-dir)") {
		t.Errorf("index in a folder of other files: exit %d, stderr %q", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(docs, ".brief-cache")); err == nil {
		t.Error("brief claimed a folder of the user's")
	}
}
