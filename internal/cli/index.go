package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/index"
	"github.com/briefreader/brief/internal/search"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"
)

// addIndexFlags adds the global --index-dir flag; the index folder
// setting (settings.indexDir) reads it.
func addIndexFlags(root *cobra.Command) {
	root.PersistentFlags().String("index-dir", "",
		"keep the search index here (default $BRIEF_INDEX_DIR, else the user cache directory)")
}

// indexRoots returns the roots of the selected library without loading it:
// the index scans the files itself. Paths that do not exist are reported.
func (a *app) indexRoots() ([]briefings.Root, error) {
	paths := a.libraryPaths()
	if len(paths) == 0 {
		return []briefings.Root{briefings.SampleRoot}, nil
	}
	roots, problems := briefings.ResolveRoots(paths)
	a.printProblems(problems)
	if len(roots) == 0 {
		return nil, &exitError{code: 1, err: errors.New("no library to search: none of the given paths exists")}
	}
	return roots, nil
}

// openSearch opens the search service of the selected library; live
// keeps its index up to date in the background (the app). The caller
// closes it.
func (a *app) openSearch(ctx context.Context, cmd *cobra.Command, live bool) (*search.Service, error) {
	return a.openSearchFor(ctx, cmd, live, false)
}

// openSearchFor is openSearch; searchOnly opens the index only to search
// it as it is (--no-sync), which spares it the write scorch makes on
// opening an index to write. A search that syncs first (not live, not
// searchOnly) opens the index to write only if a file changed.
func (a *app) openSearchFor(ctx context.Context, cmd *cobra.Command, live, searchOnly bool) (*search.Service, error) {
	roots, err := a.indexRoots()
	if err != nil {
		return nil, err
	}
	return a.openSearchOn(ctx, cmd, roots, live, searchOnly)
}

// openSearchOn is openSearchFor on roots already resolved.
func (a *app) openSearchOn(ctx context.Context, cmd *cobra.Command, roots []briefings.Root, live, searchOnly bool) (*search.Service, error) {
	purpose := cmd.CommandPath()
	if live {
		purpose = "brief (the reader)"
	}
	opts, err := a.loadOptions()
	if err != nil {
		return nil, err
	}
	return search.Open(ctx, search.Options{
		Roots: roots,
		Index: index.Options{Dir: a.settings.indexDir.value, LoadOptions: opts, Purpose: purpose,
			SearchOnly: searchOnly, WriteWhenChanged: !live && !searchOnly},
		Live:       live,
		Highlights: a.highlightSource(),
	})
}

// openIndexWith opens the index with options; Dir and LoadOptions come
// from the settings.
func (a *app) openIndexWith(cmd *cobra.Command, o index.Options) (*index.Index, error) {
	roots, err := a.indexRoots()
	if err != nil {
		return nil, err
	}
	opts, err := a.loadOptions()
	if err != nil {
		return nil, err
	}
	o.Dir = a.settings.indexDir.value
	o.LoadOptions = opts
	ix, err := index.Open(roots, o)
	if err != nil {
		var rebuilding *index.RebuildingError
		if errors.As(err, &rebuilding) {
			return nil, err
		}
		return nil, fmt.Errorf("open the search index: %w", err)
	}
	return ix, nil
}

// cacheDir is the folder brief keeps its caches in (the catalog beside
// the index): the index folder setting, or a subfolder of brief's own
// when that folder holds files of the user's (see index.OwnedDir); ""
// keeps no cache when neither can be used.
func (a *app) cacheDir() string {
	owned, err := index.OwnedDir(a.settings.indexDir.value)
	if err != nil {
		return ""
	}
	return owned
}

// inUseWait is how long brief index waits for another brief to let go of
// the index: long enough for a search, too short to wait for a reader. (A
// variable for tests.)
var inUseWait = 1500 * time.Millisecond

// openIndexToBuild opens the shared index for brief index, which keeps what
// it builds: a private copy would be thrown away. Another brief holding the
// index is waited for briefly (a search takes a moment), then refused.
func (a *app) openIndexToBuild(ctx context.Context, cmd *cobra.Command, again string) (*index.Index, error) {
	deadline := time.Now().Add(inUseWait)
	for {
		ix, err := a.openIndexWith(cmd, index.Options{SharedOnly: true, Purpose: again})
		var inUse *index.InUseError
		if !errors.As(err, &inUse) {
			return ix, err
		}
		if time.Now().After(deadline) || inUse.Stopped {
			return nil, fmt.Errorf("%w (a reader brings the index up to date itself when it starts); close it and run %s again",
				inUse, again)
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
}

func (a *app) indexCommand() *cobra.Command {
	var rebuild, prune, watchFiles bool
	cmd := &cobra.Command{
		Use:   "index",
		Short: "Bring the search index up to date",
		Long: `Bring the search index of the library up to date: new and changed files are
indexed, deleted ones removed, unchanged ones skipped. Every search does this
first; run it yourself after adding many files, or with --rebuild to build
the index again from scratch. The list of the library that brief shows
first is brought up to date too, so that the next brief starts at once. The
index is a cache under the user cache directory (see --index-dir); deleting
it is always safe.

On a terminal a progress bar shows files done, rate and time left; otherwise
one summary line is printed. Interrupting keeps the files indexed so far.

The index is built where it is kept, never in a private copy: when another
brief has it open (a reader, which brings it up to date itself when it
starts), brief index waits a second or two for it, then stops with a message
and a non-zero exit. A rebuild during which another brief opened the old
index waits at the end for it to close before taking its place. One rebuild
runs at a time: a second brief index --rebuild says who is rebuilding and
stops.

--watch keeps running after the sync: it follows the library with a file
watcher and indexes every change within about a second, printing a line per
change, until ctrl+c. While it (or a reader, which does the same) runs, brief
search asks it for the answer over a socket beside the index (only the same
user's brief can), and checks no file and opens no index itself; it searches
by itself as usual when changes are still waiting to be indexed, the watcher
is stopped, or a folder cannot be watched (a network file system, watches
run out).

--prune removes the indexes made by other versions of brief and those of
library folders that no longer exist, and lists them with the space they
took. (Indexes of other versions are also removed by themselves once unused
for a month.)`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			switch {
			case prune:
				return a.runPrune()
			case watchFiles && rebuild:
				return errors.New("--watch and --rebuild cannot go together: rebuild first, then watch")
			case watchFiles:
				return a.runIndexWatch(cmd)
			}
			return a.runIndex(cmd, rebuild)
		},
	}
	cmd.Flags().BoolVar(&rebuild, "rebuild", false, "discard the index and build it again")
	cmd.Flags().BoolVar(&prune, "prune", false, "remove the indexes of other brief versions and of libraries that no longer exist")
	cmd.Flags().BoolVar(&watchFiles, "watch", false, "keep indexing changes as files are saved, until interrupted; brief search then trusts the index")
	return cmd
}

func (a *app) runIndex(cmd *cobra.Command, rebuild bool) error {
	ctx, exitCode, stop := signalContext()
	defer stop()
	again := cmd.CommandPath()
	if rebuild {
		again += " --rebuild"
	}
	ix, err := a.openIndexToBuild(ctx, cmd, again)
	var rebuilding *index.RebuildingError
	if errors.As(err, &rebuilding) {
		return fmt.Errorf("%w; not starting a second build", err)
	}
	if err != nil {
		if ctx.Err() != nil {
			return &exitError{code: exitCode(), err: errors.New("interrupted")}
		}
		return err
	}
	defer ix.Close()
	if rebuild {
		a.clearCatalog()
	}
	listed := a.refreshCatalog()
	out := newOutput(a.streams.Out)
	bar := newProgressLine(out)
	syncFn := ix.Sync
	if rebuild {
		syncFn = ix.Rebuild
	}
	waiting := false
	stats, err := syncFn(ctx, func(p index.Progress) {
		if p.Waiting == "" {
			bar.update(p)
		} else if !waiting {
			waiting = true
			bar.clear()
			fmt.Fprintf(a.streams.Err, "brief: %s (ctrl+c gives up the rebuild)\n", cleanMessage(p.Waiting))
		}
	})
	bar.clear()
	if errors.As(err, &rebuilding) {
		return fmt.Errorf("%w; not starting a second build", err)
	}
	select {
	case <-listed:
	case <-ctx.Done():
	}
	a.printNotices(ix.Notices())
	a.printProblems(stats.Problems)
	if _, werr := fmt.Fprintln(out.writer(), summary(stats, err != nil)); werr != nil {
		return werr
	}
	if ctx.Err() != nil {
		msg := "interrupted: the files indexed so far are kept; run brief index again to finish"
		if rebuild {
			msg = "interrupted: the index is as it was before the rebuild"
		}
		return &exitError{code: exitCode(), err: errors.New(msg)}
	}
	return err
}

// refreshCatalog brings the library list kept beside the index (the
// catalog) up to date, in the background, so that the first brief after
// brief index lists a big library from it instead of reading every file.
// The channel is closed when it is done. The catalog is written by
// rename: an interrupted brief index need not wait for it.
func (a *app) refreshCatalog() <-chan struct{} {
	done := make(chan struct{})
	opts, err := a.loadOptions()
	if err != nil {
		close(done)
		return done
	}
	go func() {
		defer close(done)
		a.loadCatalog(a.libraryPaths(), opts)
	}()
	return done
}

// summary is the one-line report of a sync.
func summary(s index.SyncStats, failed bool) string {
	what := fmt.Sprintf("indexed %d files", s.Files)
	if failed {
		what = fmt.Sprintf("stopped after %d of %d files", s.Added+s.Updated+s.Unchanged+s.Failed, s.Files)
	}
	return fmt.Sprintf("%s in %.1fs: %d added, %d updated, %d removed, %d unchanged, %d failed (%d sections, %s read)",
		what, s.Elapsed.Seconds(), s.Added, s.Updated, s.Removed, s.Unchanged, s.Failed,
		s.Sections, briefings.FormatSize(s.Bytes))
}

func (a *app) printNotices(notices []string) {
	for _, n := range notices {
		fmt.Fprintf(a.streams.Err, "brief: note: %s\n", cleanMessage(n))
	}
}

// progressLine draws a progress bar redrawn in place with "\r" on a
// terminal, and nothing elsewhere.
type progressLine struct {
	w       io.Writer
	on      bool
	width   int
	drawn   int // length of the last line drawn
	minimum int // totals below this are not worth a bar
}

func newProgressLine(out output) *progressLine {
	p := &progressLine{w: out.w, on: out.terminal, width: 80, minimum: 1}
	if f, ok := out.w.(term.File); ok && out.terminal {
		if w, _, err := term.GetSize(f.Fd()); err == nil && w > 20 {
			p.width = w
		}
	}
	return p
}

func (p *progressLine) update(pr index.Progress) {
	if !p.on || pr.Total < p.minimum {
		return
	}
	text := fmt.Sprintf(" %d/%d files  %.0f files/s  ETA %s", pr.Done, pr.Total, pr.Rate, formatETA(pr))
	barWidth := min(40, p.width-len(text)-3)
	line := text
	if barWidth >= 10 {
		filled := barWidth * pr.Done / max(pr.Total, 1)
		line = "[" + strings.Repeat("#", filled) + strings.Repeat("-", barWidth-filled) + "]" + text
	}
	pad := max(p.drawn-len(line), 0)
	fmt.Fprint(p.w, "\r"+line+strings.Repeat(" ", pad))
	p.drawn = len(line)
}

// clear removes the bar.
func (p *progressLine) clear() {
	if p.drawn > 0 {
		fmt.Fprint(p.w, "\r"+strings.Repeat(" ", p.drawn)+"\r")
		p.drawn = 0
	}
}

func formatETA(pr index.Progress) string {
	if pr.Rate <= 0 {
		return "--:--"
	}
	secs := int(pr.ETA.Round(time.Second).Seconds())
	return fmt.Sprintf("%d:%02d", secs/60, secs%60)
}
