package cli

import (
	"fmt"
	"path/filepath"

	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/index"
)

// runPrune removes the indexes nobody needs, saying which.
func (a *app) runPrune() error {
	dir := a.settings.indexDir.value
	pruned, err := index.Prune(dir)
	if err != nil {
		return err
	}
	out := newOutput(a.streams.Out)
	var total int64
	for _, p := range pruned {
		what := filepath.Base(p.Dir)
		if p.Root != "" {
			what += " (" + p.Root + ")"
		}
		fmt.Fprintf(out.writer(), "removed %s, %s: %s\n", cleanMessage(what), briefings.FormatSize(p.Size), p.Why)
		total += p.Size
	}
	noun := "indexes"
	if len(pruned) == 1 {
		noun = "index"
	}
	_, err = fmt.Fprintf(out.writer(), "removed %d %s, %s\n", len(pruned), noun, briefings.FormatSize(total))
	return err
}
