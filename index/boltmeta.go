package index

import (
	"encoding/binary"
	"errors"
	"hash/fnv"
	"io"
	"os"
)

// What the meta pages of a bolt file (scorch's root.bolt) say, read without
// opening it with bolt, which another process may hold locked.

// boltMeta is what the newest valid meta page of a bolt file says: its page
// size, its high-water page and the transaction that wrote it.
type boltMeta struct {
	pageSize, pgid, txid uint64
}

// readBoltMeta reads the newest valid meta page of a bolt file; ok is false
// when neither of its two meta pages is valid.
func readBoltMeta(f io.ReaderAt) (boltMeta, bool) {
	const header = 16 // bolt's page header
	read := func(at int64) (boltMeta, bool) {
		var m [64]byte
		if _, err := f.ReadAt(m[:], at+header); err != nil {
			return boltMeta{}, false
		}
		e := binary.NativeEndian
		h := fnv.New64a()
		h.Write(m[:56])
		if e.Uint32(m[0:]) != 0xED0CDAED || e.Uint64(m[56:]) != h.Sum64() {
			return boltMeta{}, false
		}
		return boltMeta{pageSize: uint64(e.Uint32(m[8:])), pgid: e.Uint64(m[40:]), txid: e.Uint64(m[48:])}, true
	}
	m0, ok0 := read(0)
	probe := int64(m0.pageSize)
	if !ok0 {
		probe = int64(os.Getpagesize())
	}
	m1, ok1 := read(probe)
	switch {
	case ok0 && (!ok1 || m0.txid >= m1.txid):
		return m0, true
	case ok1:
		return m1, true
	}
	return boltMeta{}, false
}

// boltMetaOf reads the newest valid meta page of the bolt file at path.
func boltMetaOf(path string) (boltMeta, error) {
	f, err := os.Open(path)
	if err != nil {
		return boltMeta{}, err
	}
	defer f.Close()
	m, ok := readBoltMeta(f)
	if !ok {
		return boltMeta{}, errors.New("root.bolt is not a valid database")
	}
	return m, nil
}
