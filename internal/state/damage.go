package state

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"time"
)

// A damaged state file is never lost: it is kept whole under a name of its
// own, state.json.corrupt-20261201-103000, never one already taken, and
// what can still be read from it is carried over into the new file.

// salvage reads what it can from the damaged file data: the members of its
// top-level object, entry by entry, up to the first break. The result is
// cleaned and capped like any file read.
func salvage[T any, P document[T]](data []byte) *T {
	doc := new(T)
	dec := json.NewDecoder(bytes.NewReader(data))
	if t, err := dec.Token(); err == nil && t == json.Delim('{') {
		for dec.More() {
			t, err := dec.Token()
			key, ok := t.(string)
			if err != nil || !ok || !P(doc).salvageMember(key, dec) {
				break
			}
		}
	}
	P(doc).clean()
	return doc
}

// salvageEach reads the entries of the object or array that comes next in
// dec, calling entry for each (with the key of an object member, "" in an
// array). An entry of the wrong shape is skipped; a syntax error stops the
// walk and returns false.
func salvageEach(dec *json.Decoder, entry func(key string, dec *json.Decoder) error) bool {
	t, err := dec.Token()
	if err != nil {
		return false
	}
	open, ok := t.(json.Delim)
	if !ok || open != '{' && open != '[' {
		return true // a plain value where a list should be: nothing in it
	}
	for dec.More() {
		key := ""
		if open == '{' {
			t, err := dec.Token()
			if err != nil {
				return false
			}
			key, _ = t.(string)
		}
		if err := entry(key, dec); brokenOff(err) {
			return false
		}
	}
	_, err = dec.Token() // the closing bracket
	return err == nil
}

// skipValue passes over the next value in dec, whatever it is.
func skipValue(dec *json.Decoder) bool {
	var raw json.RawMessage
	return !brokenOff(dec.Decode(&raw))
}

// brokenOff reports whether a decoding error means the file cannot be read
// any further (a syntax error or its end), rather than a value of the
// wrong shape, after which the decoder has moved past the value.
func brokenOff(err error) bool {
	var syntax *json.SyntaxError
	return errors.As(err, &syntax) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF)
}

// errReplaced: the damaged file was replaced (by another brief) between
// reading it and keeping it aside; read it again.
var errReplaced = errors.New("the file was replaced while being read")

// keepAside gives the damaged file at path, as read (info), a name of its
// own beside it, and returns that name. The file is kept whole whatever its
// size: a hard link where the file system has them (the damaged file then
// stays in place until the repaired one replaces it, so a crash in between
// loses nothing), else a rename. A name already taken is never reused.
func keepAside(path string, info fs.FileInfo) (string, error) {
	now, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return "", errReplaced
	}
	if err != nil {
		return "", err
	}
	if !os.SameFile(now, info) {
		return "", errReplaced
	}
	stamp := path + ".corrupt-" + time.Now().UTC().Format("20060102-150405")
	for n := 1; n < 1000; n++ {
		aside := stamp
		if n > 1 {
			aside = fmt.Sprintf("%s-%d", stamp, n)
		}
		err := os.Link(path, aside)
		if err == nil {
			return aside, nil
		}
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		// No hard links here (FAT, some network shares): rename, to a
		// name that is free.
		if _, lerr := os.Lstat(aside); lerr == nil {
			continue
		}
		if rerr := os.Rename(path, aside); rerr != nil {
			return "", rerr
		}
		return aside, nil
	}
	return "", errors.New("no free name beside it")
}

// damage is what happened to a damaged state file: where it was kept, what
// was recovered from it, and what brief could not do.
type damage struct {
	loc       location
	size      int64  // the damaged file's size
	huge      bool   // over maxFileSize: only its first part was read
	aside     string // where it is kept ("" if it could not be)
	asideErr  error  // why it could not be kept aside
	recovered string // what was read from it, or ""
	what      string // whatState or whatHistory
	// linkNotice says that a symbolic link was replaced while repairing.
	linkNotice string
}

// message says in one line what happened to the damaged file.
func (d damage) message() string {
	var msg string
	switch {
	case d.aside == "":
		msg = fmt.Sprintf("%s is damaged and could not be moved aside (%s); it is left as it is, and %s will not be saved over it",
			d.loc.target, describe(d.loc.target, d.asideErr), d.what)
		if d.recovered != "" {
			msg += "; recovered " + d.recovered + " from it for now"
		}
		return msg
	case d.huge:
		msg = fmt.Sprintf("%s is %s, far larger than brief ever writes; moved it aside whole as %s",
			d.loc.target, sizeText(d.size), d.loc.show(d.aside))
	default:
		msg = fmt.Sprintf("%s is damaged; moved it aside whole as %s", d.loc.target, d.loc.show(d.aside))
	}
	switch {
	case d.recovered != "" && d.huge:
		return msg + " and recovered " + d.recovered + " from its first " + sizeText(maxFileSize)
	case d.recovered != "":
		return msg + " and recovered " + d.recovered + " from it"
	}
	return msg + "; nothing in it could be read"
}

// sizeText writes a byte count as people read it: "189 MiB".
func sizeText(n int64) string {
	const mib = 1 << 20
	if n >= mib {
		return fmt.Sprintf("%d MiB", n/mib)
	}
	return fmt.Sprintf("%d KiB", (n+1023)/1024)
}
