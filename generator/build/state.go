package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/factcheck-mx/factcheck/generator/config"
	"github.com/factcheck-mx/factcheck/generator/meta"
	"github.com/factcheck-mx/factcheck/generator/par"
	"github.com/factcheck-mx/factcheck/generator/progress"
	"github.com/factcheck-mx/factcheck/generator/site"
	"github.com/factcheck-mx/factcheck/generator/state"
)

// kept is the state a build starts from (package state): snap is nil when
// there is none to use, and why says what was wrong with the one there.
type kept struct {
	file, key string // "" when the build keeps no state
	snap      *state.Snapshot
	why       string
}

// openState reads the state the last build of the site left, when opt
// keeps one: it is valid for the same program and config.toml (what it
// holds does not depend on the build's options: a preview and a
// production build share it).
func openState(opt Options) kept {
	if opt.StateDir == "" {
		return kept{}
	}
	cfg, err := os.ReadFile(filepath.Join(opt.Root, config.File))
	if err != nil {
		return kept{} // config.Load reports it
	}
	key, err := state.Key(cfg)
	if err != nil {
		return kept{} // the program cannot be read: keep nothing
	}
	k := kept{file: state.File(opt.StateDir, opt.Root), key: key}
	k.snap, k.why = state.Read(k.file, key)
	return k
}

// builder returns the Builder a build loads with: one that starts from
// the kept state, and keeps what it parses for the next, when k keeps any.
// have says which files of content/ the state describes are still as
// described (unchanged): only their pages are reused without being made.
func (k kept) builder(root string, drafts bool, have map[string]place) *Builder {
	b := &Builder{root: root, drafts: drafts}
	if k.file == "" {
		return b
	}
	b.cache = meta.NewCache()
	b.pages = map[string]*site.Cache{}
	if k.snap != nil {
		b.cache.Restore(k.snap.Parsed)
		b.cache.RestoreKnown(k.snap.Files)
		b.saved = k.snap.Derived
	}
	if k.snap != nil && k.snap.Pages != nil {
		for code, saved := range k.snap.Pages {
			b.pages[code] = site.Restore(saved, func(p string) bool { return have[p] != gone })
		}
	}
	return b
}

// A place is where a file the state describes is still as described.
type place uint8

const (
	gone      place = iota // nowhere: changed, or removed
	inContent              // content/'s file (the generation's is another)
	inGen                  // the generation's file, the very file (inode) of content/
)

// unchanged returns where each file of content/ that k's state describes
// is still as described (see state.FileStat): in gen, the generation
// claimed (see claim; "" for none), which holds most of content/'s very
// files, else in content itself. A file found in gen is the one the
// build keeps without looking at it again, once refresh's walk has found
// it there through folders (a stat follows links above the file).
func (k kept) unchanged(content, gen string) map[string]place {
	if k.snap == nil {
		return nil
	}
	files := k.snap.Content
	paths := slices.Collect(maps.Keys(files))
	at := make([]place, len(paths))
	par.Do(len(paths), func(i int) {
		p, want := filepath.FromSlash(paths[i]), files[paths[i]]
		if want == (state.FileStat{}) {
			return // too new to be trusted when described
		}
		same := func(dir string) bool {
			info, err := os.Lstat(filepath.Join(dir, p))
			return err == nil && info.Mode().IsRegular() && state.Stat(info) == want
		}
		switch {
		case gen != "" && same(gen):
			at[i] = inGen
		case same(content):
			at[i] = inContent
		}
	})
	out := make(map[string]place, len(paths))
	for i, p := range paths {
		if at[i] != gone {
			out[p] = at[i]
		}
	}
	return out
}

// racy is how long before it is described a file must have been modified
// for the description to be trusted: a file written twice within the
// file system's timestamp granularity can keep its time and size (git's
// "racy" files). The files a build writes are described after it, so only
// the files it left (hard-linked from the build before) are.
const racy = 2 * time.Second

// described returns the FileStat of each of the files (slash paths) in
// dir, the zero FileStat (which no file has) for those modified less than
// racy ago.
func described(dir string, files []string) map[string]state.FileStat {
	stats := make([]state.FileStat, len(files))
	ok := make([]bool, len(files))
	now := time.Now()
	par.Do(len(files), func(i int) {
		info, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(files[i])))
		if err == nil && info.Mode().IsRegular() {
			stats[i] = describedAt(info, now)
		}
		ok[i] = err == nil
	})
	out := make(map[string]state.FileStat, len(files))
	for i, p := range files {
		if ok[i] {
			out[p] = stats[i]
		}
	}
	return out
}

// describedAt is info's FileStat as described at now: the zero FileStat
// for a file modified less than racy before.
func describedAt(info os.FileInfo, now time.Time) state.FileStat {
	if now.Sub(info.ModTime()) <= racy {
		return state.FileStat{}
	}
	return state.Stat(info)
}

// describe says what the build that loaded l took from k: the summary's
// "state:" line.
func (k kept) describe(l *Loaded, made, reused int) string {
	switch {
	case k.file == "":
		return "none kept (-state \"\"): everything parsed, derived and made anew"
	case k.why != "":
		return "the saved state " + k.why + ": everything parsed, derived and made anew"
	case k.snap == nil:
		return "none saved yet: everything parsed, derived and made anew; saved for the next build"
	}
	parsed, _ := l.builder.cache.Fresh()
	corpus, checked := l.Result.Fresh()
	again := "reused"
	if corpus {
		again = "derived again"
	}
	return fmt.Sprintf("%d input files parsed, %d claims checked, the corpus's relations %s; %d content files made, %d taken as the last build made them", parsed, checked, again, made, reused)
}

// LoadSaved is Load starting from the state the last build of the site
// saved in the folder dir (see Options.StateDir), which it leaves as it is:
// only the files changed since are parsed, and only what they touch
// derived again. A state that cannot be used (none, another program's or
// configuration's, damaged) is passed over in silence: Load's work is done
// in full, with the same result.
func LoadSaved(ctx context.Context, root string, drafts bool, dir string) (*Loaded, error) {
	root, err := meta.Root(root)
	if err != nil {
		return nil, err
	}
	k := openState(Options{Root: root, StateDir: dir})
	if k.snap != nil {
		k.snap.Pages = nil // the pages are build's, not Load's
	}
	return k.builder(root, drafts, nil).Load(ctx)
}

// linked checks that each page reused without its bytes (nil in files)
// was linked into the stage from the very file the state describes (the
// same inode, size and time, in desc, the stage's files described): one
// that changed between the check before loading and the link (another
// build of the same folder swapped its content in meanwhile) would
// publish bytes this build did not make.
func (k kept) linked(files map[string][]byte, desc map[string]state.FileStat) error {
	if k.snap == nil {
		return nil
	}
	for p, data := range files {
		if data != nil {
			continue
		}
		if st, ok := desc[p]; !ok || st != k.snap.Content[p] {
			return changedMeanwhile(p)
		}
	}
	return nil
}

// changedMeanwhile is the error of a build that finds the file of
// content/ at p (a slash path) is no longer the one the state describes.
func changedMeanwhile(p string) error {
	return fmt.Errorf("content/%s changed while this build ran (another build of the same folder at the same time?): nothing was published; build again", p)
}

// save leaves l's work for the next build, with content, the generated
// files as the build left them (see state.Snapshot), unless it is the
// state the build started from (nothing parsed, derived or built anew,
// nothing removed, the same files, the same input files known).
func (k kept) save(l *Loaded, content map[string]state.FileStat) error {
	if k.file == "" || l.builder == nil {
		return nil
	}
	parsed, unused := l.builder.cache.Fresh()
	corpus, checked := l.Result.Fresh()
	built := 0
	for _, c := range l.builder.pages {
		built += c.Built()
	}
	known := l.builder.cache.Known()
	if k.snap != nil && parsed == 0 && unused == 0 && !corpus && checked == 0 && built == 0 && maps.Equal(content, k.snap.Content) &&
		slices.Equal(known, k.snap.Files) {
		return nil
	}
	return state.Write(k.file, k.key, l.snapshot(content, known), k.snap)
}

// snapshot is what of l's work the next build can reuse, with content and
// known, the input files known by their hash (meta.Cache.Known).
func (l *Loaded) snapshot(content map[string]state.FileStat, known []meta.Known) *state.Snapshot {
	s := &state.Snapshot{Parsed: l.builder.cache.Saved(), Files: known, Derived: l.Result.Save(), Content: content, Pages: map[string]*site.Saved{}}
	for code, c := range l.builder.pages {
		if saved := c.Save(); saved != nil {
			s.Pages[code] = saved
		}
	}
	return s
}

// generation is the folder of the site root where a build that keeps a
// state leaves the content folder it replaced, for the next build to
// bring up to date (refresh) instead of making a new folder: most of its
// files are the very files (hard links) of the content folder that
// replaced it, so bringing it up to date costs what changed, where making
// a new folder costs a link per file. Nothing in it is trusted: refresh
// checks every file it keeps.
const generation = ".gen-content"

// claim moves the generation into dir (a staging folder's content/), which
// must not exist, when k keeps a state, and reports whether it did. Only
// the generated sections are taken.
func (k kept) claim(root, dir string) bool {
	if k.file == "" {
		return false
	}
	gen := filepath.Join(root, generation)
	if info, err := os.Lstat(gen); err != nil || !info.IsDir() {
		return false
	}
	// Taken beside dir first, and made dir only once all it holds but
	// the generated sections is gone: a tree that cannot be cleaned is
	// left to be deleted with the staging folder.
	taken := dir + ".gen"
	if os.Rename(gen, taken) != nil {
		return false
	}
	entries, err := os.ReadDir(taken)
	if err != nil {
		return false
	}
	for _, e := range entries {
		if !e.IsDir() || !slices.Contains(site.Sections, e.Name()) {
			if os.RemoveAll(filepath.Join(taken, e.Name())) != nil {
				return false
			}
		}
	}
	return os.Rename(taken, dir) == nil
}

// removeGenerations deletes the generations in root (see claim), for a
// build that keeps none. Each is renamed first, to a name of this
// process's: a build that keeps a state and claims one meanwhile has it
// whole or not at all (RemoveAll goes on deleting in a folder renamed
// under it).
func removeGenerations(root string) {
	entries, _ := os.ReadDir(root)
	for i, e := range entries {
		if e.IsDir() && strings.HasPrefix(e.Name(), ".gen-") {
			mine := filepath.Join(root, fmt.Sprintf(".old-gen-%d-%d", os.Getpid(), i))
			if os.Rename(filepath.Join(root, e.Name()), mine) == nil {
				os.RemoveAll(mine)
			}
		}
	}
}

// refresh makes tree, a generation claimed (the content folder before
// old), hold files, as site.WriteNew makes a new folder hold them, and
// returns the files as described (see described). Every file of tree that
// files does not name, and anything that is not a regular file or a
// folder, is removed first (whatever was put there, even by hand), and
// the folders left empty after. Then each file is left when it already
// holds the bytes (for a page reused without its bytes: when have says
// it is the very file of old the state describes, the same inode), else
// replaced by old's file (linked) when that holds the bytes, else
// written. A file is replaced by removing it first, never written over:
// it may be the same inode as old's. Changes count as WriteNew counts
// them, against old as the state describes it.
func (k kept) refresh(tree, old string, files map[string][]byte, have map[string]place, pr *progress.Reporter) (site.Changes, map[string]state.FileStat, error) {
	now := time.Now()
	var dirs []string                  // the folders tree has, by slash path
	made := map[string]bool{".": true} // and those it will have
	seen := map[string]bool{}          // the regular files the walk left
	var mu sync.Mutex
	for _, sec := range site.Sections {
		top := filepath.Join(tree, sec)
		info, err := os.Lstat(top)
		switch {
		case os.IsNotExist(err):
			continue // a section the generation does not have
		case err != nil:
			return site.Changes{}, nil, err
		case !info.IsDir(): // claim took folders only; never followed
			if err := os.Remove(top); err != nil {
				return site.Changes{}, nil, err
			}
			continue
		}
		dirs, made[sec] = append(dirs, sec), true
		err = walk(top, func(rel string, d fs.DirEntry) error {
			rel = path.Join(sec, rel)
			full := filepath.Join(tree, filepath.FromSlash(rel))
			_, want := files[rel]
			switch {
			case d.IsDir() && want: // a folder where a file goes
				if err := os.RemoveAll(full); err != nil {
					return err
				}
				return fs.SkipDir
			case d.IsDir():
				mu.Lock()
				dirs = append(dirs, rel)
				made[rel] = true
				mu.Unlock()
			case !d.Type().IsRegular() || !want:
				return os.Remove(full) // a link, a pipe… (never followed), or a file no longer made
			default:
				mu.Lock()
				seen[rel] = true
				mu.Unlock()
			}
			return nil
		})
		if err != nil {
			return site.Changes{}, nil, err
		}
	}
	paths := slices.Sorted(maps.Keys(files))
	for _, p := range paths {
		if d := path.Dir(p); !made[d] {
			made[d] = true
			if err := os.MkdirAll(filepath.Join(tree, filepath.FromSlash(d)), 0o755); err != nil {
				return site.Changes{}, nil, err
			}
		}
	}
	var written, same atomic.Int64
	errs := make([]error, len(paths))
	desc := make([]state.FileStat, len(paths))
	par.Do(len(paths), func(i int) {
		defer pr.Add(1)
		p := paths[i]
		t, o := filepath.Join(tree, filepath.FromSlash(p)), filepath.Join(old, filepath.FromSlash(p))
		data := files[p]
		if data == nil { // reused: have says where the state's file is
			same.Add(1)
			want := k.snap.Content[p]
			if have[p] == inGen && seen[p] {
				// Found as described in the generation, and by the walk
				// through folders (no link above it): the file of
				// content/ itself, in this private folder since.
				desc[i] = want
				return
			}
			if errs[i] = removeFile(t); errs[i] != nil {
				return
			}
			// The file linked must be the one described: another build
			// may have swapped its content in meanwhile.
			if errs[i] = os.Link(o, t); errs[i] != nil {
				return
			}
			if info, err := os.Lstat(t); err != nil || state.Stat(info) != want {
				errs[i] = changedMeanwhile(p)
				return
			}
			desc[i] = want
			return
		}
		if info, ok := site.SameBytes(t, data); ok {
			if _, inOld := site.SameBytes(o, data); inOld {
				same.Add(1)
			} else {
				written.Add(1)
			}
			desc[i] = describedAt(info, now)
			return
		}
		if errs[i] = removeFile(t); errs[i] != nil {
			return
		}
		// Linked only when it is the file whose bytes were compared:
		// another build may swap its content in meanwhile.
		after, err := site.LinkSame(o, t, data)
		switch {
		case err != nil:
			errs[i] = err
		case after != nil:
			same.Add(1)
			desc[i] = describedAt(after, now)
		default:
			written.Add(1)
			errs[i] = site.Create(t, data) // just written: described as the zero FileStat
		}
	})
	ch := site.Changes{Written: int(written.Load()), Same: int(same.Load())}
	if err := errors.Join(errs...); err != nil {
		return ch, nil, err
	}
	// What a folder holds sorts after it: the folders left empty are
	// removed from the deepest up. A folder that holds a file of files,
	// or one under it, is not empty.
	holds := map[string]bool{}
	for _, p := range paths {
		for d := path.Dir(p); d != "." && !holds[d]; d = path.Dir(d) {
			holds[d] = true
		}
	}
	slices.Sort(dirs)
	for i := len(dirs) - 1; i >= 0; i-- {
		if !holds[dirs[i]] {
			os.Remove(filepath.Join(tree, filepath.FromSlash(dirs[i]))) // only when empty
		}
	}
	if k.snap != nil {
		for p := range k.snap.Content {
			if _, ok := files[p]; !ok {
				ch.Removed++
			}
		}
	}
	out := make(map[string]state.FileStat, len(paths))
	for i, p := range paths {
		out[p] = desc[i]
	}
	return ch, out, nil
}

// removeFile removes p if it is there.
func removeFile(p string) error {
	if err := os.Remove(p); err != nil && !os.IsNotExist(err) {
		return err
	}
	return nil
}
