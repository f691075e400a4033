package index

import (
	"errors"
	"fmt"

	"github.com/blevesearch/bleve/v2"

	"github.com/briefreader/brief/briefings"
)

// An index opened only to search (Options.SearchOnly, WriteWhenChanged)
// skips scorch's writer, which rewrites the index's state each time it
// opens it: a search that changes nothing writes nothing.

// searchesOnly reports whether the index is opened only to search at first
// (Options.SearchOnly and Options.WriteWhenChanged).
func (ix *Index) searchesOnly() bool {
	return ix.opts.SearchOnly || ix.opts.WriteWhenChanged
}

// changes reports whether the plan has anything to write.
func (pl *plan) changes() bool {
	return len(pl.work) > 0 || len(pl.removed) > 0
}

// openWriter opens the index in dir to write. (A variable for tests.)
var openWriter = func(dir string, root briefings.Root) (bleve.Index, error) {
	return openIndex(dir, root, false)
}

// openToWrite opens a part that was open only to search so that it can be
// written (Options.WriteWhenChanged). Beside another process that has the
// index open (to search or to write), or that takes the writer first, it
// syncs a private copy instead, as Open does for a process that finds the
// index held. When neither can be had, the part stays open to search, as
// it was, and the error says why.
func (ix *Index) openToWrite(p *part) error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	dir := p.dir
	if p.mode == modeCopy {
		dir = p.work
	}
	old := p.idx
	if err := closeIndex(old); err != nil {
		return ix.searchAsItWas(p, dir, old, err)
	}
	var err error
	if p.mode == modeCopy || boltUnshared(dir) {
		var idx bleve.Index
		if idx, err = openWriter(dir, p.root); err == nil {
			p.idx, p.searchOnly = idx, false
			ix.alias.Swap([]bleve.Index{idx}, []bleve.Index{old})
			return nil
		}
		if p.mode == modeCopy {
			return ix.searchAsItWas(p, dir, old, err)
		}
	}
	// Another process has the index open, or took the writer just now.
	p.idx = nil
	if err = ix.usePrivateCopy(p, "", false); err == nil && p.idx != nil {
		ix.alias.Swap([]bleve.Index{p.idx}, []bleve.Index{old})
		return nil
	}
	if err == nil {
		err, p.busy = errors.New(p.busy), ""
	}
	return ix.searchAsItWas(p, dir, old, err)
}

// searchAsItWas opens the part's index in dir to search again, after it
// could not be opened to write (why), and returns why. The caller holds
// ix.mu and closed old.
func (ix *Index) searchAsItWas(p *part, dir string, old bleve.Index, why error) error {
	why = fmt.Errorf("open the index to write it: %w", why)
	if again, err := openIndex(dir, p.root, true); err == nil {
		p.idx, p.searchOnly = again, true
		ix.alias.Swap([]bleve.Index{again}, []bleve.Index{old})
	} else {
		p.idx = nil
		ix.alias.Swap(nil, []bleve.Index{old})
		p.busy = fmt.Sprintf("cannot open the index of %s again: %s", p.root.Path, firstLine(err))
	}
	return why
}
