package index

import (
	"context"
	"testing"
)

func TestSuggest(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	writeFiles(t, lib, map[string]string{
		"kr.md": "# North Korean troops\n\nThousands of North Korean soldiers arrived near the front line " +
			"in Kursk; the soldiers were seen in uniform.\n",
		"ua.md": "# Missiles\n\nUkraine may strike with long-range missiles.\n",
	})
	ix := openDir(t, lib, cache)
	mustSync(t, ix)
	tests := []struct {
		query   string
		literal bool
		want    string
	}{
		{"north korian troops", false, "north korean troops"},
		{"soldeirs in kursk", false, "soldiers in kursk"},
		{"+missles -russia", false, "+missiles -russia"},
		{`"north korean" sodliers`, false, `"north korean" soldiers`},
		{"troop", false, ""},    // known in another form
		{"soldiers", false, ""}, // known
		{"xyzzyq", false, ""},   // nothing close
		{"ab", false, ""},       // too short to guess
		{"missil*", false, ""},  // a pattern is not a word
		{"He said: (missles", true, "He said: (missiles"},
	}
	for _, tt := range tests {
		res, err := ix.Search(context.Background(), Request{Query: tt.query, Literal: tt.literal})
		if err != nil {
			t.Errorf("%q: %v", tt.query, err)
			continue
		}
		if res.Suggestion != tt.want {
			t.Errorf("%q: suggestion %q, want %q", tt.query, res.Suggestion, tt.want)
		}
	}
}
