package render

import (
	"os"
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
	moved bool // something was removed, renamed or written outside: the list cannot say
}

// Files returns the files written, by slash path under Public, and false
// when Hugo removed or renamed something there, or wrote outside it (the
// caller reads the folder instead).
func (w *Written) Files() (map[string]bool, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.files, !w.moved
}

// add records the file at rel, a path relative to Public (OS separators).
func (w *Written) add(rel string) {
	name := filepath.ToSlash(rel)
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

// recording is a file system rooted at dir (Hugo's publishing one) that
// tells w each file opened for writing in it, and each removal or
// renaming.
type recording struct {
	afero.Fs
	w   *Written
	dir string
}

// opened records the file name, as Hugo names it to the file system
// (rooted at dir, or relative to it), when it lands in dir: a name that
// climbs out of it (js.Batch's names may, and the file system below lets
// a sibling folder whose name starts with dir's through) makes the list
// unable to say.
func (r recording) opened(name string) {
	rel, err := filepath.Rel(r.dir, filepath.Join(r.dir, name))
	if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		r.w.lost()
		return
	}
	r.w.add(rel)
}

func (r recording) Create(name string) (afero.File, error) {
	f, err := r.Fs.Create(name)
	if err == nil {
		r.opened(name)
	}
	return f, err
}

func (r recording) OpenFile(name string, flag int, perm os.FileMode) (afero.File, error) {
	f, err := r.Fs.OpenFile(name, flag, perm)
	if err == nil && flag&(os.O_WRONLY|os.O_RDWR|os.O_CREATE) != 0 {
		r.opened(name)
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
