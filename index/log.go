package index

import (
	"bytes"
	"io"
	"log"
	"os"
	"path/filepath"
	"sync/atomic"
)

// setupLog sends the standard logger, which scorch writes to, to
// Options.Log or to a log file: never to the terminal.
func (ix *Index) setupLog() {
	if ix.opts.Log != nil {
		log.SetOutput(logTap{ix.opts.Log})
		return
	}
	if ix.base == "" {
		log.SetOutput(logTap{io.Discard})
		return
	}
	name := filepath.Join(ix.base, "index.log")
	if info, err := os.Stat(name); err == nil && info.Size() > 1<<20 {
		_ = os.Remove(name) // keep the log small: it is for debugging only
	}
	f, err := os.OpenFile(name, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		log.SetOutput(logTap{io.Discard})
		return
	}
	ix.logFile = f
	log.SetOutput(logTap{f})
}

// snapshotFailures counts scorch's reports of snapshots it could not load.
// Scorch then silently opens an older snapshot (or none); openIndex treats
// that as damage. Scorch reports only through the standard logger.
var snapshotFailures atomic.Int64

// logTap passes log output on, counting snapshot failures.
type logTap struct{ w io.Writer }

// Write passes p on, counting the snapshot failures it reports.
func (t logTap) Write(p []byte) (int, error) {
	if bytes.Contains(p, []byte("unable to load snapshot")) || bytes.Contains(p, []byte("snapshot key, but bucket missing")) {
		snapshotFailures.Add(1)
	}
	return t.w.Write(p)
}
