package meta

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/factcheck-mx/factcheck/generator/diag"
	"github.com/factcheck-mx/factcheck/generator/par"
)

// Cache keeps the files ReadDir read, and what they were parsed into,
// between loads of the same site, so that loading again after an edit (as
// serve does) reads and parses only the files that changed. A file counts as
// unchanged while its size, modification time, inode and inode change time
// stay the same, the test git's index makes. A nil *Cache keeps nothing: every load reads and
// parses every file.
type Cache struct {
	mu     sync.Mutex
	files  map[string]cachedFile  // by path relative to the root
	parsed map[string]cachedParse // by path and parser
	parses int                    // files parsed rather than taken from the cache
}

type cachedFile struct {
	size  int64
	mtime time.Time
	ino   uint64
	ctime int64 // Unix nanoseconds
	file  File  // without its Data when restored (Known): see File.load
	// trusted: modified long enough before it was read (see racy)
	trusted bool
	used    bool // read, or found unchanged, since it was restored
}

// racy is how close to the moment a file was read its modification time
// may be for the cache to still trust it: a file written twice within the
// file system's timestamp granularity keeps its time, so a file modified
// shortly before it was read is read again next time (git's "racy" files).
const racy = 2 * time.Second

type cachedParse struct {
	hash  string
	value any
	probs diag.List
	used  bool // asked for since it was restored (Saved keeps only these)
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{files: map[string]cachedFile{}, parsed: map[string]cachedParse{}}
}

// file returns the cached file at rel if info says it has not changed.
func (c *Cache) file(rel string, info fs.FileInfo) (File, bool) {
	if c == nil {
		return File{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	f, ok := c.files[rel]
	if !ok || f.size != info.Size() || !f.mtime.Equal(info.ModTime()) || f.ino != Inode(info) || f.ctime != Ctime(info) || !f.trusted {
		return File{}, false
	}
	if !f.used {
		f.used = true
		c.files[rel] = f
	}
	return f.file, true
}

func (c *Cache) keepFile(info fs.FileInfo, f File) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.files[f.Path] = cachedFile{info.Size(), info.ModTime(), Inode(info), Ctime(info), f, time.Since(info.ModTime()) > racy, true}
}

// A Known file is one a Cache read, as another process can take it back
// (Known, RestoreKnown): its path, git hash, and what tells it unchanged.
type Known struct {
	Path, Hash     string
	Size           int64
	ModTime, Ctime int64 // Unix nanoseconds
	Ino            uint64
}

// Known returns the files c read, or found unchanged, since it was
// restored, and trusts (modified long enough before they were read),
// sorted by path.
func (c *Cache) Known() []Known {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]Known, 0, len(c.files))
	for p, f := range c.files {
		if f.used && f.trusted {
			out = append(out, Known{p, f.file.Hash, f.size, f.mtime.UnixNano(), f.ctime, f.ino})
		}
	}
	slices.SortFunc(out, func(a, b Known) int { return strings.Compare(a.Path, b.Path) })
	return out
}

// RestoreKnown keeps the files of another process's Known in c: a file
// found as it was (size, times, inode) is taken by its hash without being
// read, and read only when a parser needs its bytes (not cached by its
// hash), as git trusts its index.
func (c *Cache) RestoreKnown(known []Known) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, k := range known {
		if _, ok := c.files[k.Path]; !ok {
			c.files[k.Path] = cachedFile{k.Size, time.Unix(0, k.ModTime), k.Ino, k.Ctime, File{Path: k.Path, Hash: k.Hash}, true, false}
		}
	}
}

// parsed returns what parse makes of f, from the cache when the same parser
// (named by kind) already parsed these bytes of this file; the problems
// parse reported then are reported again to probs. The value returned from
// the cache is the same one as before: callers must not change it.
func parsed[T any](c *Cache, kind string, f File, probs *diag.List, parse func(File, *diag.List) T) T {
	if c == nil {
		return parse(f, probs)
	}
	key := kind + "\x00" + f.Path // kind: kindKey's
	c.mu.Lock()
	p, ok := c.parsed[key]
	if ok && p.hash == f.Hash && !p.used {
		p.used = true
		c.parsed[key] = p
	}
	c.mu.Unlock()
	if ok && p.hash == f.Hash {
		// A value restored from another process is of the type this
		// parser returns unless the state was tampered with: then the
		// file is parsed again.
		if v, typed := p.value.(T); typed {
			*probs = append(*probs, p.probs...)
			return v
		}
	}
	var own diag.List
	if f.Data == nil && f.full != "" {
		// A file known by its hash (RestoreKnown): read now. Bytes that
		// no longer have that hash (the file changed since it was looked
		// at) are parsed as they are, and the file is no longer known.
		old := f.Hash
		if err := f.load(); err != nil {
			probs.Errorf(f.Path, 0, "%v", err)
			var zero T
			return zero
		}
		if f.Hash != old {
			c.mu.Lock()
			delete(c.files, f.Path)
			c.mu.Unlock()
		}
	}
	v := parse(f, &own)
	*probs = append(*probs, own...)
	c.mu.Lock()
	c.parsed[key] = cachedParse{f.Hash, v, own, true}
	c.parses++
	c.mu.Unlock()
	return v
}

// ParseAll parses files with parse on every core, through c (which may be
// nil) as parsed does, and returns the results in the files' order. The
// problems go to probs in the files' order too, as a loop would report them.
func ParseAll[T any](c *Cache, kind string, files []File, probs *diag.List, parse func(File, *diag.List) T) []T {
	out := make([]T, len(files))
	own := make([]diag.List, len(files))
	kind = kindKey(kind)
	par.Do(len(files), func(i int) { out[i] = parsed(c, kind, files[i], &own[i], parse) })
	for _, l := range own {
		*probs = append(*probs, l...)
	}
	return out
}

// kindKey is what c keeps of a parser's name: its first word and a digest
// of the rest. A name says everything the parser's result depends on
// (claims: the day and the whole rating scale, some kilobytes), and a
// state keeps it once per file.
func kindKey(kind string) string {
	word, _, _ := strings.Cut(kind, " ")
	sum := sha256.Sum256([]byte(kind))
	return word + " " + hex.EncodeToString(sum[:16])
}

// A Parsed is one value a Cache keeps, as another process can take it back
// (Saved, Restore): what the parser named Kind (its kindKey) made of the file at Path
// with the git hash Hash, and the problems it reported.
type Parsed struct {
	Kind, Path, Hash string
	Value            any
	Probs            diag.List
}

// Saved returns the values c keeps that were asked for since they were
// restored (or parsed since), sorted by kind and path, but for the nil
// values of files that could not be parsed.
func (c *Cache) Saved() []Parsed {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]Parsed, 0, len(c.parsed))
	for key, p := range c.parsed {
		if !p.used {
			continue // restored, and no longer asked for (a file removed or changed)
		}
		if v := reflect.ValueOf(p.value); !v.IsValid() || v.Kind() == reflect.Pointer && v.IsNil() {
			continue // a file that could not be parsed: parsed again
		}
		kind, path, _ := strings.Cut(key, "\x00")
		out = append(out, Parsed{kind, path, p.hash, p.value, p.probs})
	}
	slices.SortFunc(out, func(a, b Parsed) int {
		return cmp.Or(strings.Compare(a.Kind, b.Kind), strings.Compare(a.Path, b.Path))
	})
	return out
}

// Restore keeps the values of another process's Saved in c: the next
// parse of the same bytes (the same hash) of a file by the same parser
// returns the value instead. A file is still read to know its hash, unless
// c knows it unchanged (RestoreKnown).
func (c *Cache) Restore(saved []Parsed) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, p := range saved {
		key := p.Kind + "\x00" + p.Path
		if _, ok := c.parsed[key]; !ok {
			c.parsed[key] = cachedParse{p.Hash, p.Value, p.Probs, false}
		}
	}
}

// Fresh says how far c's values differ from those it was restored with:
// how many files were parsed rather than taken from the cache, and how many
// restored values were not asked for (their files removed or changed).
func (c *Cache) Fresh() (parsed, unused int) {
	if c == nil {
		return 0, 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, p := range c.parsed {
		if !p.used {
			unused++
		}
	}
	return c.parses, unused
}
