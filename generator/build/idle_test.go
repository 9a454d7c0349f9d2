//go:build linux

package build

import (
	"testing"

	"golang.org/x/sys/unix"
)

// idle runs its work at the lowest priority, on a thread of its own: the
// caller's priority is left as it was.
func TestIdle(t *testing.T) {
	mine, err := unix.Getpriority(unix.PRIO_PROCESS, unix.Gettid())
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan int)
	go idle(func() {
		p, _ := unix.Getpriority(unix.PRIO_PROCESS, unix.Gettid())
		done <- p
	})
	// The system call gives 20 - nice: nice 19 is 1.
	if p := <-done; p != 1 {
		t.Errorf("the work ran at priority %d (20 - nice), want 1 (nice 19)", p)
	}
	if after, _ := unix.Getpriority(unix.PRIO_PROCESS, unix.Gettid()); after != mine {
		t.Errorf("the caller's priority went from %d to %d", mine, after)
	}
}
