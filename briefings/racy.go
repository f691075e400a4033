package briefings

import "time"

// RacyWindow is how close to a scan a file's time stamps may be before a
// cache stops trusting them. File systems keep time stamps to their own
// resolution (2 s on FAT, 1 s on ext2 with small inodes and on many network
// shares), so a file written just before a scan can be written again just
// after it and keep the same size and time stamps.
const RacyWindow = 2 * time.Second

// RacyTime reports whether a time stamp t is too close to scanned, the
// moment a scan began, to tell this version of a file from the next: a zero
// time, a time after scanned or within RacyWindow before it. A cache must not
// trust such a time stamp and reads the file again next time.
func RacyTime(t, scanned time.Time) bool {
	return t.IsZero() || t.After(scanned.Add(-RacyWindow))
}

// Racy reports whether f was modified (or its inode changed) so shortly
// before scanned, the moment the scan that found it began, that a later
// change could leave its size and time stamps as they are. A cache that
// remembers a racy file must read it again next time rather than trust its
// size and times. It is RacyTime of both time stamps, for a cache that keeps
// both (the library list); the search index keeps the modification time and
// applies RacyTime to it. A file without a modification time is always racy.
func (f File) Racy(scanned time.Time) bool {
	return RacyTime(f.ModTime, scanned) || !f.ChangeTime.IsZero() && RacyTime(f.ChangeTime, scanned)
}
