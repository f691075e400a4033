package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// pastedArticle is written for these tests in the layout of a news page
// copied into a text file.
const pastedArticle = `date 2024-11-21 Harbour council approves new ferry line

By Mara Lindqvist

The harbour council voted on Thursday to open a ferry line between the
old pier and the island, ending a debate that ran for three years.

Costs and funding

The line costs 14 million, paid from the port fund and a regional grant.
`

func TestListShowsPastedArticleMetadata(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "seed article.txt"), pastedArticle)
	out, errOut, code := run(t, "list", "-L", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	row := lineContaining(out, "seed article.txt")
	for _, want := range []string{"Harbour council approves new ferry line", "2024-11-21", "Mara Lindqvist"} {
		if !strings.Contains(row, want) {
			t.Errorf("list row lacks %q:\n%s", want, out)
		}
	}
}

func TestShowTOCSaysWhatWasDetected(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "article.txt")
	writeFile(t, path, pastedArticle)
	out, _, code := run(t, "show", "--toc", path)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{
		"Harbour council approves new ferry line\n21 November 2024 · Mara Lindqvist\n",
		"Read from the text:\n",
		`date 21 November 2024 (line 1: "date 2024-11-21 Harbour council approves new ferry line")`,
		`author Mara Lindqvist (line 3: "By Mara Lindqvist")`,
		"1. Costs and funding",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("toc lacks %q:\n%s", want, out)
		}
	}
	// The text shows the title once (as the title), not the lines the
	// metadata came from.
	out, _, _ = run(t, "show", path)
	if strings.Count(out, "Harbour council approves") != 1 || strings.Contains(out, "By Mara") || strings.Contains(out, "date 2024") {
		t.Errorf("metadata shown twice:\n%s", out)
	}
}

func lineContaining(text, s string) string {
	for _, l := range strings.Split(text, "\n") {
		if strings.Contains(l, s) {
			return l
		}
	}
	return ""
}

func TestListTakesPathsAndSort(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "ch10.md"), "# Chapter ten\n")
	writeFile(t, filepath.Join(dir, "ch2.md"), "# Chapter two\n")
	writeFile(t, filepath.Join(dir, "a.md"), "---\ntitle: Zulu news\ndate: 2024-01-02\n---\ntext\n")
	other := filepath.Join(t.TempDir(), "b.md")
	writeFile(t, other, "# Alpha note\n")
	// brief list FILE... is brief list -L FILE...
	out, errOut, code := run(t, "list", dir, other)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	order := func(out string) []string {
		var titles []string
		for _, l := range strings.Split(strings.TrimSpace(out), "\n")[1:] {
			titles = append(titles, strings.Join(strings.Fields(l)[:2], " "))
		}
		return titles
	}
	if got := strings.Join(order(out), ","); got != "Zulu news,Chapter two,Chapter ten,Alpha note" {
		t.Errorf("date order: %s\n%s", got, out)
	}
	out, _, _ = run(t, "list", "--sort", "title", dir, other)
	if got := strings.Join(order(out), ","); got != "Alpha note,Chapter ten,Chapter two,Zulu news" {
		t.Errorf("title order: %s", got)
	}
	out, _, _ = run(t, "list", "--sort=path", "-L", dir)
	if got := strings.Join(order(out), ","); got != "Zulu news,Chapter two,Chapter ten" {
		t.Errorf("path order: %s", got)
	}
	if _, errOut, code := run(t, "list", "--sort", "size", dir); code == 0 || !strings.Contains(errOut, "date, title, path") {
		t.Errorf("--sort size: exit %d, %q", code, errOut)
	}
}
