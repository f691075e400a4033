package watch

import "golang.org/x/sys/unix"

// Network and user-space file systems: a change made on another machine, or
// behind a FUSE driver, may never reach this system's watches.
var remoteFS = map[int64]string{
	0x6969:     "NFS",
	0x517b:     "SMB",
	0xfe534d42: "SMB2",
	0xff534d42: "CIFS",
	0x65735546: "FUSE",
	0x01021997: "9P",
	0x73757245: "Coda",
	0x5346414f: "AFS",
	0x0bd00bd0: "Lustre",
	0x47504653: "GPFS",
	0x6b414653: "kAFS",
	0x013111a8: "IBRIX",
	0x00c36400: "Ceph",
}

// Reliable reports whether watches on path see every change of its files:
// not on a network or user-space file system. When it cannot tell, it says
// no.
func Reliable(path string) bool {
	var st unix.Statfs_t
	if err := unix.Statfs(path, &st); err != nil {
		return false
	}
	_, remote := remoteFS[int64(st.Type)] //nolint:unconvert // its type differs between architectures
	return !remote
}
