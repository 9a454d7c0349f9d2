package build

import (
	"runtime"

	"golang.org/x/sys/unix"
)

// idle runs f on a thread of its own at the lowest priority (nice 19):
// work that can wait (deleting what earlier builds left) then takes the
// cores only while the build leaves them idle. The thread is not given
// back to the runtime: it ends with f.
func idle(f func()) {
	runtime.LockOSThread()
	unix.Setpriority(unix.PRIO_PROCESS, unix.Gettid(), 19) // this thread only, on Linux
	f()
}
