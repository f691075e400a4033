package index

import (
	"github.com/blevesearch/bleve/v2/search"
)

// proximity scores how close together the words of a query stand in a
// section, as the sequential dependence model does (Metzler and Croft, "A
// Markov random field model for term dependencies", 2005): each pair of
// words next to each other in the query earns a bonus when the section has
// them in that order within orderedWindow positions ("north korean"), and a
// smaller one when it has them in any order within unorderedWindow
// positions. Counts are saturated as term frequencies are in BM25 and
// weighed by the rarer word's IDF. Positions count the words of a field,
// stop words included, so "shock and sound" has shock and sound two apart.
type proximity struct {
	group map[fieldTermKey]int // which query word a field's term is
	idf   []float64            // of each query word
}

type fieldTermKey struct{ field, term string }

// Proximity weights and windows.
const (
	orderedWeight   = 0.25
	unorderedWeight = 0.1
	orderedWindow   = 2
	unorderedWindow = 8
)

func newProximity(groups []wordGroup) *proximity {
	p := &proximity{group: map[fieldTermKey]int{}, idf: make([]float64, len(groups))}
	for g, grp := range groups {
		p.idf[g] = 1
		if len(grp.words) > 0 {
			p.idf[g] = grp.words[0].lastIDF()
		}
		for _, t := range grp.terms {
			p.group[fieldTermKey{t.field, t.term}] = g
		}
	}
	return p
}

// score is the proximity bonus of a section, from the locations of the
// query's words in it.
func (p *proximity) score(locs search.FieldTermLocationMap) float64 {
	score := 0.0
	positions := make([][]uint64, len(p.idf))
	for field, terms := range locs {
		for g := range positions {
			positions[g] = positions[g][:0]
		}
		for term, list := range terms {
			g, ok := p.group[fieldTermKey{field, term}]
			if !ok {
				continue
			}
			for _, l := range list {
				positions[g] = append(positions[g], l.Pos)
			}
		}
		for g := 0; g+1 < len(positions); g++ {
			ordered, unordered := pairCounts(positions[g], positions[g+1])
			w := min(p.idf[g], p.idf[g+1])
			score += orderedWeight * w * saturate(ordered)
			score += unorderedWeight * w * saturate(unordered)
		}
	}
	return score
}

// pairCounts counts the occurrences of b at most orderedWindow positions
// after one of a, and the pairs of a and b at most unorderedWindow apart.
func pairCounts(a, b []uint64) (ordered, unordered float64) {
	for _, x := range a {
		for _, y := range b {
			if y > x && y-x <= orderedWindow {
				ordered++
			}
			if x != y && max(x, y)-min(x, y) <= unorderedWindow {
				unordered++
			}
		}
	}
	return ordered, unordered
}

// saturate is BM25's term frequency saturation.
func saturate(n float64) float64 {
	return n * (bm25K1 + 1) / (n + bm25K1)
}
