package index

import (
	"context"
	"errors"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/briefreader/brief/briefings"
)

// SectionSource is what the index keeps of a section to show it without
// reading its file: a preview of a hit.
type SectionSource struct {
	Path, Anchor, RelPath string
	Title, Heading        string
	HeadingPath           []string
	Date                  time.Time
	Tags                  []string
	// Markdown is the section's own markdown, its heading included (the
	// lead has none); Depth is its deepest nesting of quotes and lists.
	Markdown string
	Depth    int
	// Refs are the link reference definitions of its file.
	Refs briefings.References
}

// ErrNotIndexed is returned by Section for a section the index does not
// have (not indexed yet, or gone).
var ErrNotIndexed = errors.New("the section is not in the index")

// Section returns what the index keeps of the section of path with anchor,
// in one lookup of two documents: the section and its file.
func (ix *Index) Section(ctx context.Context, path, anchor string) (*SectionSource, error) {
	sid, fid := sectionID(path, anchor), fileID(path)
	req := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery([]string{sid, fid}), 2, 0, false)
	req.Fields = []string{fieldMarkdown, fieldDepth, fieldRel, fieldTitleX, fieldHeadingX, fieldHPath, fieldTag, fieldDate, fieldRefs}
	req.Score = "none"
	res, err := ix.run(ctx, req)
	if err != nil {
		return nil, err
	}
	var src *SectionSource
	var refs string
	for _, dm := range res.Hits {
		switch dm.ID {
		case fid:
			refs, _ = dm.Fields[fieldRefs].(string)
		case sid:
			src = &SectionSource{Path: path, Anchor: anchor}
			src.Markdown, _ = dm.Fields[fieldMarkdown].(string)
			if d, ok := dm.Fields[fieldDepth].(float64); ok {
				src.Depth = int(d)
			}
			src.RelPath, _ = dm.Fields[fieldRel].(string)
			src.Title, _ = dm.Fields[fieldTitleX].(string)
			src.Heading, _ = dm.Fields[fieldHeadingX].(string)
			src.HeadingPath = stringList(dm.Fields[fieldHPath])
			src.Tags = stringList(dm.Fields[fieldTag])
			if d, ok := dm.Fields[fieldDate].(string); ok {
				src.Date, _ = time.Parse(time.RFC3339, d)
			}
		}
	}
	if src == nil {
		return nil, ErrNotIndexed
	}
	src.Refs = briefings.DecodeReferences(refs)
	return src, nil
}
