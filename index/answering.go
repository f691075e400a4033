package index

import (
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"slices"

	"github.com/briefreader/brief/briefings"
)

// maxSocketPath is the longest path a Unix socket may have on the systems
// brief runs on (104 bytes on the BSDs and macOS, 108 on Linux, with room
// for the terminating zero).
const maxSocketPath = 103

// AnswerSocket returns the path of the Unix socket on which a process that
// watches exactly these roots, and holds the index of each, answers the
// searches of other brief processes (see internal/remote); "" when there
// can be none: no cache folder, a root kept only in memory (the built-in
// sample), or a path too long for a socket. dir is the index folder
// setting, as for Options.Dir. The name depends on the schema version and
// on the set of roots, so a watcher of other roots or of an older index
// is never asked.
func AnswerSocket(dir string, roots []briefings.Root) string {
	if len(roots) == 0 {
		return ""
	}
	if dir == "" {
		dir, _ = DefaultDir()
	}
	base, err := OwnedDir(dir)
	if err != nil {
		return ""
	}
	return answerSocketIn(base, roots)
}

// answerSocketIn is AnswerSocket in the cache folder base.
func answerSocketIn(base string, roots []briefings.Root) string {
	if base == "" || len(roots) == 0 {
		return ""
	}
	keys := make([]string, 0, len(roots))
	for _, r := range roots {
		if r.Builtin() {
			return ""
		}
		keys = append(keys, keyFor(r))
	}
	slices.Sort(keys)
	keys = slices.Compact(keys)
	h := sha256.New()
	for _, k := range keys {
		h.Write([]byte(k))
		h.Write([]byte{0})
	}
	path := filepath.Join(base, answerPrefix+hex.EncodeToString(h.Sum(nil)[:8])+".sock")
	if len(path) > maxSocketPath {
		return ""
	}
	return path
}

// answerPrefix starts the name of an answering socket in the cache folder.
const answerPrefix = "answers-"
