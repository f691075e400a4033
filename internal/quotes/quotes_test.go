package quotes

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/internal/state"
)

const brief = `---
title: Grain corridor
author: Desk
date: 2026-11-02
source: https://example.org/grain?x=1&y=2
---
Lead words here.

## Background

Ships left Odesa in August. The corridor carried 33 million tonnes of grain before it closed.

## Outlook

Nobody expects a *new* deal before spring.
`

func mustParse(t *testing.T, text string) *briefings.Briefing {
	t.Helper()
	b, err := briefings.Parse("/lib/grain.md", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	b.Path = "/lib/grain.md"
	return b
}

func highlight(t *testing.T, b *briefings.Briefing, section int, quote string) state.Highlight {
	t.Helper()
	text := SectionText(b, section)
	i := strings.Index(text, quote)
	if i < 0 {
		t.Fatalf("%q not in section %d: %q", quote, section, text)
	}
	h := New(b, section, text, i, i+len(quote), "")
	h.ID = "id-" + quote[:4]
	return h
}

func TestNewAnchorsInThePlainText(t *testing.T) {
	b := mustParse(t, brief)
	h := highlight(t, b, 1, "Nobody expects a new deal")
	if h.Section != "outlook" || h.Heading != "Outlook" || h.Title != "Grain corridor" || h.Quote.Prefix != "" {
		t.Errorf("highlight = %+v", h)
	}
	if got := Reanchor(b, []state.Highlight{h}, nil); len(got) != 0 {
		t.Errorf("an unchanged text was anchored again: %+v", got)
	}
}

func TestReanchorFollowsARenamedSection(t *testing.T) {
	b := mustParse(t, brief)
	h := highlight(t, b, 0, "The corridor carried 33 million tonnes of grain")
	edited := strings.Replace(brief, "## Background", "## How it began", 1)
	b2 := mustParse(t, edited)
	got := Reanchor(b2, []state.Highlight{h}, nil)
	if len(got) != 1 || got[0].Lost != state.Found || got[0].Section != "how-it-began" || got[0].Heading != "How it began" {
		t.Fatalf("Reanchor = %+v", got)
	}
}

func TestReanchorKeepsWhatItCannotFind(t *testing.T) {
	b := mustParse(t, brief)
	h := highlight(t, b, 0, "The corridor carried 33 million tonnes of grain")
	h.Note = "lead quote"
	edited := strings.Replace(brief, "The corridor carried 33 million tonnes of grain before it closed.", "", 1)
	got := Reanchor(mustParse(t, edited), []state.Highlight{h}, nil)
	if len(got) != 1 || got[0].Lost != state.LostText || got[0].Quote != h.Quote || got[0].Note != "lead quote" {
		t.Fatalf("Reanchor = %+v", got)
	}
	if m := Missing(got); len(m) != 1 || m[0].Lost != state.LostFile {
		t.Errorf("Missing = %+v", m)
	}
}

func sheetOf(t *testing.T, note string) Sheet {
	b := mustParse(t, brief)
	texts := Texts(b)
	h := highlight(t, b, 0, "The corridor carried 33 million tonnes of grain")
	h.Note = note
	h.Created = time.Date(2026, 11, 3, 9, 0, 0, 0, time.UTC)
	lost := highlight(t, b, 1, "Nobody expects")
	lost.Lost = state.LostText
	return Sheet{Items: []Item{ItemOf(b, texts, h), ItemOf(b, texts, lost)}, Generated: time.Date(2026, 11, 4, 0, 0, 0, 0, time.UTC)}
}

func TestCitation(t *testing.T) {
	b := mustParse(t, brief)
	want := "Grain corridor, Background. Desk, 2 November 2026. https://example.org/grain?x=1&y=2."
	if got := Cite(b, 0).String(); got != want {
		t.Errorf("citation = %q, want %q", got, want)
	}
	h := highlight(t, b, 0, "The corridor carried")
	h.Note = "check the tonnage"
	clip := Clip(h, Cite(b, 0))
	if clip != "“The corridor carried”\n— "+want+"\nNote: check the tonnage\n" {
		t.Errorf("clip = %q", clip)
	}
}

func TestSheetFormats(t *testing.T) {
	s := sheetOf(t, "ask <the desk> & *verify*")
	write := func(f Format) string {
		var buf bytes.Buffer
		if err := s.Write(&buf, f); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	md := write(Markdown)
	for _, want := range []string{"> The corridor carried 33 million tonnes of grain\n",
		"— Grain corridor, Background. Desk, 2 November 2026. <https://example.org/grain?x=1&y=2>",
		`**Note:** ask \<the desk\> \& \*verify\*`, "*(not found in the current text; quoted as it was)*"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
	txt := write(Text)
	if !strings.Contains(txt, "“The corridor carried 33 million tonnes of grain”\n— Grain corridor") || !strings.Contains(txt, "Note: ask <the desk> & *verify*") {
		t.Errorf("text:\n%s", txt)
	}
	html := write(HTML)
	for _, want := range []string{"Content-Security-Policy", "<cite>Grain corridor</cite>", `<a href="https://example.org/grain?x=1&amp;y=2">`,
		"ask &lt;the desk&gt; &amp; *verify*", `<blockquote cite="https://example.org/grain?x=1&amp;y=2">`} {
		if !strings.Contains(html, want) {
			t.Errorf("html lacks %q", want)
		}
	}
	if strings.Contains(html, "<script") || strings.Contains(html, "<the desk>") {
		t.Error("html lets markup through")
	}

	var doc map[string]any
	if err := json.Unmarshal([]byte(write(JSONLD)), &doc); err != nil {
		t.Fatal(err)
	}
	items := doc["first"].(map[string]any)["items"].([]any)
	a := items[0].(map[string]any)
	if a["type"] != "Annotation" || a["motivation"] != "commenting" || a["body"].(map[string]any)["value"] != "ask <the desk> & *verify*" {
		t.Errorf("annotation = %v", a)
	}
	target := a["target"].(map[string]any)
	if target["source"].(map[string]any)["id"] != "file:///lib/grain.md" {
		t.Errorf("source = %v", target["source"])
	}
	sel := target["selector"].([]any)
	quote, frag := sel[0].(map[string]any), sel[1].(map[string]any)
	pos := frag["refinedBy"].(map[string]any)
	if quote["type"] != "TextQuoteSelector" || quote["prefix"] != "Ships left Odesa in August. " || frag["value"] != "background" ||
		pos["type"] != "TextPositionSelector" || pos["start"] != float64(28) || pos["end"] != float64(28+47) {
		t.Errorf("selectors = %v", sel)
	}
	if lostSel := items[1].(map[string]any)["target"].(map[string]any)["selector"].([]any); len(lostSel) != 1 {
		t.Errorf("a quote not found has a position: %v", lostSel)
	}
}

func TestSheetEscapesHostileNotes(t *testing.T) {
	// A note with escape sequences (from a hand-edited file, cleaned by
	// the store, or not): nothing in any format may drive a terminal.
	s := sheetOf(t, "\x1b]52;c;ZXZpbA==\x07 \x1b[2J")
	for _, f := range []Format{Markdown, Text, HTML, JSONLD} {
		var buf bytes.Buffer
		if err := s.Write(&buf, f); err != nil {
			t.Fatal(err)
		}
		if bytes.ContainsAny(buf.Bytes(), "\x1b\x07") {
			t.Errorf("format %d writes control characters: %q", f, buf.String())
		}
	}
}
