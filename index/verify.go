package index

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2/util"
	bolt "go.etcd.io/bbolt"
)

// verifiedName is the file, in an index directory, listing the segment
// files whose checksum was verified.
const verifiedName = "brief-verified"

// verifySegments checks the CRC-32 that ends every segment file that the
// snapshots of the index at dir refer to, once per file: segment files are
// never modified, so the names and sizes of verified files are remembered.
// bleve does not check these checksums, and a damaged segment can make it
// allocate without limit (a fatal out-of-memory error, which no recover
// catches) instead of returning an error. Files no snapshot refers to, like
// one half-written when a process was killed, are left for scorch to remove.
func verifySegments(dir string) error {
	store := filepath.Join(dir, "store")
	rootBolt := filepath.Join(store, "root.bolt")
	if _, err := os.Stat(rootBolt); err == nil {
		if err := checkBoltSize(rootBolt); err != nil {
			return err
		}
	}
	known := readVerified(filepath.Join(dir, verifiedName))
	if allVerified(store, known) {
		return nil // the usual case: nothing new since the last open
	}
	segments, err := referencedSegments(rootBolt)
	if err != nil {
		return err
	}
	current := map[string]string{}
	changed := false
	for _, name := range segments {
		if name != filepath.Base(name) || !strings.HasSuffix(name, ".zap") {
			return fmt.Errorf("a snapshot refers to a strange segment file %q", name)
		}
		info, err := os.Stat(filepath.Join(store, name))
		if err != nil {
			return fmt.Errorf("segment %s is missing", name)
		}
		current[name] = stamp(info)
		if known[name] == current[name] {
			continue
		}
		if err := checkSegment(filepath.Join(store, name), info.Size()); err != nil {
			return err
		}
		changed = true
	}
	if changed || len(current) != len(known) {
		writeVerified(filepath.Join(dir, verifiedName), current)
	}
	return nil
}

// allVerified reports whether every segment file in the store is known to
// be good, so that reading root.bolt to find the referenced ones can be
// skipped.
func allVerified(store string, known map[string]string) bool {
	entries, err := os.ReadDir(store)
	if err != nil || len(known) == 0 {
		return false
	}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".zap") {
			continue
		}
		info, err := e.Info()
		if err != nil {
			return false
		}
		if known[e.Name()] != stamp(info) {
			return false
		}
	}
	return true
}

// referencedSegments lists the segment files named by the snapshots in
// scorch's root.bolt, read-only. A missing root.bolt yields none: bleve
// then reports the problem itself. Another process holding the file makes
// this fail with bbolt's timeout error.
func referencedSegments(rootBolt string) ([]string, error) {
	if _, err := os.Stat(rootBolt); errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	db, err := bolt.Open(rootBolt, 0o600, &bolt.Options{ReadOnly: true, Timeout: boltTimeout})
	if err != nil {
		return nil, err
	}
	defer db.Close()
	seen := map[string]bool{}
	var names []string
	err = db.View(func(tx *bolt.Tx) error {
		snapshots := tx.Bucket(util.BoltSnapshotsBucket)
		if snapshots == nil {
			return nil
		}
		return snapshots.ForEachBucket(func(epoch []byte) error {
			snapshot := snapshots.Bucket(epoch)
			return snapshot.ForEachBucket(func(k []byte) error {
				if string(k) == string(util.BoltInternalKey) || string(k) == string(util.BoltMetaDataKey) {
					return nil
				}
				if p := snapshot.Bucket(k).Get(util.BoltPathKey); p != nil && !seen[string(p)] {
					seen[string(p)] = true
					names = append(names, string(p))
				}
				return nil
			})
		})
	})
	return names, err
}

// checkBoltSize refuses a bolt file shorter than its newest valid meta page
// says it is. bolt maps the file into memory and would fault reading past
// its end, which kills the process.
func checkBoltSize(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	m, ok := readBoltMeta(f)
	if !ok {
		return errors.New("root.bolt is not a valid database")
	}
	if m.pageSize == 0 || m.pgid > uint64(info.Size())/m.pageSize {
		return errors.New("root.bolt is truncated")
	}
	return nil
}

// checkSegment compares a segment's stored checksum with its content.
func checkSegment(path string, size int64) error {
	name := filepath.Base(path)
	if size < 4 {
		return fmt.Errorf("segment %s is truncated", name)
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	h := crc32.NewIEEE()
	if _, err := io.Copy(h, io.NewSectionReader(f, 0, size-4)); err != nil {
		return fmt.Errorf("read segment %s: %w", name, err)
	}
	var stored [4]byte
	if _, err := f.ReadAt(stored[:], size-4); err != nil {
		return fmt.Errorf("read segment %s: %w", name, err)
	}
	if binary.BigEndian.Uint32(stored[:]) != h.Sum32() {
		return fmt.Errorf("segment %s fails its checksum", name)
	}
	return nil
}

// stamp identifies a version of a file: its size and modification time.
func stamp(info os.FileInfo) string {
	return fmt.Sprintf("%d %d", info.Size(), info.ModTime().UnixNano())
}

func readVerified(path string) map[string]string {
	known := map[string]string{}
	f, err := os.Open(path)
	if err != nil {
		return known
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if name, st, ok := strings.Cut(sc.Text(), " "); ok {
			known[name] = st
		}
	}
	return known
}

// writeVerified replaces the list atomically; failing to write it only
// means checking again next time.
func writeVerified(path string, files map[string]string) {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	var sb strings.Builder
	for _, n := range names {
		fmt.Fprintf(&sb, "%s %s\n", n, files[n])
	}
	tmp := fmt.Sprintf("%s.%d.tmp", path, os.Getpid())
	if err := os.WriteFile(tmp, []byte(sb.String()), 0o600); err != nil {
		return
	}
	if os.Rename(tmp, path) != nil {
		_ = os.Remove(tmp)
	}
}

// shareVerified records in the index at dir the segments verified in its
// private copy at copyDir: they are the same files (hard links, or copies
// of them). Without it, every search beside a process that writes the
// index verified its new segments again, reading them whole.
func shareVerified(copyDir, dir string) {
	verified := readVerified(filepath.Join(copyDir, verifiedName))
	known := readVerified(filepath.Join(dir, verifiedName))
	added := false
	for name, st := range verified {
		info, err := os.Stat(filepath.Join(dir, "store", name))
		if err != nil || stamp(info) != st || known[name] == st {
			continue
		}
		known[name] = st
		added = true
	}
	if added {
		writeVerified(filepath.Join(dir, verifiedName), known)
	}
}
