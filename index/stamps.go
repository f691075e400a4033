package index

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
)

// Change stamps. Every section carries the time its text last changed
// (sectionDoc.Changed), so that a saved search can count the sections that
// are new or changed since it was last opened. A file's record keeps, for
// each of its sections, a hash of what the section shows and its stamp:
// when the file is indexed again, a section whose hash is the same keeps
// its stamp, and only the sections that changed (or are new) get a new one.
// The stamp of a section that changed is the time it was indexed, not the
// file's modification time: the user could not have seen it before.
// Sections of an index built from nothing are stamped with their file's
// modification time instead, so that a rebuild does not make everything new.

// sectionStamp is one section's hash and change time in a file's record.
type sectionStamp struct {
	hash    [8]byte
	changed time.Time
}

// sectionHash identifies what a section shows: its markdown, and its
// briefing's title, tags, author and date.
func sectionHash(d *sectionDoc) [8]byte {
	h := sha256.New()
	// Space around the markdown is not what a section shows: a section
	// that ended the file and no longer does keeps its stamp.
	for _, part := range []string{d.Title, strings.TrimSpace(d.Markdown), strings.Join(d.Tags, "\x1f"), d.Author, d.Date, d.Lang} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	var out [8]byte
	copy(out[:], h.Sum(nil))
	return out
}

// stampSections sets the Changed time of each document: kept from old for
// a section whose hash is unchanged, else when. It returns the stamps to
// record.
func stampSections(docs []sectionDoc, old map[string]sectionStamp, when time.Time) map[string]sectionStamp {
	out := make(map[string]sectionStamp, len(docs))
	for i := range docs {
		d := &docs[i]
		st := sectionStamp{hash: sectionHash(d), changed: when}
		if prev, ok := old[d.Anchor]; ok && prev.hash == st.hash && !prev.changed.IsZero() {
			st.changed = prev.changed
		}
		d.Changed = st.changed.UTC().Format(time.RFC3339Nano)
		out[d.Anchor] = st
	}
	return out
}

// encodeStamps writes stamps one line each: anchor, hash and time in Unix
// nanoseconds, separated by tabs (anchors are slugs: no tabs, no newlines).
func encodeStamps(stamps map[string]sectionStamp) string {
	var sb strings.Builder
	for anchor, st := range stamps {
		sb.WriteString(anchor)
		sb.WriteByte('\t')
		sb.WriteString(hex.EncodeToString(st.hash[:]))
		sb.WriteByte('\t')
		sb.WriteString(strconv.FormatInt(st.changed.UnixNano(), 10))
		sb.WriteByte('\n')
	}
	return sb.String()
}

// decodeStamps reads encodeStamps; lines it cannot read are skipped (their
// sections count as changed).
func decodeStamps(s string) map[string]sectionStamp {
	out := map[string]sectionStamp{}
	for line := range strings.SplitSeq(s, "\n") {
		anchor, rest, ok := strings.Cut(line, "\t")
		if !ok {
			continue
		}
		hexHash, nanos, ok := strings.Cut(rest, "\t")
		h, err := hex.DecodeString(hexHash)
		n, nerr := strconv.ParseInt(nanos, 10, 64)
		if !ok || err != nil || nerr != nil || len(h) != 8 {
			continue
		}
		var st sectionStamp
		copy(st.hash[:], h)
		st.changed = time.Unix(0, n).UTC()
		out[anchor] = st
	}
	return out
}

// stampTime is the change time of sections written now: the time, or, in
// an index built from nothing, the file's modification time (never later
// than now).
func stampTime(fresh bool, modTime, now time.Time) time.Time {
	if fresh && !modTime.IsZero() && modTime.Before(now) {
		return modTime
	}
	return now
}
