//go:build !linux

package briefings

import "os"

// statAt looks at the file name in the open folder dir (at path) without
// following a symbolic link.
func statAt(_ *os.File, _, path string) (fileStat, error) {
	info, err := os.Lstat(path)
	if err != nil {
		return fileStat{}, err
	}
	return statOf(info), nil
}
