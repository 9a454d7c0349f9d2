//go:build unix

package meta

import (
	"io/fs"
	"syscall"
)

// Inode returns the file's inode number, part of what Cache compares.
func Inode(info fs.FileInfo) uint64 {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Ino)
	}
	return 0
}

// noFollow opens a file only if it is not a link, and a pipe without
// waiting for a writer (to be refused as not a regular file).
const noFollow = syscall.O_NOFOLLOW | syscall.O_NONBLOCK
