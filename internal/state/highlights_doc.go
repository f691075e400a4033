package state

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
)

// highlightsDoc is highlights.json: the highlights by ID.
type highlightsDoc struct {
	Version    int                  `json:"version"`
	Highlights map[string]Highlight `json:"highlights"`
}

func (d *highlightsDoc) version() int     { return d.Version }
func (d *highlightsDoc) setVersion(v int) { d.Version = v }

// clean makes a decoded file safe to use: entries without an ID or a
// briefing dropped, text cleaned of control characters (a hand-edited
// file may hold escape sequences), offsets in order, times writable,
// old deletions forgotten, the count capped.
func (d *highlightsDoc) clean() {
	out := make(map[string]Highlight, len(d.Highlights))
	horizon := time.Now().Add(-tombstoneAge)
	for key, h := range d.Highlights {
		if h.ID == "" {
			h.ID = key
		}
		h.ID = cleanText(h.ID)
		h.Briefing = strings.ToValidUTF8(h.Briefing, "\uFFFD")
		if h.ID == "" || h.Briefing == "" || h.Deleted && h.Updated.Before(horizon) {
			continue
		}
		h.Note = cleanNote(h.Note)
		h.Section = cleanText(h.Section)
		h.Title, h.Heading = cleanText(h.Title), cleanText(h.Heading)
		h.Fingerprint = cleanText(h.Fingerprint)
		q := &h.Quote
		q.Exact, q.Prefix, q.Suffix = cleanQuote(q.Exact), cleanQuote(q.Prefix), cleanQuote(q.Suffix)
		q.Start = max(q.Start, 0)
		q.End = max(q.End, q.Start)
		if h.Lost != Found && h.Lost != LostText && h.Lost != LostFile {
			h.Lost = LostText
		}
		h.Created, h.Updated, h.Anchored = cleanTime(h.Created), cleanTime(h.Updated), cleanTime(h.Anchored)
		out[h.ID] = h
	}
	d.Highlights = capHighlights(out)
}

// cleanText drops control characters, newline and tab included.
func cleanText(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f {
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
}

// cleanQuote drops control characters other than newline and tab: a
// quote may span paragraphs.
func cleanQuote(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return r
		}
		if r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f {
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
}

func (d *highlightsDoc) merge(disk *highlightsDoc) {
	d.Highlights = mergeHighlights(d.Highlights, disk.Highlights)
}

// mergeHighlights returns the union of mine and theirs. For a highlight
// in both, the newer note or deletion wins, and separately the newer
// anchoring; mine on a tie.
func mergeHighlights(mine, theirs map[string]Highlight) map[string]Highlight {
	out := make(map[string]Highlight, max(len(mine), len(theirs)))
	for id, h := range theirs {
		out[id] = h
	}
	for id, m := range mine {
		t, ok := out[id]
		if !ok {
			out[id] = m
			continue
		}
		out[id] = mergeHighlight(m, t)
	}
	return capHighlights(out)
}

func mergeHighlight(m, t Highlight) Highlight {
	h := t
	if !t.Updated.After(m.Updated) {
		h.Note, h.Deleted, h.Updated = m.Note, m.Deleted, m.Updated
	}
	if !t.Anchored.After(m.Anchored) {
		h.Section, h.Quote, h.Lost, h.Fingerprint = m.Section, m.Quote, m.Lost, m.Fingerprint
		h.Title, h.Heading, h.Anchored = m.Title, m.Heading, m.Anchored
	}
	if !m.Created.IsZero() && (h.Created.IsZero() || m.Created.Before(h.Created)) {
		h.Created = m.Created
	}
	return h
}

// capHighlights forgets the oldest deleted highlights, then the oldest,
// beyond maxHighlights.
func capHighlights(m map[string]Highlight) map[string]Highlight {
	if len(m) <= maxHighlights {
		return m
	}
	all := make([]Highlight, 0, len(m))
	for _, h := range m {
		all = append(all, h)
	}
	slices.SortFunc(all, func(a, b Highlight) int {
		if a.Deleted != b.Deleted {
			if a.Deleted {
				return 1
			}
			return -1
		}
		return cmp.Or(b.Updated.Compare(a.Updated), cmp.Compare(a.ID, b.ID))
	})
	for _, h := range all[maxHighlights:] {
		delete(m, h.ID)
	}
	return m
}

func (d *highlightsDoc) salvageMember(key string, dec *json.Decoder) bool {
	if key != "highlights" {
		return skipValue(dec)
	}
	if d.Highlights == nil {
		d.Highlights = map[string]Highlight{}
	}
	return salvageEach(dec, func(id string, dec *json.Decoder) error {
		var h Highlight
		if err := dec.Decode(&h); err != nil {
			return err
		}
		if h.ID == "" {
			h.ID = id
		}
		d.Highlights[h.ID] = h
		if len(d.Highlights) >= 2*maxHighlights {
			d.Highlights = capHighlights(d.Highlights)
		}
		return nil
	})
}

func (d *highlightsDoc) recovered() string {
	n := 0
	for _, h := range d.Highlights {
		if !h.Deleted {
			n++
		}
	}
	switch n {
	case 0:
		return ""
	case 1:
		return "1 highlight"
	default:
		return fmt.Sprintf("%d highlights", n)
	}
}
