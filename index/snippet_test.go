package index

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestBuildSnippets(t *testing.T) {
	long := strings.Repeat("Filler words go here and there. ", 20)
	text := "Opening line about nothing. " + long + "The first target sits here. " + long + "A second target comes last."
	first := strings.Index(text, "target")
	second := strings.LastIndex(text, "target")
	snips := buildSnippets(text, [][2]int{{first, first + 6}, {second, second + 6}})
	if len(snips) != 2 {
		t.Fatalf("%d snippets, want 2: %+v", len(snips), snips)
	}
	for _, s := range snips {
		if len(s.Matches) != 1 || s.Text[s.Matches[0][0]:s.Matches[0][1]] != "target" {
			t.Errorf("snippet %q matches %v", s.Text, s.Matches)
		}
		if text[s.Start:s.Start+len(s.Text)] != s.Text {
			t.Errorf("Start %d does not locate %q", s.Start, s.Text)
		}
		if !atBoundary(text, s.Start) || !atBoundary(text, s.Start+len(s.Text)) {
			t.Errorf("snippet %q cuts a word", s.Text)
		}
		if n := utf8.RuneCountInString(s.Text); n > snippetRunes {
			t.Errorf("snippet of %d runes", n)
		}
	}
	if !strings.HasPrefix(snips[0].Text, "The first target") || !strings.HasPrefix(snips[1].Text, "A second target") {
		t.Errorf("snippets do not start at sentence starts: %q / %q", snips[0].Text, snips[1].Text)
	}
	if !snips[0].After || snips[1].After {
		t.Errorf("After flags: %v %v", snips[0].After, snips[1].After)
	}

	// Without matches, the start of the text.
	snips = buildSnippets("Short body.\nSecond line.", nil)
	if len(snips) != 1 || snips[0].Text != "Short body. Second line." || snips[0].Start != 0 || snips[0].After {
		t.Errorf("no-match snippet: %+v", snips)
	}
	if buildSnippets("  \n", nil) != nil {
		t.Error("snippet for empty text")
	}
	// Many matches close together stay in one fragment.
	dense := "alpha beta alpha beta alpha beta alpha"
	snips = buildSnippets(dense, [][2]int{{0, 5}, {11, 16}, {22, 27}, {33, 38}})
	if len(snips) != 1 || len(snips[0].Matches) != 4 {
		t.Errorf("dense: %+v", snips)
	}
}

func TestMergeRanges(t *testing.T) {
	got := mergeRanges([][2]int{{6, 9}, {0, 6}, {3, 6}, {12, 15}, {13, 14}})
	want := [][2]int{{0, 9}, {12, 15}}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("got %v, want %v", got, want)
	}
}

// TestSnippetRangesInMultibyteText checks that match byte ranges land on
// the matched words in CJK, Korean, accented and emoji text.
func TestSnippetRangesInMultibyteText(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	writeFiles(t, lib, map[string]string{
		"fr.md":    "# Élection\n\nLe président français a visité Séoul. Les électeurs « votent » demain; l'Œuvre est là.\n",
		"zh.md":    "# 北京\n\n北京大学的学生在上海参加会议。记者报道了北京的消息。\n",
		"ko.md":    "# 북한\n\n북한군이 러시아에 파병되었다. 정부는 북한군의 이동을 확인했다.\n",
		"emoji.md": "# Party\n\n🎉🎉 The party👏 started at 🕛 midnight — naïve café-goers cheered 🥳.\n",
		"de.md":    "# Straße\n\nDie Straße nach Köln war gesperrt, sagte der Bürgermeister.\n",
	})
	ix := openDir(t, lib, cache)
	mustSync(t, ix)
	tests := []struct {
		query string
		file  string
		want  []string // the matched text, in order
	}{
		{"president", "fr.md", []string{"président"}},
		{"SEOUL electeurs", "fr.md", []string{"Séoul", "électeurs"}},
		{"oeuvre", "fr.md", []string{"Œuvre"}},
		{"votent", "fr.md", []string{"votent"}},
		{"北京", "zh.md", []string{"北京", "北京"}},
		{"北京大学", "zh.md", []string{"北京大学"}},
		{"上海", "zh.md", []string{"上海"}},
		{"북한군", "ko.md", []string{"북한군", "북한군"}},
		{"러시아", "ko.md", []string{"러시아"}},
		{"party midnight", "emoji.md", []string{"party", "midnight"}},
		{"naive cafe", "emoji.md", []string{"naïve", "café"}},
		{"strasse koln", "de.md", []string{"Straße", "Köln"}},
		{"burgermeister", "de.md", []string{"Bürgermeister"}},
		{"par", "emoji.md", []string{"party"}}, // as you type
		{"prési", "fr.md", []string{"président"}},
	}
	for _, tt := range tests {
		res, err := ix.Search(context.Background(), Request{Query: tt.query, AsYouType: true})
		if err != nil {
			t.Fatalf("%q: %v", tt.query, err)
		}
		if len(res.Hits) != 1 || res.Hits[0].RelPath != tt.file {
			t.Errorf("%q: hits %+v", tt.query, res.Hits)
			continue
		}
		var got []string
		for _, s := range res.Hits[0].Snippets {
			for _, m := range s.Matches {
				if !utf8.ValidString(s.Text[:m[0]]) || !utf8.ValidString(s.Text[m[0]:m[1]]) {
					t.Errorf("%q: range %v splits a character in %q", tt.query, m, s.Text)
				}
				got = append(got, s.Text[m[0]:m[1]])
			}
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%q: matched %q, want %q", tt.query, got, tt.want)
		}
	}
}
