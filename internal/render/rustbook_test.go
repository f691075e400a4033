package render

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/internal/fidelity"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	gmhtml "github.com/yuin/goldmark/renderer/html"
)

// TestRustBookFidelity is fidelity.py as a test: what `brief show` prints
// of each chapter of the Rust book is compared with the text of the
// chapter's HTML as goldmark renders it, and as cmark-gfm (CommonMark's
// reference implementation) renders it when it is installed. No word may
// be run together with another (foreign), no markup may leak, and under
// 0.2% of the words may be lost.
func TestRustBookFidelity(t *testing.T) {
	files := fidelity.RustBook(t)
	oracles := map[string]func([]byte) (string, error){"goldmark": goldmarkHTML}
	if _, err := exec.LookPath("cmark-gfm"); err == nil {
		oracles["cmark-gfm"] = cmarkHTML
	} else {
		t.Log("cmark-gfm is not installed (apt-get install cmark-gfm): goldmark is the only oracle")
	}
	r, err := New(StyleNoTTY, 80)
	if err != nil {
		t.Fatal(err)
	}
	shown := make(map[string]string, len(files))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		b, err := briefings.Parse(filepath.Base(f), data)
		if err != nil {
			t.Fatal(err)
		}
		shown[f] = Plain(strings.Join(r.Document(b), "\n"))
	}
	for name, oracle := range oracles {
		var total fidelity.Counts
		for _, f := range files {
			data, _ := os.ReadFile(f)
			page, err := oracle(data)
			if err != nil {
				t.Fatalf("%s on %s: %v", name, f, err)
			}
			c := fidelity.Measure(string(data), shown[f], page)
			if c.Foreign+c.Markup > 0 {
				t.Errorf("%s: %d foreign words %q, %d markup characters (oracle %s)", filepath.Base(f), c.Foreign, c.Examples, c.Markup, name)
			}
			total.Add(c)
		}
		t.Logf("oracle %s: %d files, %d words shown, %d in the oracle, foreign %d, lost %d (%.3f%%), markup %d",
			name, len(files), total.Shown, total.Oracle, total.Foreign, total.Lost, 100*total.LostShare(), total.Markup)
		if total.LostShare() >= 0.002 {
			t.Errorf("oracle %s: %.3f%% of the words lost, want under 0.2%%", name, 100*total.LostShare())
		}
	}
}

// goldmarkHTML renders markdown with GitHub's extensions, raw HTML kept.
func goldmarkHTML(md []byte) (string, error) {
	var buf bytes.Buffer
	gm := goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithRendererOptions(gmhtml.WithUnsafe()))
	err := gm.Convert(md, &buf)
	return buf.String(), err
}

// cmarkHTML renders markdown with cmark-gfm, raw HTML kept.
func cmarkHTML(md []byte) (string, error) {
	cmd := exec.Command("cmark-gfm", "-e", "table", "-e", "strikethrough", "-e", "autolink", "--unsafe", "-t", "html")
	cmd.Stdin = bytes.NewReader(md)
	out, err := cmd.Output()
	return string(out), err
}
