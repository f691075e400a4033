package export

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/internal/hostile"
)

func TestHTMLSampleBriefing(t *testing.T) {
	b := sample(t, "ukraine")
	page := mustExport(t, b, nil, HTMLFormat, Options{})
	p := checkPage(t, page)
	if p.title != b.Title {
		t.Errorf("<title> = %q, want %q", p.title, b.Title)
	}
	wantIDs := []string{"the-atacms-decision", "the-north-korean-factor", "shifting-the-balance",
		"the-transition-of-power-in-the-us", "broader-implications-for-europe-and-the-rules-based-international-order", "conclusion"}
	if !slices.Equal(p.ids, wantIDs) {
		t.Errorf("ids = %q\nwant %q", p.ids, wantIDs)
	}
	for i, s := range b.Sections {
		if !strings.Contains(page, `<h2 id="`+s.Anchor+`">`+s.Heading+`</h2>`) {
			t.Errorf("section %d heading missing: %s", i+1, s.Heading)
		}
	}
	if len(p.headings) == 0 || p.headings[0] != b.Title {
		t.Errorf("first heading = %q", p.headings)
	}
	for _, want := range []string{
		"<!DOCTYPE html>", `<meta charset="utf-8">`, "21 November 2024", "brief sample desk", "north-korea",
		"In November 2024, with two months left", // the lead
		"<table>", "<th>What</th>", "<strong>Escalation.</strong>", "@media print", "@page",
		"Source: Written for the brief sample library",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	for _, bad := range []string{"note:", "pause", "Ask the class", "raw HTML omitted", "http://", "https://"} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains %q", bad)
		}
	}
}

// treeMarkdown has nested sections: A (A.1), B (B.1 (B.1.a)), C.
const treeMarkdown = "---\ntitle: Tree\n---\nLead text.\n\n# A\n\nalpha text\n\n## A.1\n\nalpha one text\n\n" +
	"# B\n\nbeta text\n\n## B.1\n\nbeta one text\n\n### B.1.a\n\nbeta one a text\n\n# C\n\ngamma text\n"

func TestHTMLSectionsWithSubsections(t *testing.T) {
	b := parse(t, "tree.md", treeMarkdown)
	chosen, err := FindSections(b, []string{"b"})
	if err != nil || !slices.Equal(chosen, []int{2}) {
		t.Fatalf("FindSections = %v, %v", chosen, err)
	}
	page := mustExport(t, b, chosen, HTMLFormat, Options{})
	p := checkPage(t, page)
	if want := []string{"Tree", "B", "B.1", "B.1.a"}; !slices.Equal(p.headings, want) {
		t.Errorf("headings = %q, want %q", p.headings, want)
	}
	if want := []string{"b", "b1", "b1a"}; !slices.Equal(p.ids, want) {
		t.Errorf("ids = %q, want %q", p.ids, want)
	}
	for _, bad := range []string{"Lead text", "alpha", "gamma"} {
		if strings.Contains(page, bad) {
			t.Errorf("page has %q from a section not chosen", bad)
		}
	}
	// Two chosen sections come in the briefing's order.
	p = checkPage(t, mustExport(t, b, []int{5, 0}, HTMLFormat, Options{}))
	if want := []string{"Tree", "A", "A.1", "C"}; !slices.Equal(p.headings, want) {
		t.Errorf("headings = %q, want %q", p.headings, want)
	}
}

func TestHTMLTitleHeadingIsNotRepeated(t *testing.T) {
	b := parse(t, "own-title.md", "# My *Own* Title\n\nintro\n\n## Part\n\ntext\n")
	page := mustExport(t, b, nil, HTMLFormat, Options{})
	p := checkPage(t, page)
	if want := []string{"My Own Title", "Part"}; !slices.Equal(p.headings, want) {
		t.Errorf("headings = %q, want %q", p.headings, want)
	}
	if !strings.Contains(page, `<h1 id="my-own-title">My <em>Own</em> Title</h1>`) {
		t.Errorf("title heading lost its id or markup:\n%s", page)
	}
}

func TestHTMLDuplicateHeadingsGetSectionAnchors(t *testing.T) {
	b := parse(t, "dup.md", "# Same\n\none\n\n# Same\n\ntwo\n\n> # Quoted heading\n\n# Same-1\n")
	p := checkPage(t, mustExport(t, b, nil, HTMLFormat, Options{}))
	var want []string
	for _, s := range b.Sections {
		want = append(want, s.Anchor)
	}
	if !slices.Equal(p.ids, want) {
		t.Errorf("ids = %q, want the section anchors %q", p.ids, want)
	}
}

const hostileMarkdown = "---\ntitle: \"</title><script>alert('title')</script>\"\nauthor: \"<img src=x onerror=alert(1)>\"\ntags: [\"<b onmouseover=x>\"]\n---\n" +
	"# Heading <script>alert('h')</script>\n\n" +
	"<script>alert(1)</script>\n\n" +
	"<img src=x onerror=alert(1)>\n\n" +
	"<div onclick=\"alert(1)\">\n\nblock text\n\n</div>\n\n" +
	"<!-- note: the secret answer is 42 -->\n\n" +
	"Inline <span onmouseover=\"alert(1)\">span</span> and <!-- note: inline secret --> <iframe src=\"https://evil.example\"></iframe>.\n\n" +
	"[x](javascript:alert(1)) [y](JaVaScRiPt:alert(2)) [z](java&#x09;script:alert(3)) [w]( vbscript:msgbox) " +
	"[d](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) [f](file:///etc/passwd) <javascript:alert(4)> [r][evil]\n\n" +
	"[evil]: javascript:alert(5)\n\n" +
	"![svg](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+) ![png](data:image/png;base64,iVBORw0KGgo=) ![js](javascript:alert(6)) ![web](https://tracker.example/pixel.gif)\n\n" +
	"[ok](https://example.com/a?b=1&c=2) [mail](mailto:me@example.com) [other](other.md#section) [here](#heading) <https://bare.example/>\n\n" +
	"[title](https://example.com \"\\\" onmouseover=\\\"alert(7)\")\n\n" +
	"```\"><script>alert(8)</script>\n<script>alert(9)</script>\n<!-- pause -->\n```\n\n" +
	"`<img src=x onerror=alert(10)>`\n\n" +
	"<!-- pause -->\n\n" +
	"| a <script>x</script> | b |\n|---|---|\n| <img src=x onerror=y> | [c](javascript:z) |\n"

func TestHTMLHostileMarkdownIsSafe(t *testing.T) {
	b := parse(t, "hostile.md", hostileMarkdown)
	page := mustExport(t, b, nil, HTMLFormat, Options{})
	p := checkPage(t, page)
	for _, bad := range []string{"secret", "<iframe", "<div", "<span on", "<img", "data:text", "data:image/svg", "file:"} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains %q", bad)
		}
	}
	// The text of unsafe links stays; safe links stay links.
	for _, want := range []string{"x y z w d f javascript:alert(4) r", "block text", "span",
		"[Image: svg]", "[Image: js]", `href="https://tracker.example/pixel.gif">[Image: web]</a>`,
		`href="https://example.com/a?b=1&amp;c=2"`, `href="mailto:me@example.com"`, `href="other.md#section"`, `href="#heading"`,
		`class="bare"`, "&lt;script&gt;alert(9)&lt;/script&gt;", "&lt;!-- pause --&gt;", "&lt;img src=x onerror=alert(10)&gt;"} {
		if !strings.Contains(page, want) && !strings.Contains(p.text, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if p.title != "</title><script>alert('title')</script>" || p.title != b.Title {
		t.Errorf("title = %q; the hostile title should be escaped text", p.title)
	}
	if !slices.Contains(p.hrefs, "https://example.com/a?b=1&c=2") {
		t.Errorf("hrefs = %q", p.hrefs)
	}
}

func TestHTMLHostileFixtures(t *testing.T) {
	for _, f := range hostile.Fixtures() {
		if !f.Loads {
			continue
		}
		t.Run(f.Name, func(t *testing.T) {
			b := parse(t, f.Name, string(f.Data))
			page := mustExport(t, b, nil, HTMLFormat, Options{})
			checkPage(t, page)
			noControls(t, f.Name, page)
			if len(b.Sections) > 0 {
				checkPage(t, mustExport(t, b, []int{0}, HTMLFormat, Options{}))
			}
		})
	}
}

// png is the smallest valid PNG: one transparent pixel.
var png = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89" +
	"\x00\x00\x00\rIDATx\x9cc\x00\x01\x00\x00\x05\x00\x01\r\n-\xb4\x00\x00\x00\x00IEND\xaeB`\x82")

func TestHTMLEmbedsLocalImagesOnly(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "briefings")
	write := func(path string, data []byte) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(dir, "img", "map of front.png"), png)
	write(filepath.Join(dir, "evil.svg"), []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`))
	write(filepath.Join(dir, "fake.png"), []byte("not an image"))
	write(filepath.Join(root, "private.png"), png)
	if err := os.Symlink(filepath.Join(root, "private.png"), filepath.Join(dir, "link.png")); err != nil {
		t.Fatal(err)
	}
	md := "# Images\n\n![The map](img/map%20of%20front.png \"A title\") ![svg](evil.svg) ![fake](fake.png) " +
		"![up](../private.png) ![link](link.png) ![missing](nope.png)\n"
	path := filepath.Join(dir, "images.md")
	write(path, []byte(md))
	b, err := briefings.ReadFile(briefings.File{Path: path, RelPath: "images.md"}, briefings.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	page := mustExport(t, b, nil, HTMLFormat, Options{})
	p := checkPage(t, page)
	if len(p.srcs) != 1 || !strings.HasPrefix(p.srcs[0], "data:image/png;base64,") {
		t.Fatalf("srcs = %q, want only the map embedded", p.srcs)
	}
	if !strings.Contains(page, `alt="The map" title="A title"`) {
		t.Error("alt text or title missing")
	}
	for _, want := range []string{"[Image: svg]", "[Image: fake]", "[Image: up]", "[Image: link]", "[Image: missing]"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	// The built-in library has no folder: nothing is read from disk.
	sampleImage := parse(t, "builtin:x.md", md)
	sampleImage.Path = briefings.BuiltinPrefix + "x.md"
	if p := checkPage(t, mustExport(t, sampleImage, nil, HTMLFormat, Options{})); len(p.srcs) != 0 {
		t.Errorf("built-in briefing embedded %q", p.srcs)
	}
}
