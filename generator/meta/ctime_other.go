//go:build !linux

package meta

import "io/fs"

// Ctime is 0 but on Linux (the systems the site is built on): Cache then
// compares size, modification time and inode only.
func Ctime(fs.FileInfo) int64 { return 0 }
