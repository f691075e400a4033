package index

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestQueryErrors(t *testing.T) {
	tests := []struct {
		query string
		pos   int
		msg   string
	}{
		{`"north korean`, 0, "no closing quote"},
		{`troops "north korean`, 7, "no closing quote"},
		{`""`, 0, "quotes are empty"},
		{`"  "`, 0, "quotes are empty"},
		{`title:`, 6, `"title:" needs a word`},
		{`title: ukraine`, 6, `"title:" needs a word`},
		{`color:red`, 0, `there is no field "color:"`},
		{`+-word`, 1, "either + (must contain) or - (must not contain)"},
		{`-russia`, 0, "only excludes words"},
		{`-russia -ukraine`, 0, "only excludes words"},
		{`OR ukraine`, 0, "OR must stand between two words"},
		{`ukraine OR`, 10, "OR must stand between two words"},
		{`ukraine OR OR russia`, 11, "two ORs in a row"},
		{`+ukraine OR russia`, 0, "OR cannot join words marked with + or -"},
		{`ukraine~3`, 7, "1 or 2"},
		{`ukraine~x`, 7, "1 or 2"},
		{`ukraine^`, 7, "positive number"},
		{`ukraine^x`, 7, "positive number"},
		{`ukraine^-2`, 7, "positive number"},
		{`*raine`, 0, "at least one letter before it"},
		{`?kraine`, 0, "at least one letter before it"},
		{`kor*~`, 0, "fuzzy (~) or have wildcards"},
		{`"north korea"~2`, 13, "not on phrases"},
		{`"north korea"x`, 13, "space after the closing quote"},
		{`date:yesterday`, 5, `"yesterday" is not a date`},
		{`date:>`, 5, `"" is not a date`},
		{`date:2024-13`, 5, "is not a date"},
		{`date:..`, 5, "is not a date"},
		{`date:2025..2024`, 5, "range \"2025..2024\" is empty"},
		{`tag:,`, 4, "needs a value between the commas"},
		{`tag:"new york",x`, 14, "space after the closing quote"},
		{`date:2024,someday`, 10, `"someday" is not a date`},
		{strings.Repeat("w ", maxClauses+1), 2 * maxClauses, "more than 64 words"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			_, err := parseQuery(tt.query, false)
			var qe *QueryError
			if !errors.As(err, &qe) {
				t.Fatalf("err = %v, want a *QueryError", err)
			}
			if qe.Pos != tt.pos || !strings.Contains(qe.Msg, tt.msg) || qe.Query != tt.query {
				t.Errorf("got pos %d msg %q, want pos %d msg containing %q", qe.Pos, qe.Msg, tt.pos, tt.msg)
			}
			if !strings.Contains(qe.Error(), "(at column ") {
				t.Errorf("Error() = %q", qe.Error())
			}
		})
	}
}

func TestQueryErrorColumnCountsCharacters(t *testing.T) {
	_, err := parseQuery(`북한 "군대`, false)
	var qe *QueryError
	if !errors.As(err, &qe) || !strings.HasSuffix(qe.Error(), "(at column 4)") {
		t.Errorf("err = %v", err)
	}
}

func TestParseQuery(t *testing.T) {
	tests := []struct {
		query string
		want  string
	}{
		{`north korean troops`, "word:north word:korean word:troops"},
		{`"north korean" troops`, `phrase:north korean word:troops`},
		{`+ukraine -russia`, "+word:ukraine -word:russia"},
		{`ukraine OR russia nato`, "or(word:ukraine|word:russia) word:nato"},
		{`a OR b OR c`, "or(word:a|word:b|word:c)"},
		{`title:atacms section:conclusion heading:x body:y text:z`, "title=word:atacms heading=word:conclusion heading=word:x body=word:y body=word:z"},
		{`tag:north-korea author:"brief desk"`, `tag=word:north-korea author=phrase:brief desk`},
		{`missil* wo?d ukrane~ ukrane~2 troops^2`, "prefix:missil wildcard:wo?d fuzzy1:ukrane fuzzy2:ukrane word:troops^2"},
		{`date:2024 date:>2024-06 date:<=2024-06-30 date:2023..2024`, "date=date[2024-01-01,2025-01-01) date=date[2024-07-01,) date=date[,2024-07-01) date=date[2023-01-01,2025-01-01)"},
		{`10:30 https://example.com 2014 - 2022`, "word:10:30 word:https://example.com word:2014 word:2022"},
		{`a\*b \"quoted\"`, `word:a*b word:"quoted"`},
		{`tag:nato,ukraine folder:europe/east lang:de,fr`, "tag=or(tag=word:nato|tag=word:ukraine) folder=word:europe/east lang=or(lang=word:de|lang=word:fr)"},
		{`date:2023,2025 dir:a language:en`, "date=or(date=date[2023-01-01,2024-01-01)|date=date[2025-01-01,2026-01-01)) folder=word:a lang=word:en"},
		{`tag:nato, x`, "tag=or(tag=word:nato) word:x"},
		{``, ""},
	}
	for _, tt := range tests {
		clauses, err := parseQuery(tt.query, false)
		if err != nil {
			t.Errorf("%q: %v", tt.query, err)
			continue
		}
		if got := describe(clauses); got != tt.want {
			t.Errorf("%q:\n got %s\nwant %s", tt.query, got, tt.want)
		}
	}
}

func TestParseQueryAsYouType(t *testing.T) {
	tests := []struct {
		query string
		want  string
	}{
		{`north kor`, "word:north word:kor…"},
		{`north kor `, "word:north word:kor"},
		{`"north kor`, "phrase:north kor"},
		{`north title:`, "word:north"},
		{`north -`, "word:north"},
		{`north OR`, "word:north"},
		{`tag:nat`, "tag=word:nat"},
		{`-russ`, ""},
	}
	for _, tt := range tests {
		clauses, err := parseQuery(tt.query, true)
		if tt.query == "-russ" {
			if err == nil {
				t.Errorf("%q: no error", tt.query)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", tt.query, err)
			continue
		}
		if got := describe(clauses); got != tt.want {
			t.Errorf("%q: got %s, want %s", tt.query, got, tt.want)
		}
	}
}

// describe writes clauses compactly for comparisons.
func describe(clauses []clause) string {
	var parts []string
	for _, c := range clauses {
		parts = append(parts, describeClause(c))
	}
	return strings.Join(parts, " ")
}

func describeClause(c clause) string {
	var sb strings.Builder
	if c.op != 0 {
		sb.WriteByte(c.op)
	}
	if c.field != "" {
		sb.WriteString(c.field + "=")
	}
	switch c.kind {
	case kindWord:
		sb.WriteString("word:" + c.text)
	case kindPhrase:
		sb.WriteString("phrase:" + c.text)
	case kindPrefix:
		sb.WriteString("prefix:" + c.text)
	case kindWildcard:
		sb.WriteString("wildcard:" + c.text)
	case kindFuzzy:
		sb.WriteString("fuzzy" + string(rune('0'+c.fuzziness)) + ":" + c.text)
	case kindDate:
		sb.WriteString("date[")
		if !c.from.IsZero() {
			sb.WriteString(c.from.Format("2006-01-02"))
		}
		sb.WriteByte(',')
		if !c.to.IsZero() {
			sb.WriteString(c.to.Format("2006-01-02"))
		}
		sb.WriteByte(')')
	case kindOr:
		var alts []string
		for _, a := range c.alts {
			alts = append(alts, describeClause(a))
		}
		sb.WriteString("or(" + strings.Join(alts, "|") + ")")
	}
	if c.boost > 0 {
		sb.WriteString("^" + strconv.FormatFloat(c.boost, 'g', -1, 64))
	}
	if c.asYouType {
		sb.WriteString("…")
	}
	return sb.String()
}

func TestSearchSyntax(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	writeFiles(t, lib, map[string]string{
		"kr.md": "---\ntitle: North Korean troops in Kursk\nauthor: Mina Sato\ntags: [North-Korea, Russia]\ndate: 2024-11-02\n---\n\n" +
			"## Deployment\n\nThousands of North Korean soldiers arrived near the front line.\n\n" +
			"## Reaction\n\nSeoul reacted with alarm; the troops' arrival was confirmed.\n",
		"ua.md": "---\ntitle: Ukraine and the missiles\nauthor: Lars Petrov\ntags: [ukraine]\ndate: 2023-03-10\n---\n\n" +
			"## Missiles\n\nUkraine may strike with long-range missiles. The who and the what.\n\n" +
			"## Korea\n\nSouth Korea sends shells, not troops.\n",
	})
	ix := openDir(t, lib, cache)
	mustSync(t, ix)
	tests := []struct {
		query string
		want  []string
	}{
		{`north korean troops`, []string{"kr.md#reaction", "kr.md#deployment", "ua.md#korea"}},
		{`"north korean soldiers"`, []string{"kr.md#deployment"}},
		{`korea -north`, []string{"ua.md#korea"}},
		{`+missiles +strike`, []string{"ua.md#missiles"}},
		{`kursk OR shells`, []string{"ua.md#korea", "kr.md#deployment", "kr.md#reaction"}},
		{`heading:korea`, []string{"ua.md#korea"}},
		{`section:reaction`, []string{"kr.md#reaction"}},
		{`title:missiles`, []string{"ua.md#missiles", "ua.md#korea"}},
		{`tag:north-korea soldiers`, []string{"kr.md#deployment"}},
		{`tag:NORTH-KOREA seoul`, []string{"kr.md#reaction"}},
		{`author:sato seoul`, []string{"kr.md#reaction"}},
		{`author:"lars petrov" shells`, []string{"ua.md#korea"}},
		{`date:2024 seoul`, []string{"kr.md#reaction"}},
		{`date:<2024 troops`, []string{"ua.md#korea"}},
		{`date:2023-03..2023-03 troops`, []string{"ua.md#korea"}},
		{`missil*`, []string{"ua.md#missiles", "ua.md#korea"}},
		{`sold?ers`, []string{"kr.md#deployment"}},
		{`soldeirs~2`, []string{"kr.md#deployment"}},
		{`solders~`, []string{"kr.md#deployment"}},
		{`the who`, []string{"ua.md#missiles", "ua.md#korea", "kr.md#reaction", "kr.md#deployment"}},
		{`the troops`, []string{"kr.md#reaction", "kr.md#deployment", "ua.md#korea"}},
		{`(seoul)`, []string{"kr.md#reaction"}},
		{`...`, nil},
	}
	for _, tt := range tests {
		got := hits(t, ix, tt.query)
		switch tt.query {
		case "north korean troops", "the who":
			// Sections with every word first; the order of the others
			// depends on close scores.
			if len(got) == 0 || got[0] != tt.want[0] && tt.query == "the who" ||
				strings.Join(sorted(got), " ") != strings.Join(sorted(tt.want), " ") {
				t.Errorf("%q: got %q, want %q (first one first)", tt.query, got, tt.want)
			}
			continue
		}
		if tt.query == "kursk OR shells" || tt.query == "the troops" ||
			tt.query == "title:missiles" || tt.query == "missil*" {
			// Order depends on scores that are ties or close; compare sets.
			if strings.Join(sorted(got), " ") != strings.Join(sorted(tt.want), " ") {
				t.Errorf("%q: got %q, want %q", tt.query, got, tt.want)
			}
			continue
		}
		if strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("%q: got %q, want %q", tt.query, got, tt.want)
		}
	}

	// Filters and paging.
	res, err := ix.Search(context.Background(), Request{Query: "troops", Tags: []string{"ukraine"}})
	if err != nil || res.Total != 1 || res.Hits[0].Anchor != "korea" {
		t.Errorf("tag filter: %+v %v", res, err)
	}
	res, err = ix.Search(context.Background(), Request{Tags: []string{"russia"}})
	if err != nil || res.Total != 2 {
		t.Errorf("tags only: %+v %v", res, err)
	}
	res, err = ix.Search(context.Background(), Request{Query: "troops", Paths: []string{res.Hits[0].Path}})
	if err != nil || res.Total != 2 || res.Hits[0].RelPath != "kr.md" || res.Hits[1].RelPath != "kr.md" {
		t.Errorf("path filter: %+v %v", res, err)
	}
	res, err = ix.Search(context.Background(), Request{Query: "troops", Limit: 1, Offset: 1})
	if err != nil || res.Total != 3 || len(res.Hits) != 1 {
		t.Errorf("paging: %+v %v", res, err)
	}
	res, err = ix.Search(context.Background(), Request{Query: "troops", Sort: SortDate})
	if err != nil || len(res.Hits) != 3 || res.Hits[2].RelPath != "ua.md" {
		t.Errorf("sort by date: %+v %v", res, err)
	}
	res, err = ix.Search(context.Background(), Request{Query: "troops"})
	if err != nil || len(res.Tags) != 3 {
		t.Errorf("tag facets: %+v %v", res.Tags, err)
	}
	if _, err := ix.Search(context.Background(), Request{Query: `"north`}); err == nil {
		t.Error("no error for an unclosed phrase")
	}
	res, err = ix.Search(context.Background(), Request{Query: `"north korean`, Literal: true})
	if err != nil || res.Total != 2 {
		t.Errorf("literal fallback: %+v %v", res, err)
	}

	// As you type.
	// Words are best-match: "soldiers sei" finds the soldiers, "north kor"
	// also the section about South Korea.
	for q, want := range map[string]uint64{"sol": 1, "soldiers sei": 1, "seo": 1, "north kor": 3, "north k": 2, "s": 0, "korea sou": 1} {
		res, err := ix.Search(context.Background(), Request{Query: q, AsYouType: true})
		if err != nil || res.Total != want {
			t.Errorf("as you type %q: %d hits, %v; want %d", q, res.Total, err, want)
		}
	}
}

func sorted(s []string) []string {
	out := append([]string(nil), s...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{`"north korean" troops`, `+a -b c OR d`, `title:x^2 tag:y date:>=2024-01`,
		`kor* wo?d ukrane~2`, `date:2023..2024`, `"unclosed`, `북한 "군대"`, `a\"b\\`} {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, q string, asYouType bool) {
		clauses, err := parseQuery(q, asYouType)
		if err != nil {
			var qe *QueryError
			if !errors.As(err, &qe) || qe.Pos < 0 || qe.Pos > len(q) || qe.Msg == "" {
				t.Fatalf("%q: bad error %#v", q, err)
			}
			_ = qe.Error()
			return
		}
		if len(clauses) > maxClauses {
			t.Fatalf("%q: %d clauses", q, len(clauses))
		}
		if utf8.ValidString(q) {
			if _, err := compileClauses(clauses, nil); err != nil {
				t.Fatalf("%q: compile: %v", q, err)
			}
		}
	})
}

// TestBadQueries: queries people paste or mistype get results or a
// one-line error in plain words, and their words as typed always search.
func TestBadQueries(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	writeFiles(t, lib, map[string]string{
		"kr.md": "# North Korean troops\n\nThe officials said no to the deal; North Korean soldiers arrived.\n",
	})
	ix := openDir(t, lib, cache)
	mustSync(t, ix)
	long := strings.Repeat("soldiers arrived near the front line and the officials said nothing more ", 70)
	for _, q := range []string{
		"the of and", "?!...", "…", long, `He said: "no" to the deal`, `officials: "no`, `"north korean troops`,
		`(seoul`, `title:`, `title: soldiers`, "said:", `a "b" c: d (e`, "+", "-", "- -", "OR", "north OR", `""`,
		"^2", "~", "*", "date:", "tag:", "soldiers^", "soldiers~9",
	} {
		res, err := ix.Search(context.Background(), Request{Query: q})
		if err != nil {
			var qe *QueryError
			if !errors.As(err, &qe) {
				t.Errorf("%.40q: %v, want a *QueryError or results", q, err)
				continue
			}
			if msg := qe.Error(); strings.Contains(msg, "\n") || len(msg) > 300 {
				t.Errorf("%.40q: message %q is not one short line", q, msg)
			}
			// The words as typed always search.
			if _, err := ix.Search(context.Background(), Request{Query: q, Literal: true}); err != nil {
				t.Errorf("%.40q as plain words: %v", q, err)
			}
		}
		_ = res
	}
	// A pasted sentence finds its section, with or without syntax.
	for _, q := range []string{long, `He said: "no" to the deal`, `officials: "no`} {
		res, err := ix.Search(context.Background(), Request{Query: q, Literal: true})
		if err != nil || len(res.Hits) == 0 {
			t.Errorf("%.40q as plain words: %v hits, %v", q, res, err)
		}
	}
	// Stop words alone still find something.
	checkHits(t, ix, "the of and", "kr.md#north-korean-troops")
}
