//go:build !linux

package build

// idle runs f: only Linux sets a thread's priority.
func idle(f func()) { f() }
