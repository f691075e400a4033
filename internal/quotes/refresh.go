package quotes

import (
	"fmt"
	"strings"

	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/internal/state"
)

// ReadBriefing reads the briefing at path, as a highlight names it: a
// file, or a briefing of the built-in sample library.
func ReadBriefing(path string, opts briefings.LoadOptions) (*briefings.Briefing, error) {
	if strings.HasPrefix(path, briefings.BuiltinPrefix) {
		for _, b := range briefings.LoadSample().Briefings {
			if b.Path == path {
				return b, nil
			}
		}
		return nil, fmt.Errorf("%s is not in the sample library", path)
	}
	f, err := briefings.StatFile(path)
	if err != nil {
		return nil, err
	}
	return briefings.ReadFile(f, opts)
}

// Refresh finds the highlights of the briefing at path again in b, its
// text as now read (nil when the file is gone or cannot be read: they are
// then marked state.LostFile), records what changed in the store, and
// returns the briefing's highlights. It does not save the store.
func Refresh(store *state.HighlightStore, path string, b *briefings.Briefing) []state.Highlight {
	hs := store.ForBriefing(path)
	if len(hs) == 0 {
		return nil
	}
	var changed []state.Highlight
	if b == nil {
		changed = Missing(hs)
	} else {
		changed = Reanchor(b, hs, nil)
	}
	if len(changed) == 0 {
		return hs
	}
	store.Reanchored(changed)
	return store.ForBriefing(path)
}
