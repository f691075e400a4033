package index

import (
	"context"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/blevesearch/bleve/v2"
)

// testHookAfterBatch, when set by a test, is called after each batch is
// applied.
var testHookAfterBatch func()

// batchWriter collects changes and applies them in batches.
type batchWriter struct {
	ctx     context.Context // the sync's: once done, finish waits only persistGrace
	idx     bleve.Index
	batch   *bleve.Batch
	n       int  // sections in the batch
	wrote   bool // a batch was applied
	persist bool // wait for the data to reach the disk in finish
	// failed receives the errors scorch meets writing in the background
	// (see watchPersist); nil in memory.
	failed <-chan error
	// broken is closed when scorch's background work panicked, also
	// before failed was watched (see storeFailure); nil in memory.
	broken <-chan struct{}
	// entries is the number of manifest entries once the batch is
	// applied; every batch records it.
	entries int64
	// fresh is set when the index is built from nothing: sections are
	// stamped with their file's time (see stampTime).
	fresh bool
}

// remove deletes a file's documents and manifest entry.
func (w *batchWriter) remove(path string, anchors []string) {
	for _, a := range anchors {
		w.batch.Delete(sectionID(path, a))
	}
	w.batch.Delete(fileID(path))
	w.batch.DeleteInternal(entryKey(path))
	w.n += len(anchors) + 1
}

// replace writes a file's documents and manifest, deleting sections it no
// longer has. A file with more sections than a batch holds is written in
// several batches (see replaceLarge); otherwise it shares one batch with
// its manifest entry.
func (w *batchWriter) replace(path string, oldAnchors []string, docs []sectionDoc, e *entry, rec record) error {
	keep := make(map[string]bool, len(docs))
	for i := range docs {
		keep[docs[i].Anchor] = true
	}
	if len(docs) > batchSections {
		var err error
		if docs, err = w.replaceLarge(path, oldAnchors, docs, keep, rec.stamps); err != nil {
			return err
		}
	}
	for i := range docs {
		if err := w.batch.Index(sectionID(path, docs[i].Anchor), docs[i]); err != nil {
			return fmt.Errorf("index %s: %w", path, err)
		}
	}
	for _, a := range oldAnchors {
		if !keep[a] {
			w.batch.Delete(sectionID(path, a))
		}
	}
	fd := fileDoc{File: path, Hash: hex.EncodeToString(rec.hash[:]), Anchors: encodeAnchors(rec.anchors),
		Stamps: encodeStamps(rec.stamps), Refs: rec.refs}
	if err := w.batch.Index(fileID(path), fd); err != nil {
		return fmt.Errorf("index %s: %w", path, err)
	}
	w.batch.SetInternal(entryKey(path), e.encode())
	w.n += len(docs) + 1
	return nil
}

// replaceLarge writes all but the last batch of a file's sections, so that
// the memory a sync takes is bounded by the batch, not by the file (a file
// of 100,000 headings). First goes a record listing every anchor the file
// has or had, with an entry that matches no file: if the sync stops part
// way, the next one reads the file again and deletes what is left over.
// It returns the sections left for the last batch, with the file's record.
//
// The batches are of equal size, and the records (large: an anchor per
// section) go with a full batch each: zapx sizes the buffer of a new
// segment by the bytes per document of the segment it built before, and a
// batch of the record alone made it reserve gigabytes for the next one.
func (w *batchWriter) replaceLarge(path string, oldAnchors []string, docs []sectionDoc, keep map[string]bool, stamps map[string]sectionStamp) ([]sectionDoc, error) {
	all := make([]string, 0, len(docs)+len(oldAnchors))
	for i := range docs {
		all = append(all, docs[i].Anchor)
	}
	for _, a := range oldAnchors {
		if !keep[a] {
			all = append(all, a)
		}
	}
	// The stamps go with it: sections written before a stop keep theirs.
	if err := w.batch.Index(fileID(path), fileDoc{File: path, Anchors: encodeAnchors(all), Stamps: encodeStamps(stamps)}); err != nil {
		return nil, fmt.Errorf("index %s: %w", path, err)
	}
	w.batch.SetInternal(entryKey(path), (&entry{size: -1}).encode())
	w.n++
	batches := (len(docs) + batchSections - 1) / batchSections
	size := (len(docs) + batches - 1) / batches
	for len(docs) > size {
		for i := range docs[:size] {
			if err := w.batch.Index(sectionID(path, docs[i].Anchor), docs[i]); err != nil {
				return nil, fmt.Errorf("index %s: %w", path, err)
			}
		}
		w.n += size
		docs = docs[size:]
		if err := w.flush(); err != nil {
			return nil, err
		}
		if err := w.ctx.Err(); err != nil {
			return nil, err
		}
	}
	return docs, nil
}

func (w *batchWriter) maybeFlush() error {
	if w.n < batchSections {
		return nil
	}
	return w.flush()
}

func (w *batchWriter) flush() error {
	if w.batch.Size() == 0 {
		return nil
	}
	w.batch.SetInternal([]byte(keyCount), binary.AppendVarint(nil, w.entries))
	if w.n > 0 {
		// The statistics no longer fit the sections: until the sync
		// records new ones, a process that copies the index meanwhile
		// sees none, and measures them itself (recordFieldStats).
		w.batch.DeleteInternal([]byte(keyFieldStats))
	}
	if err := w.idx.Batch(w.batch); err != nil {
		return fmt.Errorf("write to the index: %w", err)
	}
	// A new batch, not Reset: scorch's analysis feeder may still be
	// ranging over the old batch's map when Batch returns.
	w.batch = w.idx.NewBatch()
	w.n, w.wrote = 0, true
	if testHookAfterBatch != nil {
		testHookAfterBatch()
	}
	select {
	case err := <-w.failed:
		return fmt.Errorf("write to the index: %w", err) // stop: it would only pile up in memory
	default:
		return nil
	}
}

// finish applies what is left, records the sync and, for indexes on disk,
// waits until everything written is persisted. cause is the error that
// ended the sync, if any; work completed before it is kept.
func (w *batchWriter) finish(cause error) error {
	err := w.flush()
	if w.wrote && err == nil {
		if cause == nil {
			w.batch.SetInternal([]byte(keySynced), []byte(time.Now().UTC().Format(time.RFC3339Nano)))
		} else {
			w.batch.SetInternal([]byte("brief:interrupted"), []byte(time.Now().UTC().Format(time.RFC3339Nano)))
		}
		var persisted chan error
		if w.persist {
			persisted = make(chan error, 1)
			w.batch.SetPersistedCallback(func(err error) { persisted <- err })
		}
		if err = w.idx.Batch(w.batch); err == nil && persisted != nil {
			err = w.waitPersisted(persisted)
		}
		if err != nil && !errors.Is(err, errPersistAbandoned) {
			err = fmt.Errorf("write to the index: %w", err)
		}
	}
	return errors.Join(cause, err)
}

// waitPersisted waits until what was written is on disk, or scorch says
// it cannot write it or its background work panicked, or, once the sync
// was stopped, persistGrace more.
func (w *batchWriter) waitPersisted(persisted <-chan error) error {
	stopped := w.ctx.Done()
	var grace <-chan time.Time
	for {
		select {
		case err := <-persisted:
			return err
		case err := <-w.failed:
			return err
		case <-w.broken:
			return errBackground
		case <-stopped:
			stopped, grace = nil, time.After(persistGrace)
		case <-grace:
			return errPersistAbandoned
		}
	}
}

// progressTracker turns file counts into Progress reports.
type progressTracker struct {
	fn    func(Progress)
	start time.Time
	total int
	done  int
	bytes int64
	last  time.Time
}

func (t *progressTracker) add(bytes int64) {
	t.done++
	t.bytes += bytes
	t.report(false)
}

func (t *progressTracker) report(final bool) {
	if t.fn == nil {
		return
	}
	now := time.Now()
	if !final && now.Sub(t.last) < 50*time.Millisecond && t.done != t.total {
		return
	}
	t.last = now
	p := Progress{Done: t.done, Total: t.total, Bytes: t.bytes, Elapsed: now.Sub(t.start)}
	if secs := p.Elapsed.Seconds(); secs > 0 && t.done > 0 {
		p.Rate = float64(t.done) / secs
		p.ETA = time.Duration(float64(t.total-t.done) / p.Rate * float64(time.Second))
	}
	t.fn(p)
}
