package render

import (
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"github.com/spf13/afero"
)

// Written is what Site wrote into Options.Public: the files Hugo rendered
// (as it opened them for writing, through its publishing file system) and
// the static files copied. A build checks its pages against it instead of
// reading the folder again.
type Written struct {
	mu    sync.Mutex
	files map[string]bool
	moved bool // something was removed or renamed: the list cannot say
}

// Files returns the files written, by slash path under Public, and false
// when Hugo removed or renamed something there (the caller reads the
// folder instead).
func (w *Written) Files() (map[string]bool, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.files, !w.moved
}

func (w *Written) add(name string) {
	name = strings.TrimPrefix(path.Clean("/"+filepath.ToSlash(name)), "/")
	w.mu.Lock()
	if w.files == nil {
		w.files = map[string]bool{}
	}
	w.files[name] = true
	w.mu.Unlock()
}

func (w *Written) lost() {
	w.mu.Lock()
	w.moved = true
	w.mu.Unlock()
}

// recording is a file system that tells w each file opened for writing
// in it, and each removal or renaming.
type recording struct {
	afero.Fs
	w *Written
}

func (r recording) Create(name string) (afero.File, error) {
	f, err := r.Fs.Create(name)
	if err == nil {
		r.w.add(name)
	}
	return f, err
}

func (r recording) OpenFile(name string, flag int, perm os.FileMode) (afero.File, error) {
	f, err := r.Fs.OpenFile(name, flag, perm)
	if err == nil && flag&(os.O_WRONLY|os.O_RDWR|os.O_CREATE) != 0 {
		r.w.add(name)
	}
	return f, err
}

func (r recording) Remove(name string) error {
	r.w.lost()
	return r.Fs.Remove(name)
}

func (r recording) RemoveAll(name string) error {
	r.w.lost()
	return r.Fs.RemoveAll(name)
}

func (r recording) Rename(oldname, newname string) error {
	r.w.lost()
	return r.Fs.Rename(oldname, newname)
}

// UnwrapFilesystem is the file system recorded, for Hugo's walks over its
// layers (hugofs.WalkFilesystems).
func (r recording) UnwrapFilesystem() afero.Fs { return r.Fs }
