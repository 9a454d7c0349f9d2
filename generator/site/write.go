package site

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/factcheck-mx/factcheck/generator/par"
	"github.com/factcheck-mx/factcheck/generator/progress"
)

// Changes says how a set of content files differs from the one before it.
type Changes struct {
	Written int // new or changed files: written
	Same    int // files with the same bytes as before: not written again
	Removed int // files of the previous set no longer generated
	// Paths are the files Update wrote or removed, slash paths under its
	// folder, sorted (WriteNew leaves it empty).
	Paths []string
}

// WriteNew writes files into dir, a new folder (the build's staging
// folder). A file whose bytes are those of the same file under old (the
// content folder of the previous build; "" for none) is not written but
// hard-linked to it, so it keeps its identity and time and only the files
// that changed are rewritten. Removed counts old's files in the generated
// sections that files no longer has. A nil file (a page a restored Cache
// reused without its bytes, see Restore) is old's file, linked, which the
// caller checks is the file it vouched for. Each file written or linked is
// counted on pr (which may be nil).
func WriteNew(dir string, files map[string][]byte, old string, pr *progress.Reporter) (Changes, error) {
	paths := slices.Sorted(maps.Keys(files))
	if err := mkdirs(dir, paths); err != nil {
		return Changes{}, err
	}
	// Comparing, linking and writing are system calls that wait on the
	// file system: they run on every core.
	var written, same atomic.Int64
	errs := make([]error, len(paths))
	par.Do(len(paths), func(i int) {
		defer pr.Add(1)
		p := paths[i]
		full := filepath.Join(dir, filepath.FromSlash(p))
		if files[p] == nil {
			if old == "" {
				errs[i] = fmt.Errorf("%s: no bytes, and no earlier build's file", p)
			} else if errs[i] = os.Link(filepath.Join(old, filepath.FromSlash(p)), full); errs[i] == nil {
				same.Add(1)
			}
			return
		}
		if old != "" {
			linked, err := LinkSame(filepath.Join(old, filepath.FromSlash(p)), full, files[p])
			if linked != nil || err != nil {
				if errs[i] = err; err == nil {
					same.Add(1)
				}
				return
			}
		}
		if errs[i] = Create(full, files[p]); errs[i] == nil {
			written.Add(1)
		}
	})
	ch := Changes{Written: int(written.Load()), Same: int(same.Load())}
	if err := errors.Join(errs...); err != nil {
		return ch, err
	}
	if old != "" {
		for _, s := range Sections {
			filepath.WalkDir(filepath.Join(old, s), func(p string, d os.DirEntry, err error) error {
				if err == nil && d.Type().IsRegular() {
					rel, _ := filepath.Rel(old, p)
					if _, ok := files[filepath.ToSlash(rel)]; !ok {
						ch.Removed++
					}
				}
				return nil
			})
		}
	}
	return ch, nil
}

// mkdirs makes the folders of paths under dir (which exists), each with one
// system call: a page bundle per page makes as many folders as files.
func mkdirs(dir string, paths []string) error {
	made := map[string]bool{".": true}
	var mk func(d string) error
	mk = func(d string) error {
		if made[d] {
			return nil
		}
		if err := mk(path.Dir(d)); err != nil {
			return err
		}
		made[d] = true
		if err := os.Mkdir(filepath.Join(dir, filepath.FromSlash(d)), 0o755); err != nil && !os.IsExist(err) {
			return err
		}
		return nil
	}
	for _, p := range paths {
		if err := mk(path.Dir(p)); err != nil {
			return err
		}
	}
	return nil
}

// SameBytes reports whether the regular file at path (not a link) holds
// exactly data, and returns what describes the file read.
func SameBytes(path string, data []byte) (os.FileInfo, bool) {
	f, info, ok := openSame(path, data)
	if f != nil {
		f.Close()
	}
	return info, ok
}

// openSame opens the regular file at path (not a link) and reports whether
// it holds exactly data, with what describes the file opened. It returns
// the file open (nil if it was not opened), for the caller to close: while
// it is open, its inode cannot be freed and given to another file.
func openSame(path string, data []byte) (*os.File, os.FileInfo, bool) {
	described, err := os.Lstat(path)
	if err != nil || !described.Mode().IsRegular() || described.Size() != int64(len(data)) {
		return nil, nil, false
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, false
	}
	info, err := f.Stat()
	if err != nil || !os.SameFile(described, info) { // replaced since, or a link put there
		return f, nil, false
	}
	b := make([]byte, len(data)+1) // one more: a file grown since is not the same
	n, _ := io.ReadFull(f, b)
	return f, info, n == len(data) && bytes.Equal(b[:n], data)
}

// LinkSame hard-links old to new, a path that must not exist, when old is a
// regular file (not a link) holding exactly data, and returns what
// describes the file linked. It returns nil when old does not hold data,
// when it cannot be linked, and when another file was put at old between
// the comparison and the link (another build of the same folder swapping
// its content in): new is then removed again, and an error returned only
// when it could not be (it must not be written over: it is that other
// file). The file compared is held open until the link is checked, so that
// its inode cannot go to another file meanwhile. Builds never change a file
// in place (they write a new one), so the inode stands for the bytes.
func LinkSame(old, new string, data []byte) (os.FileInfo, error) {
	return linkSame(old, new, data, nil)
}

// linkSame is LinkSame, calling between (when not nil) after the
// comparison and before the link: tests put another file at old there.
func linkSame(old, new string, data []byte, between func()) (os.FileInfo, error) {
	f, read, ok := openSame(old, data)
	if f != nil {
		defer f.Close()
	}
	if !ok {
		return nil, nil
	}
	if between != nil {
		between()
	}
	if os.Link(old, new) != nil {
		return nil, nil
	}
	if after, err := os.Lstat(new); err == nil && os.SameFile(read, after) {
		return after, nil
	}
	if err := os.Remove(new); err != nil && !os.IsNotExist(err) {
		return nil, err
	}
	return nil, nil
}

// Create writes data to a new file at p, which must not exist: a file that
// is there (which may be another folder's, linked) is never written over.
func Create(p string, data []byte) error {
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// Update makes dir, a folder that holds prev (the files of the last update;
// nil for none), hold files instead: it writes only the files whose bytes
// changed, each through a temporary file and a rename so that a reader (a
// running Hugo server) never sees half a file, and removes the files of prev
// that files no longer has. Other files in dir are left alone.
func Update(dir string, files, prev map[string][]byte) (Changes, error) {
	var ch Changes
	for _, p := range slices.Sorted(maps.Keys(files)) {
		if old, ok := prev[p]; ok && bytes.Equal(old, files[p]) {
			ch.Same++
			continue
		}
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return ch, err
		}
		tmp := filepath.Join(filepath.Dir(full), "."+filepath.Base(full)+".tmp")
		if err := os.WriteFile(tmp, files[p], 0o644); err != nil {
			return ch, err
		}
		if err := os.Rename(tmp, full); err != nil {
			os.Remove(tmp)
			return ch, err
		}
		ch.Written++
		ch.Paths = append(ch.Paths, p)
	}
	for _, p := range slices.Sorted(maps.Keys(prev)) {
		if _, ok := files[p]; !ok && !strings.Contains(p, "..") {
			if err := os.Remove(filepath.Join(dir, filepath.FromSlash(p))); err != nil && !os.IsNotExist(err) {
				return ch, err
			}
			ch.Removed++
			ch.Paths = append(ch.Paths, p)
		}
	}
	slices.Sort(ch.Paths)
	return ch, nil
}
