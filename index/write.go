package index

import (
	"errors"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/briefreader/brief/briefings"
)

// readResult is a file read and turned into documents by a worker.
type readResult struct {
	item  workItem
	old   *record // the file's record in the index, if any
	b     *briefings.Briefing
	hash  [16]byte
	docs  []sectionDoc
	err   error
	bytes int64
}

// readItem reads one file and builds its documents.
func readItem(idx bleve.Index, item workItem, opts briefings.LoadOptions) readResult {
	r := readResult{item: item}
	if item.existed {
		r.old = readRecord(idx, item.file.Path)
	}
	b, err := briefings.ReadFile(item.file, opts)
	if err != nil {
		r.err = err
		return r
	}
	r.b, r.bytes = b, int64(len(b.Text))
	r.hash = contentHash(b.Text)
	if r.old != nil && !item.oldFailed && r.old.hash == r.hash {
		return r // same text, new time: only the entry changes
	}
	r.docs = sectionDocs(b)
	return r
}

// write adds one file's result to the batch.
func (ix *Index) write(w *batchWriter, r readResult, stats *SyncStats, start time.Time) error {
	f := r.item.file
	e := &entry{size: f.Size, mtime: f.ModTime.UnixNano(), ctime: unixNano(f.ChangeTime)}
	if !r.item.existed {
		w.entries++
	}
	if briefings.RacyTime(f.ModTime, start) { // not trusted next time
		e.mtime = 0
	}
	stats.Bytes += r.bytes
	var old []string
	if r.item.existed {
		old = oldAnchors(w.idx, f.Path, r.old)
	}
	switch {
	case r.err != nil:
		e.err = r.err.Error()
		stats.Failed++
		stats.Problems = append(stats.Problems, briefings.Problem{Path: f.Path, Err: r.err, Skipped: true})
		if err := w.replace(f.Path, old, nil, e, record{}); err != nil {
			return err
		}
	case r.docs == nil:
		stats.Unchanged++
		w.batch.SetInternal(entryKey(f.Path), e.encode())
	default:
		rec := record{hash: r.hash, refs: r.b.Refs.Encode()}
		for _, d := range r.docs {
			rec.anchors = append(rec.anchors, d.Anchor)
		}
		var before map[string]sectionStamp
		if r.old != nil {
			before = r.old.stamps
		}
		rec.stamps = stampSections(r.docs, before, stampTime(w.fresh, f.ModTime, time.Now()))
		if !r.item.existed || r.item.oldFailed {
			stats.Added++
		} else {
			stats.Updated++
		}
		stats.Sections += len(r.docs)
		if err := w.replace(f.Path, old, r.docs, e, rec); err != nil {
			return err
		}
	}
	if r.b != nil {
		for _, msg := range r.b.Problems {
			stats.Problems = append(stats.Problems, briefings.Problem{Path: f.Path, Err: errors.New(msg)})
		}
	}
	return w.maybeFlush()
}
