package index

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	index "github.com/blevesearch/bleve_index_api"
	"github.com/briefreader/brief/briefings"
)

// Internal keys of an index. The manifest entry of a file is written in the
// same batch as the file's sections, so after a crash the two always agree.
const (
	keyMeta     = "brief:meta"   // meta: schema version and root; written when the index is created
	keySynced   = "brief:synced" // time of the last completed sync
	keyCount    = "brief:files"  // number of manifest entries, written with every batch
	prefixEntry = "m:"           // + a hash of the path: the file's manifest entry
)

// meta is the marker every index of brief carries. An index without it, or
// with another schema or root, is rebuilt.
type meta struct {
	Schema int    `json:"schema"`
	Root   string `json:"root"`
}

func encodeMeta(m meta) []byte {
	b, _ := json.Marshal(m)
	return b
}

// errOtherSchema is returned for an index of another SchemaVersion.
var errOtherSchema = errors.New("the index was made by another version of brief")

// checkMeta says what is wrong with an index's marker, or returns nil.
func checkMeta(raw []byte, root string) error {
	if raw == nil {
		return errors.New("its build marker is missing")
	}
	var m meta
	if err := json.Unmarshal(raw, &m); err != nil {
		return errors.New("its build marker is unreadable")
	}
	if m.Schema != SchemaVersion {
		return fmt.Errorf("%w (index schema %d, this brief uses %d)", errOtherSchema, m.Schema, SchemaVersion)
	}
	if m.Root != root {
		return fmt.Errorf("it belongs to another library (%s)", m.Root)
	}
	return nil
}

// A file's manifest has two parts. Its entry, an internal value, holds
// what a no-change sync compares with a stat: size and time (and why the
// file failed to load, if it did). Scorch writes every internal value again
// with every snapshot it persists, so entries are kept small, under a
// hashed key. Its record, stored in the file's document, holds the content
// hash and the anchors of its sections, read only when the file changed or
// was deleted. Both are written in the same batch as the file's sections.

// entry is the stat part of a file's manifest.
type entry struct {
	size int64
	// mtime is the modification time in nanoseconds, or 0 when the file
	// was modified so shortly before the sync that a later change could
	// keep the same time; such files are hashed again next time.
	mtime int64
	// ctime is the inode change time in nanoseconds, 0 where the system
	// has none: a file rewritten with its size kept and its modification
	// time put back (a sync tool, touch -r) still changes it.
	ctime int64
	err   string // why the file did not load; "" when it did
}

const entryVersion = 3

func (e *entry) encode() []byte {
	b := make([]byte, 0, 32+len(e.err))
	b = append(b, entryVersion)
	b = binary.AppendUvarint(b, uint64(e.size))
	b = binary.AppendVarint(b, e.mtime)
	b = binary.AppendVarint(b, e.ctime)
	b = binary.AppendUvarint(b, uint64(len(e.err)))
	return append(b, e.err...)
}

// same reports whether a file found by a scan is as the entry recorded it:
// same size and time stamps, the entry's times trusted.
func (e entry) same(f briefings.File) bool {
	return e.mtime != 0 && e.size == f.Size && e.mtime == f.ModTime.UnixNano() && e.ctime == unixNano(f.ChangeTime)
}

// unixNano is t in nanoseconds, 0 for the zero time.
func unixNano(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixNano()
}

// decodeEntry reads an encoded entry.
func decodeEntry(b []byte) (e entry, ok bool) {
	if len(b) < 1 || b[0] != entryVersion {
		return e, false
	}
	b = b[1:]
	s, n := binary.Uvarint(b)
	if n <= 0 {
		return e, false
	}
	b = b[n:]
	m, n := binary.Varint(b)
	if n <= 0 {
		return e, false
	}
	b = b[n:]
	c, n := binary.Varint(b)
	if n <= 0 {
		return e, false
	}
	b = b[n:]
	l, n := binary.Uvarint(b)
	if n <= 0 || l > uint64(len(b)-n) {
		return e, false
	}
	return entry{size: int64(s), mtime: m, ctime: c, err: string(b[n : n+int(l)])}, true
}

// entryKey is the internal key of a file's entry.
func entryKey(path string) []byte {
	sum := sha256.Sum256([]byte(path))
	return append([]byte(prefixEntry), sum[:12]...)
}

// record is the part of a file's manifest stored in its document.
type record struct {
	hash    [16]byte
	anchors []string // anchors of the indexed sections, "" for the lead
	// stamps are each section's hash and change time (stamps.go).
	stamps map[string]sectionStamp
	// refs are the file's link reference definitions, encoded.
	refs string
}

// encodeAnchors writes anchors as a count line followed by one line each
// (anchors are slugs: they never hold a newline).
func encodeAnchors(anchors []string) string {
	return strconv.Itoa(len(anchors)) + "\n" + strings.Join(anchors, "\n")
}

func decodeAnchors(s string) ([]string, bool) {
	count, rest, ok := strings.Cut(s, "\n")
	n, err := strconv.Atoi(count)
	if !ok || err != nil || n < 0 {
		return nil, false
	}
	if n == 0 {
		return nil, rest == ""
	}
	anchors := strings.Split(rest, "\n")
	return anchors, len(anchors) == n
}

// readRecord loads the record of a file from its document, or nil.
func readRecord(idx bleve.Index, path string) *record {
	doc, err := idx.Document(fileID(path))
	if err != nil || doc == nil {
		return nil
	}
	var hash, anchors, stamps string
	var haveAnchors bool
	doc.VisitFields(func(f index.Field) {
		switch f.Name() {
		case fieldHash:
			hash = string(f.Value())
		case fieldAnchors:
			anchors, haveAnchors = string(f.Value()), true
		case fieldStamps:
			stamps = string(f.Value())
		}
	})
	r := &record{stamps: decodeStamps(stamps)}
	if h, err := hex.DecodeString(hash); err == nil && len(h) == len(r.hash) {
		copy(r.hash[:], h)
	}
	list, ok := decodeAnchors(anchors)
	if !haveAnchors || !ok {
		return nil
	}
	r.anchors = list
	return r
}

// sectionAnchors finds the anchors of a file's sections by searching for
// them: the fallback when its record is lost.
func sectionAnchors(idx bleve.Index, path string) []string {
	req := bleve.NewSearchRequestOptions(termQuery(fieldPath, path, 1), 100000, 0, false)
	req.Fields = []string{fieldAnchor}
	res, err := idx.Search(req)
	if err != nil {
		return nil
	}
	var anchors []string
	for _, h := range res.Hits {
		if a, ok := h.Fields[fieldAnchor].(string); ok {
			anchors = append(anchors, a)
		} else {
			anchors = append(anchors, "")
		}
	}
	return anchors
}

// contentHash identifies a briefing's text.
func contentHash(text string) [16]byte {
	sum := sha256.Sum256([]byte(text))
	var h [16]byte
	copy(h[:], sum[:])
	return h
}

// sectionID is the document ID of a section; fileID that of a file.
func sectionID(path, anchor string) string { return path + "\x00" + anchor }

func fileID(path string) string { return path }
