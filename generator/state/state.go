// Package state keeps a build's work between processes: what the loaders
// parsed (by file and hash), what derive found in the corpus and in each
// claim, and what each generated page read. The next build, in a new
// process as every `go run ./generator build` and every build on Netlify
// is, parses, derives and makes again only what its changes touch.
//
// A site's state is one file, named by a hash of the site's folder, in a
// folder of the machine's (the user's cache folder by default, beside the
// share cards): like the cards, it belongs to the machine, so nothing a
// contribution commits can stand in for it. It is kept under a key naming
// the program (its Go build ID) and everything else the caller says it
// depends on (the configuration, the build's options); a state saved under
// another key, or damaged (a checksum over its bytes), is not used, and the
// caller says why. It is written whole or not at all.
package state

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"strings"
	"sync"
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
	Derived *derive.Saved          // the corpus's relations and the claims' checks
	Pages   map[string]*site.Saved // what each page read, by language code
	// Content is the generated files the build wrote into content/, as
	// the file system describes them after it: a page of Pages is reused
	// without being made again only while its file is still the same. A
	// file modified within a moment of being described has the zero
	// FileStat, which no file has (git's "racy" files).
	Content map[string]FileStat
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
const magic = "fuente state 2\n"

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

// parts are a Snapshot's fields as the file holds them: each encoded on
// its own (gob), so that they are encoded and decoded on every core, and
// each checked by a length and a checksum.
func (s *Snapshot) parts() []any {
	return []any{&s.Parsed, &s.Derived, &s.Pages, &s.Content}
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
	var s Snapshot
	parts := s.parts()
	bodies := make([][]byte, len(parts))
	for i := range parts {
		if len(data) < 12 {
			return nil, "is damaged (cut short)"
		}
		n, sum := binary.LittleEndian.Uint64(data), binary.LittleEndian.Uint32(data[8:])
		data = data[12:]
		if uint64(len(data)) < n {
			return nil, "is damaged (cut short)"
		}
		if bodies[i] = data[:n]; crc32.Checksum(bodies[i], castagnoli) != sum {
			return nil, "is damaged (its checksum does not match its contents)"
		}
		data = data[n:]
	}
	if len(data) > 0 {
		return nil, "is damaged (bytes after its end)"
	}
	types()
	errs := make([]error, len(parts))
	par.Do(len(parts), func(i int) {
		errs[i] = gob.NewDecoder(bytes.NewReader(bodies[i])).Decode(parts[i])
	})
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Sprintf("is damaged (%v)", err)
	}
	now := time.Now()
	os.Chtimes(file, now, now) // its last use, for Prune
	return &s, ""
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
// it: a reader sees the old state or the new, never part of one.
func Write(file, key string, s *Snapshot) error {
	types()
	parts := s.parts()
	bodies := make([]bytes.Buffer, len(parts))
	errs := make([]error, len(parts))
	par.Do(len(parts), func(i int) {
		errs[i] = gob.NewEncoder(&bodies[i]).Encode(parts[i])
	})
	if err := errors.Join(errs...); err != nil {
		return err
	}
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
	for i := range bodies {
		var n [12]byte
		binary.LittleEndian.PutUint64(n[:], uint64(bodies[i].Len()))
		binary.LittleEndian.PutUint32(n[8:], crc32.Checksum(bodies[i].Bytes(), castagnoli))
		w.Write(n[:])
		w.Write(bodies[i].Bytes())
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
