package cli

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// runWithInput runs the command line with in as the standard input.
func runWithInput(t *testing.T, in *os.File, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = Execute(args, Streams{In: in, Out: &out, Err: &errOut}, "test")
	return out.String(), errOut.String(), code
}

// pipeOf returns the read end of a pipe that carries text and is closed.
func pipeOf(t *testing.T, text string) *os.File {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		_, _ = w.WriteString(text)
		_ = w.Close()
	}()
	t.Cleanup(func() { _ = r.Close() })
	return r
}

func TestShowStdin(t *testing.T) {
	var out, errOut bytes.Buffer
	code := Execute([]string{"show", "--toc", "-"}, Streams{In: strings.NewReader(pastedArticle), Out: &out, Err: &errOut}, "test")
	if code != 0 || !strings.Contains(out.String(), "Harbour council approves new ferry line\n21 November 2024 · Mara Lindqvist") {
		t.Fatalf("exit %d, stderr %q:\n%s", code, errOut.String(), out.String())
	}
	// Markdown on the standard input is read as markdown.
	out.Reset()
	code = Execute([]string{"show", "-", "--section", "two"}, Streams{In: strings.NewReader("# Notes\n\n## One\n\nfirst\n\n## Two\n\nsecond **bold**\n"), Out: &out, Err: &errOut}, "test")
	if code != 0 || !strings.Contains(out.String(), "second bold") || strings.Contains(out.String(), "first") {
		t.Errorf("show - --section two: exit %d:\n%s", code, out.String())
	}
	_, errText, code := run(t, "show", "-")
	if code == 0 || !strings.Contains(errText, "nothing came on the standard input") {
		t.Errorf("empty input: exit %d, %q", code, errText)
	}
}

// cat article.txt | brief, with the output not a terminal, prints the
// article as brief show does.
func TestPipedIntoBrief(t *testing.T) {
	t.Setenv("BRIEF_LIBRARY", "")
	out, errOut, code := runWithInput(t, pipeOf(t, pastedArticle))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "# Harbour council approves new ferry line") || !strings.Contains(out, "The line costs 14 million") {
		t.Errorf("the piped article was not printed:\n%s", out)
	}
	if strings.Contains(out, "Ukraine, ATACMS") {
		t.Errorf("listed the library instead of the piped article:\n%s", out)
	}
	// An empty pipe is no article: brief lists the library as before.
	out, _, code = runWithInput(t, pipeOf(t, ""))
	if code != 0 || !strings.Contains(out, "Ukraine, ATACMS") {
		t.Errorf("empty pipe: exit %d:\n%s", code, out)
	}
}

func TestLooksLikeMarkdown(t *testing.T) {
	for text, want := range map[string]bool{
		"# Title\n\ntext":             true,
		"see [this](x.md)":            true,
		"---\ntitle: x\n---\n":        true,
		"```\ncode\n```":              true,
		pastedArticle:                 false,
		"A plain letter.\n\n- a\n- b": false,
	} {
		if got := looksLikeMarkdown([]byte(text)); got != want {
			t.Errorf("looksLikeMarkdown(%q) = %v", text, got)
		}
	}
}
