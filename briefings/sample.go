package briefings

import (
	"embed"
	"io/fs"
)

//go:embed sample/*.md
var sampleFS embed.FS

// SampleRoot is the root of the embedded sample library, used when no
// library is given.
var SampleRoot = Root{Path: BuiltinPrefix, Dir: true}

// LoadSample loads the embedded sample library.
func LoadSample() *Library {
	lib := LoadFiles(sampleFiles(), LoadOptions{})
	lib.Roots = []Root{SampleRoot}
	return lib
}

func sampleFiles() []File {
	sub, _ := fs.Sub(sampleFS, "sample")
	entries, _ := fs.ReadDir(sub, ".")
	files := make([]File, 0, len(entries))
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			continue
		}
		files = append(files, File{
			Path:    BuiltinPrefix + e.Name(),
			RelPath: e.Name(),
			Root:    SampleRoot,
			Size:    info.Size(),
			fsys:    sub,
		})
	}
	return files
}
