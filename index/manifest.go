package index

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
)

// Internal keys of an index. The manifest entry of a file is written in the
// same batch as the file's sections, so after a crash the two always agree.
const (
	keyMeta     = "brief:meta"   // meta: schema version and root; written when the index is created
	keySynced   = "brief:synced" // time of the last completed sync
	keyCount    = "brief:files"  // number of manifest entries, written with every batch
	prefixEntry = "m:"           // + path: the file's manifest entry
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

// entry is what the index remembers of one file: enough to tell, from a
// stat, that it has not changed, and to remove its sections later.
type entry struct {
	size int64
	// mtime is the modification time in nanoseconds, or 0 when the file
	// was modified so shortly before the sync that a later change could
	// keep the same time; such files are hashed again next time.
	mtime   int64
	hash    [16]byte
	err     string   // why the file did not load; "" when it did
	anchors []string // anchors of the indexed sections, "" for the lead
}

const entryVersion = 1

func (e *entry) encode() []byte {
	b := make([]byte, 0, 32+len(e.err)+8*len(e.anchors))
	b = append(b, entryVersion)
	b = binary.AppendUvarint(b, uint64(e.size))
	b = binary.AppendVarint(b, e.mtime)
	b = append(b, e.hash[:]...)
	b = appendString(b, e.err)
	b = binary.AppendUvarint(b, uint64(len(e.anchors)))
	for _, a := range e.anchors {
		b = appendString(b, a)
	}
	return b
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// decodeHead reads the size, time and load error of an encoded entry, all
// a no-change sync needs, without allocating for the anchors.
func decodeHead(b []byte) (size, mtime int64, failure string, ok bool) {
	if len(b) < 1 || b[0] != entryVersion {
		return 0, 0, "", false
	}
	b = b[1:]
	s, n := binary.Uvarint(b)
	if n <= 0 {
		return 0, 0, "", false
	}
	b = b[n:]
	m, n := binary.Varint(b)
	if n <= 0 || len(b) < n+16 {
		return 0, 0, "", false
	}
	failure, _, ok = readString(b[n+16:])
	return int64(s), m, failure, ok
}

// decodeEntry reads a whole entry.
func decodeEntry(b []byte) (*entry, error) {
	bad := errors.New("damaged manifest entry")
	if len(b) < 1 || b[0] != entryVersion {
		return nil, bad
	}
	b = b[1:]
	e := &entry{}
	size, n := binary.Uvarint(b)
	if n <= 0 {
		return nil, bad
	}
	b = b[n:]
	e.size = int64(size)
	if e.mtime, n = binary.Varint(b); n <= 0 {
		return nil, bad
	}
	b = b[n:]
	if len(b) < len(e.hash) {
		return nil, bad
	}
	copy(e.hash[:], b)
	b = b[len(e.hash):]
	var ok bool
	if e.err, b, ok = readString(b); !ok {
		return nil, bad
	}
	count, n := binary.Uvarint(b)
	if n <= 0 || count > uint64(len(b)) {
		return nil, bad
	}
	b = b[n:]
	e.anchors = make([]string, 0, count)
	for range count {
		var a string
		if a, b, ok = readString(b); !ok {
			return nil, bad
		}
		e.anchors = append(e.anchors, a)
	}
	return e, nil
}

func readString(b []byte) (string, []byte, bool) {
	l, n := binary.Uvarint(b)
	if n <= 0 || l > uint64(len(b)-n) {
		return "", nil, false
	}
	return string(b[n : n+int(l)]), b[n+int(l):], true
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
