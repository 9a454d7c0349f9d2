// Package par runs independent pieces of work on every core.
package par

import (
	"runtime"
	"sync"
)

// Do calls f(i) for every i in [0, n) on runtime.GOMAXPROCS(0) goroutines,
// each taking every GOMAXPROCS-th index, and returns when all calls have.
// Calls for different i must not depend on each other.
func Do(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), max(n, 1))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < n; i += workers {
				f(i)
			}
		})
	}
	wg.Wait()
}
