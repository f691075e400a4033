package state

import (
	"encoding/json"
	"fmt"
)

// How each state file is read back from a damaged copy: entry by entry, so
// that a file cut short or broken in one place still gives up the entries
// before the break, and one entry of the wrong shape costs only itself.

func (d *stateDoc) salvageMember(key string, dec *json.Decoder) bool {
	if key != "briefings" {
		return skipValue(dec)
	}
	if d.Briefings == nil {
		d.Briefings = map[string]briefingDoc{}
	}
	return salvageEach(dec, func(path string, dec *json.Decoder) error {
		var b briefingDoc
		if err := dec.Decode(&b); err != nil {
			return err
		}
		d.Briefings[path] = b
		if len(d.Briefings) >= 2*maxBriefings {
			d.Briefings = capBriefings(d.Briefings) // memory stays bounded
		}
		return nil
	})
}

func (d *stateDoc) recovered() string {
	switch n := len(d.Briefings); n {
	case 0:
		return ""
	case 1:
		return "the reading position and bookmarks of 1 briefing"
	default:
		return fmt.Sprintf("the reading positions and bookmarks of %d briefings", n)
	}
}

func (d *historyDoc) salvageMember(key string, dec *json.Decoder) bool {
	if key != "queries" {
		return skipValue(dec)
	}
	return salvageEach(dec, func(_ string, dec *json.Decoder) error {
		var q queryEntry
		if err := dec.Decode(&q); err != nil {
			return err
		}
		d.Queries = append(d.Queries, q)
		if len(d.Queries) >= 2*maxHistory {
			d.Queries = mergeHistory(d.Queries, nil) // memory stays bounded
		}
		return nil
	})
}

func (d *historyDoc) recovered() string {
	switch n := len(d.Queries); n {
	case 0:
		return ""
	case 1:
		return "1 search query"
	default:
		return fmt.Sprintf("%d search queries", n)
	}
}
