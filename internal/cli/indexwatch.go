package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"
)

// runIndexWatch is brief index --watch: it brings the index up to date,
// then follows the library with a file watcher and indexes every change
// within about a second, until interrupted. While it runs, brief search in
// another terminal trusts the index and does not look at every file
// (search.Service.Watching). One line is printed per sync that changed
// something.
func (a *app) runIndexWatch(cmd *cobra.Command) error {
	ctx, _, stop := signalContext()
	defer stop()
	svc, err := a.openSearch(ctx, cmd, true)
	if err != nil {
		return err
	}
	defer svc.Close()
	a.printNotices(svc.Notices())
	roots, err := a.indexRoots()
	if err != nil {
		return err
	}
	live := &liveWatch{}
	live.service(svc)
	events, notices, stopWatch := watchLibrary(roots, live)
	if events == nil {
		return errors.New("cannot watch the library: its folders cannot be watched (or it is the built-in sample, which never changes)")
	}
	defer stopWatch()
	fmt.Fprintln(a.streams.Err, "brief: watching the library; ctrl+c stops")
	go func() {
		for n := range notices {
			fmt.Fprintf(a.streams.Err, "brief: note: %s\n", n)
		}
	}()
	go func() {
		for {
			select {
			case paths, ok := <-events:
				if !ok {
					return
				}
				svc.Changed(paths)
			case <-ctx.Done():
				return
			}
		}
	}()
	out := newOutput(a.streams.Out)
	for {
		u, ok := svc.NextUpdate(ctx)
		if !ok {
			return nil // interrupted: the index keeps what was indexed
		}
		a.printNotices(u.Notices)
		if !u.Synced {
			continue
		}
		s := u.Stats
		if u.Err != nil && !errors.Is(u.Err, context.Canceled) {
			fmt.Fprintf(a.streams.Err, "brief: %s\n", cleanMessage(u.Err.Error()))
		}
		if s.Added+s.Updated+s.Removed+s.Failed > 0 {
			if _, err := fmt.Fprintln(out.writer(), summary(s, u.Err != nil)); err != nil {
				return err
			}
		}
	}
}
