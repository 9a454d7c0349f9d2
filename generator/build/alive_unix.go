//go:build unix

package build

import (
	"errors"

	"golang.org/x/sys/unix"
)

// alive reports whether a process with this id is running.
func alive(pid int) bool {
	err := unix.Kill(pid, 0)
	return err == nil || errors.Is(err, unix.EPERM)
}
