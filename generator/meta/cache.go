package meta

import (
	"io/fs"
	"sync"
	"time"

	"github.com/factcheck-mx/factcheck/generator/diag"
	"github.com/factcheck-mx/factcheck/generator/par"
)

// Cache keeps the files ReadDir read, and what they were parsed into,
// between loads of the same site, so that loading again after an edit (as
// serve does) reads and parses only the files that changed. A file counts as
// unchanged while its size, modification time and inode stay the same, the
// test git's index makes. A nil *Cache keeps nothing: every load reads and
// parses every file.
type Cache struct {
	mu     sync.Mutex
	files  map[string]cachedFile  // by path relative to the root
	parsed map[string]cachedParse // by path and parser
}

type cachedFile struct {
	size  int64
	mtime time.Time
	ino   uint64
	file  File
	// trusted: modified long enough before it was read (see racy)
	trusted bool
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
	if !ok || f.size != info.Size() || !f.mtime.Equal(info.ModTime()) || f.ino != inode(info) || !f.trusted {
		return File{}, false
	}
	return f.file, true
}

func (c *Cache) keepFile(info fs.FileInfo, f File) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.files[f.Path] = cachedFile{info.Size(), info.ModTime(), inode(info), f, time.Since(info.ModTime()) > racy}
}

// parsed returns what parse makes of f, from the cache when the same parser
// (named by kind) already parsed these bytes of this file; the problems
// parse reported then are reported again to probs. The value returned from
// the cache is the same one as before: callers must not change it.
func parsed[T any](c *Cache, kind string, f File, probs *diag.List, parse func(File, *diag.List) T) T {
	if c == nil {
		return parse(f, probs)
	}
	key := kind + "\x00" + f.Path
	c.mu.Lock()
	p, ok := c.parsed[key]
	c.mu.Unlock()
	if ok && p.hash == f.Hash {
		*probs = append(*probs, p.probs...)
		return p.value.(T)
	}
	var own diag.List
	v := parse(f, &own)
	*probs = append(*probs, own...)
	c.mu.Lock()
	c.parsed[key] = cachedParse{f.Hash, v, own}
	c.mu.Unlock()
	return v
}

// ParseAll parses files with parse on every core, through c (which may be
// nil) as parsed does, and returns the results in the files' order. The
// problems go to probs in the files' order too, as a loop would report them.
func ParseAll[T any](c *Cache, kind string, files []File, probs *diag.List, parse func(File, *diag.List) T) []T {
	out := make([]T, len(files))
	own := make([]diag.List, len(files))
	par.Do(len(files), func(i int) { out[i] = parsed(c, kind, files[i], &own[i], parse) })
	for _, l := range own {
		*probs = append(*probs, l...)
	}
	return out
}
