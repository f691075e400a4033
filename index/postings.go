package index

import (
	"bytes"
	"encoding/binary"
	"fmt"

	bleveindex "github.com/blevesearch/bleve_index_api"
)

// Postings as our searchers walk them: one term of one field, its current
// document, and an order on documents that is cheap to compare.

// posting is one field's postings of the word.
type posting struct {
	reader bleveindex.TermFieldReader
	term   string
	weight float64
	b      float64
	avgLen float64
	curr   *bleveindex.TermFieldDoc // nil before the first read and at the end
	buf    bleveindex.TermFieldDoc
	key    uint64 // curr.ID as a number, to order the heap
}

// docKey orders document ids: scorch's are 8-byte big-endian numbers.
// Other ids sort by their first 8 bytes, and ties by bytes.Compare.
func docKey(id bleveindex.IndexInternalID) uint64 {
	if len(id) >= 8 {
		return binary.BigEndian.Uint64(id)
	}
	var b [8]byte
	copy(b[:], id)
	return binary.BigEndian.Uint64(b[:])
}

// before reports whether p's current document comes before q's.
func (p *posting) before(q *posting) bool {
	if p.key != q.key {
		return p.key < q.key
	}
	return bytes.Compare(p.curr.ID, q.curr.ID) < 0
}

func (p *posting) next() error {
	tfd, err := p.reader.Next(p.buf.Reset())
	if err != nil {
		return fmt.Errorf("read the postings of %q: %w", p.term, err)
	}
	p.set(tfd)
	return nil
}

func (p *posting) advance(id bleveindex.IndexInternalID) error {
	tfd, err := p.reader.Advance(id, p.buf.Reset())
	if err != nil {
		return fmt.Errorf("read the postings of %q: %w", p.term, err)
	}
	p.set(tfd)
	return nil
}

func (p *posting) set(tfd *bleveindex.TermFieldDoc) {
	p.curr = tfd
	if tfd != nil {
		p.key = docKey(tfd.ID)
	}
}

// closePostings closes the readers of postings, returning the first error.
func closePostings(ps []*posting) error {
	var first error
	for _, p := range ps {
		if err := p.reader.Close(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// postingsSize estimates the memory of postings.
func postingsSize(ps []*posting) int {
	n := 0
	for _, p := range ps {
		n += 96 + p.reader.Size()
	}
	return n
}
