package corpus

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// language writes sentences, titles and single words in one language.
type language struct {
	space    string // between sentences
	sentence func(g *gen) string
	title    func(g *gen) string
	word     func(g *gen) string
}

var languages = map[string]*language{
	"en": {space: " ", sentence: enSentence, title: func(g *gen) string { return g.title() },
		word: func(g *gen) string { return g.pick(enNouns) }},
	"ko": {space: " ", sentence: koSentence, title: koTitle, word: func(g *gen) string { return g.pick(koNouns) }},
	"zh": {space: "", sentence: zhSentence, title: zhTitle, word: func(g *gen) string { return g.pick(zhWords) }},
	"fr": european(frWords, frFunction, frVerbs),
	"de": european(deWords, deFunction, deVerbs),
	"es": european(esWords, esFunction, esVerbs),
}

// pick draws a word from a list ordered by frequency, with a Zipf
// distribution: the first word is the most common.
func (g *gen) pick(list []string) string {
	if len(list) == 1 {
		return list[0]
	}
	z := rand.NewZipf(g.r, 1.1, 2, uint64(len(list)-1))
	return list[z.Uint64()]
}

// enTemplates are sentence shapes. Slots: {N} noun, {A} adjective, {V} past
// verb, {P} present verb, {R} preposition, {D} adverb, {L} place, {F} full
// name, {O} organisation, {M} month, {Y} year, {K} number, {H} phrase,
// {C} connector.
var enTemplates = []string{
	"The {A} {N} {V} the {N} {R} {L}.",
	"{F}, a {A} {N} at {O}, {V} that the {N} {P} {D} {A}.",
	"{C} the {N} {V} {K} {N} {R} the {N} {R} {M} {Y}.",
	"The {H} {P} {D} {A}, and the {N} {V} the {N}.",
	"In {L}, the {N} {V} the {H} {R} the {A} {N}.",
	"{O} {V} the {N} {R} the {N}, which {P} {A} {R} the {H}.",
	"{F} {V} the {A} {N} {D}, saying the {N} {P} the {H}.",
	"Few {N} {V} the {N} {R} {L} {R} {M}.",
	"{C} {F} {V} that the {A} {H} {P} {D} {A} {R} the {N}.",
	"The {N} of {L} {P} {A}, {R} the {N} {V} the {N} {D}.",
}

func enSentence(g *gen) string {
	t := enTemplates[g.r.IntN(len(enTemplates))]
	var sb strings.Builder
	for {
		i := strings.IndexByte(t, '{')
		if i < 0 {
			sb.WriteString(t)
			break
		}
		sb.WriteString(t[:i])
		sb.WriteString(g.slot(t[i+1]))
		t = t[i+3:]
	}
	return capitalize(sb.String())
}

func (g *gen) slot(code byte) string {
	switch code {
	case 'N':
		return g.pick(enNouns)
	case 'A':
		return g.pick(enAdjectives)
	case 'V':
		return g.pick(enVerbs)
	case 'P':
		return g.pick(enPresent)
	case 'R':
		return g.pick(enPreps)
	case 'D':
		return g.pick(enAdverbs)
	case 'L':
		return g.pick(enPlaces)
	case 'F':
		return g.pick(enFirstNames) + " " + g.pick(enLastNames)
	case 'O':
		return g.pick(enOrgs)
	case 'M':
		return months[g.r.IntN(len(months))]
	case 'Y':
		return fmt.Sprint(2010 + g.r.IntN(17))
	case 'K':
		return fmt.Sprint(2 + g.r.IntN(900))
	case 'H':
		return g.pick(enPhrases)
	case 'C':
		return enConnectors[g.r.IntN(len(enConnectors))]
	}
	return ""
}

func koSentence(g *gen) string {
	var parts []string
	for range 2 + g.r.IntN(4) {
		parts = append(parts, g.pick(koNouns)+g.pick(koParticles))
	}
	if g.r.IntN(3) == 0 {
		parts = append(parts, g.pick(koAdverbs))
	}
	parts = append(parts, g.pick(koVerbs))
	return strings.Join(parts, " ") + "."
}

func koTitle(g *gen) string {
	return g.pick(koNouns) + " " + g.pick(koNouns) + g.pick(koParticles) + " " + g.pick(koNouns)
}

func zhSentence(g *gen) string {
	var clauses []string
	for range 1 + g.r.IntN(3) {
		var sb strings.Builder
		for range 2 + g.r.IntN(3) {
			sb.WriteString(g.pick(zhWords))
			if g.r.IntN(2) == 0 {
				sb.WriteString(g.pick(zhLinks))
			}
		}
		sb.WriteString(g.pick(zhVerbs))
		sb.WriteString(g.pick(zhWords))
		clauses = append(clauses, sb.String())
	}
	return strings.Join(clauses, "，") + "。"
}

func zhTitle(g *gen) string {
	return g.pick(zhWords) + g.pick(zhWords) + g.pick(zhLinks) + g.pick(zhWords)
}

// european makes a language from content words, function words and verbs.
func european(words, function, verbs []string) *language {
	sentence := func(g *gen) string {
		var parts []string
		n := 3 + g.r.IntN(5)
		for i := range n {
			if i == n/2 {
				parts = append(parts, g.pick(verbs))
			}
			parts = append(parts, g.pick(function), g.pick(words))
		}
		s := strings.Join(parts, " ")
		return capitalize(s) + "."
	}
	title := func(g *gen) string {
		w := g.pick(words)
		return capitalize(w) + " " + g.pick(function) + " " + g.pick(words)
	}
	return &language{space: " ", sentence: sentence, title: title, word: func(g *gen) string { return g.pick(words) }}
}
