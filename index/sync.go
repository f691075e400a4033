package index

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/briefreader/brief/briefings"
)

// Progress reports a running Sync. Only files that had to be read count:
// unchanged files are skipped after a stat.
type Progress struct {
	// Done and Total count files read and indexed, of those that changed.
	Done, Total int
	// Bytes is how much was read so far.
	Bytes int64
	// Elapsed is the time since Sync started.
	Elapsed time.Duration
	// Rate is in files per second; ETA estimates the time left from it.
	Rate float64
	ETA  time.Duration
	// Waiting, when not "", says what Sync is waiting for: with
	// Options.SharedOnly, a finished rebuild waits for other processes to
	// let go of the old index before it takes its place.
	Waiting string
}

// SyncStats sums up a Sync.
type SyncStats struct {
	// Files is the number of briefing files found.
	Files int
	// Added, Updated and Removed count files whose sections were written
	// or deleted; Unchanged files were skipped, including files whose time
	// changed but not their text. Failed files could not be loaded.
	Added, Updated, Removed, Unchanged, Failed int
	// Sections is the number of sections written.
	Sections int
	// Restated is set when the index had no statistics of its sections
	// (a copy taken while another process wrote it) and they were
	// measured: searches made before rank differently from those after.
	Restated bool
	// Reopened is set when a part opened only to search was opened again
	// to be written (or as a private copy): a search made before the sync
	// read another index, which another process may have changed since.
	Reopened bool
	// Bytes is how much was read.
	Bytes int64
	// Elapsed is how long the sync took.
	Elapsed time.Duration
	// Problems are the files that could not be loaded, or loaded with
	// warnings; for unchanged files they are remembered from the sync
	// that read them.
	Problems []briefings.Problem
}

// batchSections is how many sections go into one bleve batch. A file's
// sections always share a batch with its manifest entry. Larger batches
// mean fewer segments to merge and fewer snapshots to persist (see "Index
// build" in BENCHMARKS.md). (A variable for tests.)
var batchSections = 1000

// testHookAfterFile, when set by a test, is called after each file is
// written to a batch.
var testHookAfterFile func(done int)

// Sync brings the index up to date with the files under the roots: new
// and changed files are indexed, deleted ones removed, unchanged ones (same
// size and modification time) skipped after a stat. It is safe to cancel:
// the files completed so far stay indexed. progress, if not nil, is called
// from Sync's goroutine at most every 50 ms and once at the end. A part
// that was damaged or had to be rebuilt is rebuilt here, then moved into
// place.
func (ix *Index) Sync(ctx context.Context, progress func(Progress)) (SyncStats, error) {
	return ix.sync(ctx, progress, false)
}

// Rebuild discards the indexes and builds them again from the files, into
// temporary directories renamed into place when complete.
func (ix *Index) Rebuild(ctx context.Context, progress func(Progress)) (SyncStats, error) {
	return ix.sync(ctx, progress, true)
}

// plan is what a sync must do for one part.
type plan struct {
	p         *part
	work      []workItem
	bytes     int64 // the size of the files to read
	removed   []string
	unchanged int
	// entries is the number of manifest entries before the sync.
	entries int64
}

type workItem struct {
	file      briefings.File
	existed   bool // the file had a manifest entry
	oldFailed bool // and it said the file did not load
}

func (ix *Index) sync(ctx context.Context, progress func(Progress), rebuild bool) (SyncStats, error) {
	start := time.Now()
	ix.syncMu.Lock()
	defer ix.syncMu.Unlock()
	defer func() { ix.early = nil }() // a walk from Open that this sync did not take is stale by the next
	if ix.closed.Load() {
		return SyncStats{}, errors.New("sync: the index is closed")
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stop := context.AfterFunc(ix.ctx, cancel)
	defer stop()

	for _, p := range ix.parts {
		if (rebuild || p.damaged.Load()) && p.busy == "" && !p.readOnly {
			if err := ix.restart(p); err != nil {
				return SyncStats{}, err
			}
		}
	}
	var stats SyncStats
	var plans []*plan
	var errs []error
	total := 0
	for _, p := range ix.parts {
		if p.idx == nil || p.readOnly || (p.searchOnly && !ix.opts.WriteWhenChanged) {
			continue // busy, or searched as it is
		}
		pl, problems, files, err := ix.plan(p, start)
		if err != nil {
			return stats, err
		}
		if p.searchOnly && pl.changes() {
			stats.Reopened = true
			if err := ix.openToWrite(p); err != nil {
				errs = append(errs, err) // searched as it is; the other roots still sync
				continue
			}
		}
		plans = append(plans, pl)
		stats.Problems = append(stats.Problems, problems...)
		stats.Files += files
		stats.Unchanged += pl.unchanged
		total += len(pl.work)
	}
	tracker := &progressTracker{fn: progress, start: start, total: total}
	for _, pl := range plans {
		err := ix.apply(ctx, pl, &stats, tracker, start)
		if err == nil && pl.p.rebuild && ix.opts.SharedOnly {
			err = ix.waitForOthers(ctx, pl.p, tracker)
		}
		if err == nil && pl.p.rebuild {
			ix.mu.Lock()
			err = ix.finishRebuild(pl.p)
			ix.mu.Unlock()
		}
		if err == nil && pl.p.firstBuild {
			ix.releaseBuild(pl.p) // built: others may use it now
		}
		if err == nil && len(pl.work)+len(pl.removed) > 0 {
			ix.compactAfterSync(pl.p)
		}
		if full := ix.diskFull(pl.p, err, 0); full != nil {
			full.Need = pl.need()
			ix.mu.Lock()
			ix.writeFailed(pl.p, full)
			ix.mu.Unlock()
			err = full
		}
		if err != nil {
			errs = append(errs, err)
			if ctx.Err() != nil {
				break
			}
		}
	}
	tracker.report(true)
	stats.Elapsed = time.Since(start)
	if ctx.Err() != nil {
		return stats, fmt.Errorf("sync cancelled: %w", ctx.Err())
	}
	return stats, errors.Join(errs...)
}

// wait reports that Sync is waiting, with the files done so far.
func (t *progressTracker) wait(what string) {
	if t.fn == nil {
		return
	}
	p := Progress{Done: t.done, Total: t.total, Bytes: t.bytes, Elapsed: time.Since(t.start), Waiting: what}
	t.fn(p)
}

// plan compares the files under a part's root with its manifest.
func (ix *Index) plan(p *part, start time.Time) (*plan, []briefings.Problem, int, error) {
	files, problems := ix.early.take(p.root)
	pl := &plan{p: p}
	seen := make(map[string]bool, len(files))
	known := int64(0) // scanned files with a manifest entry
	for _, f := range files {
		seen[f.Path] = true
		raw, err := p.idx.GetInternal(entryKey(f.Path))
		if err != nil {
			return nil, nil, 0, fmt.Errorf("read the index manifest: %w", err)
		}
		if raw != nil {
			known++
		}
		e, ok := decodeEntry(raw)
		if ok && e.same(f) {
			pl.unchanged++
			if e.err != "" {
				problems = append(problems, briefings.Problem{Path: f.Path, Err: errors.New(e.err), Skipped: true})
			}
			continue
		}
		pl.work = append(pl.work, workItem{file: f, existed: raw != nil, oldFailed: e.err != ""})
		pl.bytes += f.Size
	}
	// The index counts its manifest entries: when every one of them
	// belongs to a file just found, none was deleted, and listing the
	// indexed files can be skipped.
	if count, ok := readCount(p.idx); ok && count == known {
		pl.entries = count
		return pl, problems, len(files), nil
	}
	indexed, err := indexedFiles(p.idx)
	if err != nil {
		return nil, nil, 0, err
	}
	pl.entries = known
	for _, path := range indexed {
		if !seen[path] {
			pl.removed = append(pl.removed, path)
			if raw, _ := p.idx.GetInternal(entryKey(path)); raw != nil {
				pl.entries++
			}
		}
	}
	return pl, problems, len(files), nil
}

// need estimates how much space the plan's index needs in all, in bytes:
// what it takes now, and what the files still to index will add.
func (pl *plan) need() int64 {
	dir := pl.p.dir
	if pl.p.work != "" {
		dir = pl.p.work
	}
	return folderSize(dir) + int64(float64(pl.bytes)*indexBytesPerByte)
}

// oldAnchors returns the anchors a file had in the index: from its record,
// or, when that is lost, by searching for its sections.
func oldAnchors(idx bleve.Index, path string, rec *record) []string {
	if rec != nil {
		return rec.anchors
	}
	return sectionAnchors(idx, path)
}

// readCount returns the number of manifest entries the index recorded.
func readCount(idx bleve.Index) (int64, bool) {
	raw, err := idx.GetInternal([]byte(keyCount))
	if err != nil || raw == nil {
		return 0, false
	}
	n, k := binary.Varint(raw)
	return n, k > 0
}

// indexedFiles lists the files the index has documents for.
func indexedFiles(idx bleve.Index) ([]string, error) {
	dict, err := idx.FieldDict(fieldFile)
	if err != nil {
		return nil, fmt.Errorf("list indexed files: %w", err)
	}
	defer dict.Close()
	var paths []string
	for {
		e, err := dict.Next()
		if err != nil {
			return nil, fmt.Errorf("list indexed files: %w", err)
		}
		if e == nil {
			return paths, nil
		}
		paths = append(paths, e.Term)
	}
}

// apply carries out a plan: removals first, then the changed files, read and
// parsed by a pool of workers and written in batches.
func (ix *Index) apply(ctx context.Context, pl *plan, stats *SyncStats, tracker *progressTracker, start time.Time) error {
	w := &batchWriter{ctx: ctx, idx: pl.p.idx, batch: pl.p.idx.NewBatch(), persist: pl.p.mode != modeMemory, entries: pl.entries,
		fresh: pl.entries == 0 || pl.p.rebuild}
	if w.persist {
		dir := pl.p.dir
		if pl.p.work != "" {
			dir = pl.p.work
		}
		failed, stop := watchPersist(dir)
		defer stop()
		w.failed, w.broken = failed, storeFailure(dir)
	}
	for _, path := range pl.removed {
		if err := ctx.Err(); err != nil {
			return w.finish(err)
		}
		raw, _ := pl.p.idx.GetInternal(entryKey(path))
		if raw == nil {
			if doc, _ := pl.p.idx.Document(fileID(path)); doc == nil {
				continue // a term left by a deleted document, not a file
			}
		} else {
			w.entries--
		}
		w.remove(path, oldAnchors(pl.p.idx, path, readRecord(pl.p.idx, path)))
		stats.Removed++
		if err := w.maybeFlush(); err != nil {
			return w.finish(err)
		}
	}

	results := make(chan readResult, 64) // readers keep going while a batch is written
	jobs := make(chan workItem)
	var wg sync.WaitGroup
	loadOpts := ix.opts.LoadOptions
	workers := loadOpts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	for range min(workers, max(len(pl.work), 1)) {
		wg.Go(func() {
			for item := range jobs {
				results <- readItem(pl.p.idx, item, loadOpts)
				// Let a waiting goroutine run between files: beside the
				// app, that is the UI's, which would otherwise wait for
				// the scheduler to preempt a reader (10 ms or more).
				runtime.Gosched()
			}
		})
	}
	go func() {
		defer close(jobs)
		for _, item := range pl.work {
			select {
			case jobs <- item:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()

	var err error
	done := ctx.Done()
read:
	for err == nil {
		select {
		case r, ok := <-results:
			if !ok {
				break read
			}
			err = ix.write(w, r, stats, start)
			tracker.add(r.bytes)
			if testHookAfterFile != nil {
				testHookAfterFile(tracker.done)
			}
		case <-done:
			err = ctx.Err()
		}
	}
	// Readers still busy (a huge file being parsed) finish on their own;
	// nobody waits for them.
	go func() {
		for range results {
		}
	}()
	if err == nil {
		err = ctx.Err() // the readers may have stopped for it
	}
	if err == nil {
		var restated bool
		restated, err = w.recordFieldStats()
		stats.Restated = stats.Restated || restated
	}
	return w.finish(err)
}
