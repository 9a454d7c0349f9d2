package meta

import (
	"io/fs"
	"syscall"
)

// Ctime returns the time the file's inode last changed (Unix nanoseconds),
// part of what Cache compares: unlike the modification time, no tool can
// set it back.
func Ctime(info fs.FileInfo) int64 {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return st.Ctim.Nano()
	}
	return 0
}
