//go:build !unix

package meta

import "io/fs"

// Inode is 0 where the system gives none: Cache then compares size and
// modification time only.
func Inode(fs.FileInfo) uint64 { return 0 }

// noFollow is nothing where the system has no such flags.
const noFollow = 0
