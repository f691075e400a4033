package briefings

import (
	"encoding/json"

	"github.com/yuin/goldmark/parser"
)

// Encode writes the references as text, for keeping them beside a section
// stored apart from its file (the index keeps them for previews); "" when
// there are none. DecodeReferences reads it back.
func (refs References) Encode() string {
	if len(refs) == 0 {
		return ""
	}
	out := make([][3]string, len(refs))
	for i, r := range refs {
		out[i] = [3]string{string(r.Label()), string(r.Destination()), string(r.Title())}
	}
	data, err := json.Marshal(out)
	if err != nil {
		return ""
	}
	return string(data)
}

// DecodeReferences reads what References.Encode wrote; text it cannot read
// gives no references.
func DecodeReferences(s string) References {
	if s == "" {
		return nil
	}
	var in [][3]string
	if json.Unmarshal([]byte(s), &in) != nil {
		return nil
	}
	refs := make(References, len(in))
	for i, r := range in {
		refs[i] = parser.NewReference([]byte(r[0]), []byte(r[1]), []byte(r[2]))
	}
	return refs
}
