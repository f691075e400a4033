package state

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path/filepath"
	"syscall"
)

// readAttempts bounds how often a file replaced by another brief while it
// was being read is read again.
const readAttempts = 3

// loadForOpen reads one state file for Open and returns its contents (nil
// to start empty), a one-line warning or "", and whether the contents
// still have to be saved. A damaged file is repaired at once: kept aside
// whole, and what could be read from it written back in its place.
func loadForOpen[T any, P document[T]](dir, name, what string) (doc *T, warning string, unsaved bool) {
	for range readAttempts {
		loc := locate(dir, name)
		if loc.err != nil {
			return nil, fmt.Sprintf("%s is a symbolic link that cannot be followed (%s); starting without %s",
				loc.path, linkFault(loc.target, loc.err), what), false
		}
		doc, data, info, st, err := readDoc[T, P](loc.target)
		if err != nil {
			return nil, fmt.Sprintf("%s; starting without %s", unreadable(loc.target, err), what), false
		}
		switch st {
		case fileNewer:
			return doc, fmt.Sprintf("%s was written by a newer version of brief; changes to %s will not be saved", loc.target, what), false
		case fileCorrupt:
			salvaged := salvage[T, P](data)
			d, err := repair[T, P](loc, info, data, salvaged, what)
			switch {
			case err == errReplaced:
				continue
			case err != nil && d.aside != "":
				return salvaged, fmt.Sprintf("%s; they could not be saved yet (%s)", d.message(), describe(loc.target, err)), true
			}
			return salvaged, joinNotices(d.message(), d.linkNotice), false
		}
		return doc, "", false
	}
	return nil, fmt.Sprintf("%s keeps changing; starting without %s", filepath.Join(dir, name), what), false
}

// repair keeps the damaged file at loc aside and writes what was salvaged
// from it in its place, holding the folder's lock. It returns what
// happened, and an error when the salvaged contents are not on disk yet:
// errReplaced (read the file again), the reason it could not be kept
// aside, or the reason they could not be written.
func repair[T any, P document[T]](loc location, info fs.FileInfo, data []byte, salvaged *T, what string) (damage, error) {
	d := damage{loc: loc, size: info.Size(), huge: len(data) > maxFileSize, what: what, recovered: P(salvaged).recovered()}
	unlock := lockDir(filepath.Dir(loc.path))
	defer unlock()
	d.aside, d.asideErr = keepAside(loc.target, info)
	if d.asideErr != nil {
		return d, d.asideErr
	}
	P(salvaged).setVersion(formatVersion)
	out, err := json.MarshalIndent(salvaged, "", "  ")
	if err != nil {
		return d, fmt.Errorf("encode %s: %w", filepath.Base(loc.path), err)
	}
	d.linkNotice, err = loc.write(append(out, '\n'), what, nil)
	return d, err
}

// saveFile merges mine with the file on disk, writes the result atomically
// (through a symbolic link when the file is one) and returns it, with a
// notice for the user or "". A damaged file on disk is kept aside and what
// can be read from it merged; one that cannot be read, that cannot be kept
// aside, or that a newer brief wrote is left alone and the save fails.
func saveFile[T any, P document[T]](dir, name, what string, mine *T, hook func(string) error) (*T, string, error) {
	for range readAttempts {
		loc := locate(dir, name)
		var disk *T
		var notice string
		if loc.err == nil {
			if loc.linked {
				removeTemps(filepath.Dir(loc.target), filepath.Base(loc.target))
			}
			d, data, info, st, err := readDoc[T, P](loc.target)
			if err != nil {
				return nil, "", &readError{path: loc.target, err: err}
			}
			switch st {
			case fileNewer:
				return nil, "", &newerError{path: loc.target}
			case fileCorrupt:
				salvaged := salvage[T, P](data)
				aside, err := keepAside(loc.target, info)
				if err == errReplaced {
					continue
				}
				dmg := damage{loc: loc, size: info.Size(), huge: len(data) > maxFileSize, aside: aside, asideErr: err,
					recovered: P(salvaged).recovered(), what: what}
				if err != nil {
					return nil, "", &damagedError{msg: dmg.message(), err: err}
				}
				disk, notice = salvaged, dmg.message()
			case fileOK:
				disk = d
			}
		}
		if disk == nil {
			disk = new(T)
		}
		P(mine).merge(disk) // also caps the size
		P(mine).setVersion(formatVersion)
		out, err := json.MarshalIndent(mine, "", "  ")
		if err != nil {
			return nil, "", fmt.Errorf("encode %s: %w", name, err)
		}
		linkNotice, err := loc.write(append(out, '\n'), what, hook)
		if err != nil {
			return nil, "", err
		}
		return mine, joinNotices(notice, linkNotice), nil
	}
	return nil, "", &readError{path: filepath.Join(dir, name), err: syscall.EAGAIN}
}

func joinNotices(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "; " + b
}
