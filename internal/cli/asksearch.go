package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/briefreader/brief/index"
	"github.com/briefreader/brief/internal/remote"
	"github.com/briefreader/brief/internal/search"
	"github.com/spf13/cobra"
)

// answerSearch answers brief search's request: from the watcher of the
// library when one runs and has indexed every change it saw (it has the
// index open and fresh), otherwise by opening the index here, bringing it
// up to date unless noSync, and searching it. The notices say what opening
// and syncing had to do, and where the results come from.
func (a *app) answerSearch(ctx context.Context, cmd *cobra.Command, req index.Request, noSync bool) (search.Answer, []string, error) {
	roots, err := a.indexRoots()
	if err != nil {
		return search.Answer{}, nil, err
	}
	var notices []string
	if _, highlights := search.InHighlights(req.Query); !highlights {
		socket := index.AnswerSocket(a.settings.indexDir.value, roots)
		reply, err := remote.Ask(ctx, socket, req)
		if err == nil {
			return search.Answer{Results: reply.Results, QueryError: reply.QueryError, Notes: reply.Notes}, reply.Notes, nil
		}
		if ctx.Err() != nil {
			return search.Answer{}, nil, ctx.Err()
		}
		// Worth a word when a watcher runs: this search is slower than
		// usual, and why. (No socket, or a dead watcher's, is the usual
		// case without one.)
		var declined *remote.DeclinedError
		switch {
		case errors.As(err, &declined):
			notices = append(notices, "the library's watcher did not answer ("+declined.Why+"); this search looked at the files itself")
		case errors.Is(err, context.DeadlineExceeded):
			notices = append(notices, fmt.Sprintf("the library's watcher did not answer within %s; this search looked at the files itself", remote.AskTimeout))
		}
	}
	svc, err := a.openSearchOn(ctx, cmd, roots, false, noSync)
	if err != nil {
		return search.Answer{}, nil, err
	}
	defer svc.Close()
	var ans search.Answer
	if noSync {
		ans, err = svc.Search(ctx, req)
	} else {
		bar := newProgressLine(newOutput(a.streams.Err))
		bar.minimum = 200
		ans, err = svc.SyncAndSearch(ctx, req, bar.update)
		bar.clear()
	}
	return ans, append(append(notices, svc.Notices()...), ans.Notes...), err
}
