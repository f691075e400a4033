package cli

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/briefreader/brief/briefings"
)

// cleanMessage keeps a message for the terminal to plain text, line by
// line: the paths and errors in it may carry a hostile file name.
func cleanMessage(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = briefings.CleanName(l)
	}
	return strings.Join(lines, "\n")
}

// jsonSafe escapes the DEL and C1 control characters that encoding/json
// leaves as they are (it escapes only C0): some terminals act on C1 even
// UTF-8 encoded, and JSON is printed to terminals too. They can occur only
// inside JSON strings, where the \u escape means the same character.
func jsonSafe(b []byte) []byte {
	if !bytes.ContainsRune(b, 0x7f) && !bytes.Contains(b, []byte{0xc2}) {
		return b
	}
	var out bytes.Buffer
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r >= 0x7f && r <= 0x9f {
			fmt.Fprintf(&out, `\u%04x`, r)
		} else {
			out.Write(b[:size])
		}
		b = b[size:]
	}
	return out.Bytes()
}
