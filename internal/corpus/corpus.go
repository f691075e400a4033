// Package corpus generates libraries of realistic, deterministic briefings
// for tests and benchmarks: YAML front matter (title, date, author, tags,
// summary), 4–10 "##" sections with paragraphs, lists, block quotes, now and
// then a table, a "###" subsection or a presenter note, and words drawn from
// Zipf-distributed vocabularies in English, Korean, Chinese, French, German
// and Spanish. All prose comes from the word lists in this package.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Options tunes Generate. The zero value makes short English briefings
// with seed 0.
type Options struct {
	// Seed selects the corpus: the same seed, index and options always
	// give the same briefing.
	Seed uint64
	// Long makes every briefing long: 8–14 sections of 6–12 paragraphs
	// of 4–8 sentences (about 30–120 KB each, depending on the language).
	Long bool
	// Langs are the languages briefings are drawn from, round-robin by
	// index: "en", "ko", "zh", "fr", "de", "es". Default: English only.
	Langs []string
	// PerDir is the number of files per sub-folder (default 500).
	PerDir int
}

// Languages lists the language codes Options.Langs accepts.
var Languages = []string{"en", "ko", "zh", "fr", "de", "es"}

// Generate writes n briefings into dir, in sub-folders of Options.PerDir
// files. Each file's modification time is set to a time on the briefing's
// date, so repeated runs give identical trees and a sync sees no change.
func Generate(dir string, n int, opts Options) error {
	if err := opts.validate(); err != nil {
		return err
	}
	per := opts.PerDir
	if per <= 0 {
		per = 500
	}
	for i := range n {
		rel, data, mtime := Briefing(i, opts)
		path := filepath.Join(dir, fmt.Sprintf("%03d", i/per), rel)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return fmt.Errorf("generate: %w", err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return fmt.Errorf("generate: %w", err)
		}
		if err := os.Chtimes(path, mtime, mtime); err != nil {
			return fmt.Errorf("generate: %w", err)
		}
	}
	return nil
}

func (o Options) validate() error {
	for _, l := range o.Langs {
		if _, ok := languages[l]; !ok {
			return fmt.Errorf("unknown language %q: use %s", l, strings.Join(Languages, ", "))
		}
	}
	return nil
}

// Briefing returns briefing number i: its file name, its content and the
// modification time Generate gives it.
func Briefing(i int, opts Options) (name string, data []byte, mtime time.Time) {
	r := rand.New(rand.NewPCG(opts.Seed, uint64(i)))
	lang := "en"
	if len(opts.Langs) > 0 {
		lang = opts.Langs[i%len(opts.Langs)]
	}
	g := &gen{r: r, lang: languages[lang], en: languages["en"]}
	date := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(10*365)) // 2015–2024: modification times stay in the past
	title := g.title()
	var sb strings.Builder
	fmt.Fprintf(&sb, "---\ntitle: %q\ndate: %s\nauthor: %s %s\n", title, date.Format("2006-01-02"),
		g.pick(enFirstNames), g.pick(enLastNames))
	tags := g.tags()
	fmt.Fprintf(&sb, "tags: [%s]\nsummary: %q\n---\n\n", strings.Join(tags, ", "), g.sentence())
	sb.WriteString(g.paragraph(2, 4))
	g.sentences = [2]int{2, 6}
	sections, paras := 4+r.IntN(7), [2]int{1, 4}
	if opts.Long {
		sections, paras, g.sentences = 8+r.IntN(7), [2]int{6, 12}, [2]int{4, 8}
	}
	for s := range sections {
		fmt.Fprintf(&sb, "## %s\n\n", g.heading(s))
		g.sectionBody(&sb, paras)
	}
	name = fmt.Sprintf("%s-%06d.md", slug(title), i)
	return name, []byte(sb.String()), date.Add(time.Duration(9+r.IntN(9)) * time.Hour)
}

// gen writes text in one language.
type gen struct {
	r         *rand.Rand
	lang      *language
	en        *language
	sentences [2]int // per paragraph in sections
}

func (g *gen) sectionBody(sb *strings.Builder, paras [2]int) {
	n := paras[0] + g.r.IntN(paras[1]-paras[0]+1)
	for p := range n {
		sb.WriteString(g.paragraph(g.sentences[0], g.sentences[1]))
		switch x := g.r.IntN(100); {
		case x < 12 && p == 0:
			for range 3 + g.r.IntN(4) {
				fmt.Fprintf(sb, "- %s\n", g.listItem())
			}
			sb.WriteByte('\n')
		case x < 18:
			fmt.Fprintf(sb, "> %s\n\n", g.sentence())
		case x < 22:
			g.table(sb)
		case x < 26:
			fmt.Fprintf(sb, "<!-- note: %s -->\n\n", g.sentence())
		case x < 30:
			fmt.Fprintf(sb, "### %s\n\n%s", g.heading(g.r.IntN(20)), g.paragraph(1, 3))
		}
	}
}

func (g *gen) paragraph(lo, hi int) string {
	var sb strings.Builder
	n := lo + g.r.IntN(hi-lo+1)
	for i := range n {
		if i > 0 {
			sb.WriteString(g.lang.space)
		}
		s := g.sentence()
		if g.r.IntN(8) == 0 && g.lang == g.en {
			s = emphasize(g.r, s)
		}
		sb.WriteString(s)
	}
	sb.WriteString("\n\n")
	return sb.String()
}

func (g *gen) sentence() string { return g.lang.sentence(g) }

func (g *gen) listItem() string {
	s := g.sentence()
	if g.r.IntN(3) == 0 {
		return "**" + strings.TrimRight(s, ".。") + "**"
	}
	return s
}

func (g *gen) table(sb *strings.Builder) {
	sb.WriteString("| Item | Figure | Note |\n| --- | ---: | --- |\n")
	for range 2 + g.r.IntN(4) {
		fmt.Fprintf(sb, "| %s | %d | %s |\n", g.lang.word(g), 10+g.r.IntN(9990), g.lang.word(g))
	}
	sb.WriteByte('\n')
}

func (g *gen) title() string {
	if g.lang != g.en {
		return g.lang.title(g)
	}
	switch g.r.IntN(3) {
	case 0:
		return fmt.Sprintf("%s %s in %s", capitalize(g.pick(enAdjectives)), capitalize(g.pick(enNouns)), g.pick(enPlaces))
	case 1:
		return fmt.Sprintf("%s and the %s of %s", g.pick(enPlaces), capitalize(g.pick(enNouns)), capitalize(g.pick(enNouns)))
	default:
		return fmt.Sprintf("Why the %s %s %s", g.pick(enNouns), g.pick(enVerbs), g.pick(enPlaces))
	}
}

func (g *gen) heading(i int) string {
	if g.lang != g.en {
		return g.lang.title(g)
	}
	if g.r.IntN(2) == 0 {
		return headingNouns[(i+g.r.IntN(3))%len(headingNouns)]
	}
	return fmt.Sprintf("The %s %s", capitalize(g.pick(enAdjectives)), capitalize(g.pick(enNouns)))
}

func (g *gen) tags() []string {
	n := 2 + g.r.IntN(4)
	seen := map[string]bool{}
	var tags []string
	for len(tags) < n {
		t := g.pick(tagWords)
		if !seen[t] {
			seen[t] = true
			tags = append(tags, t)
		}
	}
	return tags
}

func emphasize(r *rand.Rand, s string) string {
	words := strings.Fields(s)
	if len(words) < 4 {
		return s
	}
	i := 1 + r.IntN(len(words)-2)
	marks := []string{"*", "**", "`"}[r.IntN(3)]
	words[i] = marks + strings.Trim(words[i], ",.") + marks
	return strings.Join(words, " ")
}

// capitalize upper-cases the first letter of s.
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// slug makes a file name from a title: ASCII letters and digits, dashes.
func slug(s string) string {
	var sb strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && sb.Len() > 0 {
				sb.WriteByte('-')
			}
			sb.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
		if sb.Len() > 48 {
			break
		}
	}
	if sb.Len() == 0 {
		return "briefing"
	}
	return sb.String()
}
