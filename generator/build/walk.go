package build

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sync"
)

// walk calls fn for every file and folder under dir (not dir itself), by
// slash path relative to dir, as filepath.WalkDir does but with folders
// read on every core: fn is called concurrently, a folder before what it
// holds but in no other set order. A folder fn returns fs.SkipDir for is
// not entered; one it returns another error for is not entered either,
// and walk returns the errors, and those of folders that could not be
// read. Links are not followed. A dir that does not exist is an empty
// folder.
func walk(dir string, fn func(rel string, d fs.DirEntry) error) error {
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
	)
	fail := func(err error) {
		mu.Lock()
		errs = append(errs, err)
		mu.Unlock()
	}
	// A folder is read in a goroutine of its own while one of these is
	// free, else in its parent's: as many goroutines as cores, whatever
	// the number of folders.
	free := make(chan struct{}, runtime.GOMAXPROCS(0))
	var visit func(rel string)
	visit = func(rel string) {
		entries, err := os.ReadDir(filepath.Join(dir, filepath.FromSlash(rel)))
		if err != nil && !(rel == "." && os.IsNotExist(err)) {
			fail(err)
		}
		for _, e := range entries {
			r := path.Join(rel, e.Name())
			if err := fn(r, e); err != nil {
				if err != fs.SkipDir || !e.IsDir() {
					fail(err)
				}
				continue
			}
			if !e.IsDir() {
				continue
			}
			select {
			case free <- struct{}{}:
				wg.Add(1)
				go func() {
					defer wg.Done()
					visit(r)
					<-free
				}()
			default:
				visit(r)
			}
		}
	}
	visit(".")
	wg.Wait()
	return errors.Join(errs...)
}
