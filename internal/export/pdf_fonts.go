package export

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/briefreader/brief/internal/regular"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gobolditalic"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/gomonobold"
	"golang.org/x/image/font/gofont/gomonobolditalic"
	"golang.org/x/image/font/gofont/gomonoitalic"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// PDFs are set in the Go fonts (BSD licence, embedded through
// golang.org/x/image): Go Mono for slides and code, Go Regular for a
// handout's text. They cover Latin with its accents, Greek and Cyrillic.
// A character they lack is taken from a TrueType font installed on the
// system (DejaVu, Noto, Droid Sans Fallback for Chinese, Japanese and
// Korean, ...), and one no font has is drawn as "?" and reported.

// fontKind is a family of the embedded fonts.
type fontKind int

const (
	monoFont fontKind = iota // Go Mono
	textFont                 // Go Regular
)

// fontStyle is a face of a family.
type fontStyle int

const (
	regularStyle fontStyle = iota
	boldStyle
	italicStyle
	boldItalicStyle
)

func styleOf(bold, italic bool) fontStyle {
	switch {
	case bold && italic:
		return boldItalicStyle
	case bold:
		return boldStyle
	case italic:
		return italicStyle
	}
	return regularStyle
}

// face is one font file, parsed to know its characters and widths.
type face struct {
	name string // the family name given to the PDF writer
	data []byte
	font *sfnt.Font
	buf  sfnt.Buffer
	upem fixed.Int26_6
	adv  map[rune]float64 // advance in ems; absent: not measured yet
	has  map[rune]bool
}

func newFace(name string, data []byte) (*face, error) {
	f, err := sfnt.Parse(data)
	if err != nil {
		return nil, err
	}
	return &face{name: name, data: data, font: f, upem: fixed.Int26_6(f.UnitsPerEm()), adv: map[rune]float64{}, has: map[rune]bool{}}, nil
}

// covers reports whether the face has a glyph for r.
func (f *face) covers(r rune) bool {
	if v, ok := f.has[r]; ok {
		return v
	}
	i, err := f.font.GlyphIndex(&f.buf, r)
	ok := err == nil && i != 0
	f.has[r] = ok
	return ok
}

// advance is r's width in ems.
func (f *face) advance(r rune) float64 {
	if v, ok := f.adv[r]; ok {
		return v
	}
	v := 0.5
	if i, err := f.font.GlyphIndex(&f.buf, r); err == nil && i != 0 {
		if a, err := f.font.GlyphAdvance(&f.buf, i, f.upem, 0); err == nil {
			v = float64(a) / float64(f.upem)
		}
	}
	f.adv[r] = v
	return v
}

var embeddedFonts = map[fontKind][4][]byte{
	monoFont: {gomono.TTF, gomonobold.TTF, gomonoitalic.TTF, gomonobolditalic.TTF},
	textFont: {goregular.TTF, gobold.TTF, goitalic.TTF, gobolditalic.TTF},
}

// maxFallbackFonts bounds how many installed fonts are opened for the
// characters the Go fonts lack.
const maxFallbackFonts = 48

// maxFontFile bounds the size of an installed font that is read.
const maxFontFile = 64 << 20

// fontSet chooses a face for every character of a PDF.
type fontSet struct {
	faces     map[fontKind][4]*face
	dirs      []string // where installed fonts are looked for
	found     bool     // candidates were listed
	paths     []string // installed fonts not opened yet, best first
	fallbacks []*face
	missing   map[rune]bool
}

// newFontSet loads the embedded fonts; dirs are where installed fonts are
// looked for (nil: the system's font folders).
func newFontSet(dirs []string) (*fontSet, error) {
	if dirs == nil {
		dirs = systemFontDirs()
	}
	fs := &fontSet{faces: map[fontKind][4]*face{}, dirs: dirs, missing: map[rune]bool{}}
	for kind, data := range embeddedFonts {
		var faces [4]*face
		for style, ttf := range data {
			f, err := newFace(kindName(kind, fontStyle(style)), ttf)
			if err != nil {
				return nil, err
			}
			faces[style] = f
		}
		fs.faces[kind] = faces
	}
	return fs, nil
}

func kindName(kind fontKind, style fontStyle) string {
	return [...]string{"mono", "text"}[kind] + "-" + [...]string{"r", "b", "i", "bi"}[style]
}

// primary is the embedded face of a kind and style.
func (fs *fontSet) primary(kind fontKind, style fontStyle) *face {
	return fs.faces[kind][style]
}

// faceFor returns the face that draws r in a kind and style: the embedded
// one, else the first installed font that has it; nil when none has it
// (the character is then recorded as missing).
func (fs *fontSet) faceFor(kind fontKind, style fontStyle, r rune) *face {
	if f := fs.primary(kind, style); f.covers(r) {
		return f
	}
	if f := fs.primary(kind, regularStyle); f.covers(r) {
		return f
	}
	if r < ' ' || r == 0x7f {
		return nil
	}
	for _, f := range fs.fallbacks {
		if f.covers(r) {
			return f
		}
	}
	for fs.next() {
		if f := fs.fallbacks[len(fs.fallbacks)-1]; f.covers(r) {
			return f
		}
	}
	fs.missing[r] = true
	return nil
}

// next opens one more installed font; false when there is none left.
func (fs *fontSet) next() bool {
	if !fs.found {
		fs.found = true
		fs.paths = findFonts(fs.dirs)
	}
	for len(fs.paths) > 0 && len(fs.fallbacks) < maxFallbackFonts {
		path := fs.paths[0]
		fs.paths = fs.paths[1:]
		data, err := regular.ReadFile(path, maxFontFile)
		if err != nil {
			continue
		}
		f, err := newFace("fallback-"+filepath.Base(path), data)
		if err != nil {
			continue
		}
		fs.fallbacks = append(fs.fallbacks, f)
		return true
	}
	return false
}

// Missing returns the characters no font could draw, in order.
func (fs *fontSet) Missing() []rune {
	var out []rune
	for r := range fs.missing {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// systemFontDirs are the folders fonts are installed in.
func systemFontDirs() []string {
	dirs := []string{"/usr/share/fonts", "/usr/local/share/fonts", "/Library/Fonts", "/System/Library/Fonts"}
	if home, err := os.UserHomeDir(); err == nil {
		dirs = append(dirs, filepath.Join(home, ".local", "share", "fonts"), filepath.Join(home, ".fonts"), filepath.Join(home, "Library", "Fonts"))
	}
	if data := os.Getenv("XDG_DATA_HOME"); filepath.IsAbs(data) {
		dirs = append(dirs, filepath.Join(data, "fonts"))
	}
	return dirs
}

var (
	fontListOnce  sync.Map // dirs key -> []string
	maxFontsWalk  = 5000   // files looked at under the font folders
	fontRankNames = []string{"dejavusansmono", "notosansmono", "dejavusans", "notosans", "droidsansfallback", "noto", "dejavu", "liberation", "freefont", "unifont"}
)

// findFonts lists the TrueType fonts under dirs, regular faces first and
// the broadest families before the rest. The list is made once per
// process.
func findFonts(dirs []string) []string {
	key := strings.Join(dirs, "\x00")
	if v, ok := fontListOnce.Load(key); ok {
		return append([]string(nil), v.([]string)...)
	}
	var paths []string
	seen := 0
	for _, dir := range dirs {
		_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if seen++; seen > maxFontsWalk {
				return filepath.SkipAll
			}
			if !d.IsDir() && strings.EqualFold(filepath.Ext(path), ".ttf") {
				paths = append(paths, path)
			}
			return nil
		})
	}
	rank := func(path string) int {
		name := strings.ToLower(filepath.Base(path))
		r := len(fontRankNames)
		for i, n := range fontRankNames {
			if strings.Contains(strings.ReplaceAll(name, "-", ""), n) {
				r = i
				break
			}
		}
		for _, styled := range []string{"bold", "italic", "oblique", "light", "condensed", "thin", "black"} {
			if strings.Contains(name, styled) {
				r += 100
			}
		}
		return r
	}
	sort.SliceStable(paths, func(i, j int) bool {
		ri, rj := rank(paths[i]), rank(paths[j])
		if ri != rj {
			return ri < rj
		}
		return paths[i] < paths[j]
	})
	fontListOnce.Store(key, paths)
	return append([]string(nil), paths...)
}
