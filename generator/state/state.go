// Package state keeps a build's work between processes: what the loaders
// parsed (by file and hash), the input files' hashes (by size, time and
// inode), what derive found in the corpus and in each claim, and what each
// generated page read. The next build, in a new
// process as every `go run ./generator build` and every build on Netlify
// is, parses, derives and makes again only what its changes touch.
//
// A site's state is one file, named by a hash of the site's folder, in a
// folder of the machine's (the user's cache folder by default, beside the
// share cards): like the cards, it belongs to the machine, so nothing a
// contribution commits can stand in for it. It is kept under a key naming
// the program (its Go build ID) and everything else the caller says it
// depends on (the configuration, the build's options); a state saved under
// another key, or damaged (a checksum over each of its chunks), is not
// used, and the caller says why. It is written whole or not at all, its
// unchanged chunks with the bytes they were read from.
package state

import (
	"bufio"
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/factcheck-mx/factcheck/generator/buildid"
	"github.com/factcheck-mx/factcheck/generator/claims"
	"github.com/factcheck-mx/factcheck/generator/corpus"
	"github.com/factcheck-mx/factcheck/generator/derive"
	"github.com/factcheck-mx/factcheck/generator/meta"
	"github.com/factcheck-mx/factcheck/generator/par"
	"github.com/factcheck-mx/factcheck/generator/people"
	"github.com/factcheck-mx/factcheck/generator/site"
)

// A Snapshot is what one build leaves for the next.
type Snapshot struct {
	Parsed  []meta.Parsed          // the loaders' values, by parser, file and hash
	Files   []meta.Known           // the input files read, by path: their hashes
	Derived *derive.Saved          // the corpus's relations and the claims' checks
	Pages   map[string]*site.Saved // what each page read, by language code
	// Content is the generated files the build wrote into content/, as
	// the file system describes them after it: a page of Pages is reused
	// without being made again only while its file is still the same. A
	// file modified within a moment of being described has the zero
	// FileStat, which no file has (git's "racy" files).
	Content map[string]FileStat

	read map[string]*stored // as read (Read), by name: see Write
}

// A FileStat is what tells a file unchanged, as git's index does: size,
// modification time (Unix nanoseconds) and inode.
type FileStat struct {
	Size, ModTime int64
	Ino           uint64
}

// Stat is info's FileStat.
func Stat(info os.FileInfo) FileStat {
	return FileStat{info.Size(), info.ModTime().UnixNano(), meta.Inode(info)}
}

// magic starts every state file; the number changes with the format.
const magic = "fuente state 3\n"

// DefaultDir is where builds keep their state: the user's cache folder
// ($XDG_CACHE_HOME or ~/.cache on Linux), fuente/state; "" when there is
// none.
func DefaultDir() string {
	d, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(d, "fuente", "state")
}

// File is the state file of the site at root (an absolute, clean path) in
// the folder dir.
func File(dir, root string) string {
	sum := sha256.Sum256([]byte(root))
	return filepath.Join(dir, hex.EncodeToString(sum[:8])+".state")
}

// Key is the key a state is valid under: the running program's build ID
// and parts, which name whatever else the state depends on.
func Key(parts ...[]byte) (string, error) {
	id, err := buildid.Self()
	if err != nil {
		return "", err
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%d\x00", id, len(parts))
	for _, p := range parts {
		fmt.Fprintf(h, "%d\x00", len(p))
		h.Write(p)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

var register sync.Once

// types tells gob the values meta.Parsed may hold.
func types() {
	register.Do(func() {
		gob.Register(&claims.Claim{})
		gob.Register(&people.Person{})
		gob.Register(&corpus.Source{})
	})
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// buckets is how many chunks each of a Snapshot's collections is split
// into, by a hash of its keys: a build that changed one claim changes a
// few chunks, and the others are written as they were read.
const buckets = 32

// A chunk is one part of a Snapshot as the file holds it, encoded on its
// own (gob), so that chunks are encoded and decoded on every core, each
// checked by a length and a checksum, and each written again only when it
// changed. Its name says what it holds, and which bucket of keys (B):
// "parsed/B" (Parsed), "files/B" (Files), "derived" (Inputs and
// Relations), "checks/B" (Checks), "pages/CODE/B" (Base and Pages),
// "content/B" (Content).
type chunk struct {
	Parsed    []meta.Parsed
	Files     []meta.Known
	Inputs    []string
	Relations *derive.Relations
	Checks    map[string]derive.Check
	Base      string
	Pages     map[string]site.SavedPage
	Content   map[string]FileStat
}

// A stored chunk is one as read: what it holds and its bytes.
type stored struct {
	value *chunk
	body  []byte
	sum   uint32
}

// bucket is the chunk of buckets key goes to (FNV-1a).
func bucket(key string) int {
	h := uint32(2166136261)
	for i := 0; i < len(key); i++ {
		h = (h ^ uint32(key[i])) * 16777619
	}
	return int(h % buckets)
}

// chunks splits s into its chunks, by name; none is empty but the
// "derived" chunk and, for a language without pages, its "pages/CODE/0".
func (s *Snapshot) chunks() map[string]*chunk {
	out := map[string]*chunk{}
	// in returns the chunks of one collection, made when first asked for.
	in := func(prefix string) func(b int) *chunk {
		var cs [buckets]*chunk
		return func(b int) *chunk {
			if cs[b] == nil {
				cs[b] = &chunk{}
				out[prefix+strconv.Itoa(b)] = cs[b]
			}
			return cs[b]
		}
	}
	parsed := in("parsed/")
	for _, p := range s.Parsed {
		c := parsed(bucket(p.Path))
		c.Parsed = append(c.Parsed, p)
	}
	files := in("files/")
	for _, f := range s.Files {
		c := files(bucket(f.Path))
		c.Files = append(c.Files, f)
	}
	if d := s.Derived; d != nil {
		rel := d.Relations
		out["derived"] = &chunk{Inputs: d.Inputs, Relations: &rel}
		checks := in("checks/")
		for k, ck := range d.Checks {
			c := checks(bucket(k))
			if c.Checks == nil {
				c.Checks = map[string]derive.Check{}
			}
			c.Checks[k] = ck
		}
	}
	for code, saved := range s.Pages {
		if saved == nil {
			continue
		}
		pages := in("pages/" + code + "/")
		if len(saved.Pages) == 0 {
			pages(0).Base = saved.Base
		}
		for p, sp := range saved.Pages {
			c := pages(bucket(p))
			if c.Pages == nil {
				c.Base, c.Pages = saved.Base, map[string]site.SavedPage{}
			}
			c.Pages[p] = sp
		}
	}
	content := in("content/")
	for p, st := range s.Content {
		c := content(bucket(p))
		if c.Content == nil {
			c.Content = map[string]FileStat{}
		}
		c.Content[p] = st
	}
	return out
}

// equal reports whether two chunks hold the same. Values taken from a
// Snapshot read are mostly the very values read (the same pointers and
// slices), which are compared without being walked.
func equal(a, b *chunk) bool {
	if a.Base != b.Base || len(a.Parsed) != len(b.Parsed) || len(a.Checks) != len(b.Checks) ||
		len(a.Pages) != len(b.Pages) || !slices.Equal(a.Inputs, b.Inputs) || !slices.Equal(a.Files, b.Files) || !maps.Equal(a.Content, b.Content) ||
		(a.Relations == nil) != (b.Relations == nil) || a.Relations != nil && !reflect.DeepEqual(*a.Relations, *b.Relations) {
		return false
	}
	for i := range a.Parsed {
		x, y := &a.Parsed[i], &b.Parsed[i]
		if x.Kind != y.Kind || x.Path != y.Path || x.Hash != y.Hash || !reflect.DeepEqual(x.Value, y.Value) || !reflect.DeepEqual(x.Probs, y.Probs) {
			return false
		}
	}
	for k, x := range a.Checks {
		if y, ok := b.Checks[k]; !ok || !reflect.DeepEqual(x, y) {
			return false
		}
	}
	for k, x := range a.Pages {
		y, ok := b.Pages[k]
		if !ok || x.Digest != y.Digest || !sameReads(&x.Reads, &y.Reads) {
			return false
		}
	}
	return true
}

// sameReads reports whether two pages read the same.
func sameReads(a, b *site.Reads) bool {
	return a.Corrections == b.Corrections && slices.Equal(a.Uses, b.Uses) &&
		slices.Equal(a.Claims, b.Claims) && slices.Equal(a.Related, b.Related) &&
		slices.Equal(a.PersonClaims, b.PersonClaims) && slices.Equal(a.Reported, b.Reported) &&
		slices.Equal(a.SourceClaims, b.SourceClaims) && slices.Equal(a.Marks, b.Marks) &&
		slices.Equal(a.Appearances, b.Appearances) && slices.Equal(a.History, b.History)
}

// add puts what c, the chunk named name, holds into s, when it holds
// what Write puts in a chunk of that name, and only that.
func (s *Snapshot) add(name string, c *chunk) error {
	kind, rest, _ := strings.Cut(name, "/")
	code := ""
	if kind == "pages" {
		code, rest, _ = strings.Cut(rest, "/")
		if code == "" {
			return errors.New("pages of no language")
		}
	}
	b, err := strconv.Atoi(rest)
	if kind == "derived" {
		b, err = 0, nil
		if rest != "" || strings.Contains(name, "/") {
			err = errors.New("a name of another kind")
		}
	} else if err != nil || b < 0 || b >= buckets || strconv.Itoa(b) != rest {
		err = errors.New("no bucket")
	}
	if err != nil {
		return err
	}
	// inBucket says whether key is in this chunk's bucket.
	var bad string
	inBucket := func(key string) {
		if bad == "" && bucket(key) != b {
			bad = key
		}
	}
	// only is c without the fields of its kind: all zero.
	only := *c
	switch kind {
	case "parsed":
		for _, p := range c.Parsed {
			inBucket(p.Path)
		}
		s.Parsed = append(s.Parsed, c.Parsed...)
		only.Parsed = nil
	case "files":
		for _, f := range c.Files {
			inBucket(f.Path)
		}
		s.Files = append(s.Files, c.Files...)
		only.Files = nil
	case "derived":
		if s.Derived == nil {
			s.Derived = &derive.Saved{}
		}
		s.Derived.Inputs = c.Inputs
		if c.Relations != nil {
			s.Derived.Relations = *c.Relations
		}
		only.Inputs, only.Relations = nil, nil
	case "checks":
		if s.Derived == nil {
			s.Derived = &derive.Saved{}
		}
		if s.Derived.Checks == nil {
			s.Derived.Checks = map[string]derive.Check{}
		}
		for k := range c.Checks {
			inBucket(k)
		}
		maps.Copy(s.Derived.Checks, c.Checks)
		only.Checks = nil
	case "pages":
		if s.Pages == nil {
			s.Pages = map[string]*site.Saved{}
		}
		saved := s.Pages[code]
		if saved == nil {
			saved = &site.Saved{Base: c.Base, Pages: map[string]site.SavedPage{}}
			s.Pages[code] = saved
		}
		if saved.Base != c.Base {
			return fmt.Errorf("two bases for the pages in %s", code)
		}
		for k := range c.Pages {
			inBucket(k)
		}
		maps.Copy(saved.Pages, c.Pages)
		only.Base, only.Pages = "", nil
	case "content":
		if s.Content == nil {
			s.Content = map[string]FileStat{}
		}
		for k := range c.Content {
			inBucket(k)
		}
		maps.Copy(s.Content, c.Content)
		only.Content = nil
	default:
		return errors.New("a chunk of no kind known")
	}
	switch {
	case bad != "":
		return fmt.Errorf("%q in another bucket", bad)
	case !reflect.ValueOf(only).IsZero():
		return errors.New("values of another kind")
	case len(c.Parsed)+len(c.Files)+len(c.Checks)+len(c.Content) == 0 && kind != "derived" && kind != "pages":
		return errors.New("empty")
	}
	return nil
}

// complete checks what add cannot see chunk by chunk: a file or a value
// named twice, a claim's check without the corpus's relations.
func (s *Snapshot) complete(derived bool) error {
	for i := 1; i < len(s.Parsed); i++ {
		if a, b := s.Parsed[i-1], s.Parsed[i]; a.Kind == b.Kind && a.Path == b.Path {
			return fmt.Errorf("two values of %s", b.Path)
		}
	}
	for i := 1; i < len(s.Files); i++ {
		if s.Files[i-1].Path == s.Files[i].Path {
			return fmt.Errorf("two hashes of %s", s.Files[i].Path)
		}
	}
	if s.Derived != nil && !derived {
		return errors.New("checks without the corpus's relations")
	}
	return nil
}

// Read returns the state saved in file under key. When there is none to
// use it returns nil and why: "" when the file does not exist (no build
// saved one yet), else what is wrong with it.
func Read(file, key string) (*Snapshot, string) {
	data, err := os.ReadFile(file)
	if os.IsNotExist(err) {
		return nil, ""
	}
	if err != nil {
		return nil, fmt.Sprintf("cannot be read (%v)", err)
	}
	head := magic + key + "\n"
	switch {
	case !bytes.HasPrefix(data, []byte(magic)):
		return nil, "is not a state file of this version of the generator"
	case !bytes.HasPrefix(data, []byte(head)):
		return nil, "was saved by another version of the generator, or for another configuration or options"
	}
	data = data[len(head):]
	if len(data) < 4 {
		return nil, "is damaged (cut short)"
	}
	count := binary.LittleEndian.Uint32(data)
	data = data[4:]
	var names []string
	var read []*stored
	for range count {
		if len(data) < 16 {
			return nil, "is damaged (cut short)"
		}
		nn, n, sum := uint64(binary.LittleEndian.Uint32(data)), binary.LittleEndian.Uint64(data[4:]), binary.LittleEndian.Uint32(data[12:])
		data = data[16:]
		if uint64(len(data)) < nn || uint64(len(data))-nn < n {
			return nil, "is damaged (cut short)"
		}
		names = append(names, string(data[:nn]))
		read = append(read, &stored{value: &chunk{}, body: data[nn : nn+n], sum: sum})
		data = data[nn+n:]
	}
	if len(data) > 0 {
		return nil, "is damaged (bytes after its end)"
	}
	types()
	errs := make([]error, len(read))
	par.Do(len(read), func(i int) {
		if checksum(names[i], read[i].body) != read[i].sum {
			errs[i] = errSum
			return
		}
		if err := gob.NewDecoder(bytes.NewReader(read[i].body)).Decode(read[i].value); err != nil {
			errs[i] = fmt.Errorf("%s: %w", names[i], err)
		}
	})
	if err := errors.Join(errs...); errors.Is(err, errSum) {
		return nil, "is damaged (its checksum does not match its contents)"
	} else if err != nil {
		return nil, fmt.Sprintf("is damaged (%v)", err)
	}
	s := &Snapshot{read: make(map[string]*stored, len(read))}
	for i, name := range names {
		if _, twice := s.read[name]; twice {
			return nil, fmt.Sprintf("is damaged (two chunks named %q)", name)
		}
		if err := s.add(name, read[i].value); err != nil {
			return nil, fmt.Sprintf("is damaged (chunk %q: %v)", name, err)
		}
		s.read[name] = read[i]
	}
	slices.SortFunc(s.Parsed, func(a, b meta.Parsed) int {
		return cmp.Or(strings.Compare(a.Kind, b.Kind), strings.Compare(a.Path, b.Path))
	})
	slices.SortFunc(s.Files, func(a, b meta.Known) int { return strings.Compare(a.Path, b.Path) })
	if err := s.complete(s.read["derived"] != nil); err != nil {
		return nil, fmt.Sprintf("is damaged (%v)", err)
	}
	now := time.Now()
	os.Chtimes(file, now, now) // its last use, for Prune
	return s, ""
}

var errSum = errors.New("checksum")

// Intact reports whether the values Read returned in s are still those its
// file holds, by decoding each chunk again: a caller that changed them in
// place would make Write take stale bytes for the chunks it compares them
// with. Tests call it after a build.
func (s *Snapshot) Intact() error {
	for name, st := range s.read {
		var fresh chunk
		if err := gob.NewDecoder(bytes.NewReader(st.body)).Decode(&fresh); err != nil {
			return err
		}
		if !reflect.DeepEqual(&fresh, st.value) {
			return fmt.Errorf("the values of chunk %q were changed after they were read", name)
		}
	}
	return nil
}

// Prune removes from dir the state files no build has used for the given
// time (those of sites since deleted or moved), and temporary files of
// writes that never finished.
func Prune(dir string, unused time.Duration) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".state") && !strings.HasPrefix(name, ".tmp-") {
			continue
		}
		if info, err := e.Info(); err == nil && info.Mode().IsRegular() && time.Since(info.ModTime()) > unused {
			os.Remove(filepath.Join(dir, name))
		}
	}
}

// Write saves s in file under key, through a temporary file renamed over
// it: a reader sees the old state or the new, never part of one. The
// chunks of s equal to those of from (a Snapshot Read returned, or nil)
// are written with from's bytes, without being encoded again: from's
// values must not have been changed since it was read.
func Write(file, key string, s, from *Snapshot) error {
	_, err := write(file, key, s, from)
	return err
}

// write is Write, and returns how many chunks it took from from.
func write(file, key string, s, from *Snapshot) (int, error) {
	types()
	chunks := s.chunks()
	names := slices.Sorted(maps.Keys(chunks))
	out := make([]stored, len(names))
	errs := make([]error, len(names))
	var reused atomic.Int64
	par.Do(len(names), func(i int) {
		c := chunks[names[i]]
		if from != nil {
			if old, ok := from.read[names[i]]; ok && equal(c, old.value) {
				out[i] = *old
				reused.Add(1)
				return
			}
		}
		out[i], errs[i] = encode(names[i], c)
	})
	if err := errors.Join(errs...); err != nil {
		return 0, err
	}
	return int(reused.Load()), writeFile(file, key, names, out)
}

// encode is the chunk c named name as a file holds it.
func encode(name string, c *chunk) (stored, error) {
	var b bytes.Buffer
	err := gob.NewEncoder(&b).Encode(c)
	return stored{body: b.Bytes(), sum: checksum(name, b.Bytes())}, err
}

// checksum is a chunk's CRC-32C, over its name and its bytes.
func checksum(name string, body []byte) uint32 {
	return crc32.Update(crc32.Checksum([]byte(name), castagnoli), castagnoli, body)
}

// writeFile writes the chunks named names to file under key.
func writeFile(file, key string, names []string, chunks []stored) error {
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), ".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	w := bufio.NewWriter(tmp)
	w.WriteString(magic + key + "\n")
	w.Write(binary.LittleEndian.AppendUint32(nil, uint32(len(names))))
	for i, name := range names {
		var n [16]byte
		binary.LittleEndian.PutUint32(n[:], uint32(len(name)))
		binary.LittleEndian.PutUint64(n[4:], uint64(len(chunks[i].body)))
		binary.LittleEndian.PutUint32(n[12:], chunks[i].sum)
		w.Write(n[:])
		w.WriteString(name)
		w.Write(chunks[i].body)
	}
	err = w.Flush() // a write's error is kept, and returned here
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Rename(tmp.Name(), file)
}
