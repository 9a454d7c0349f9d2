package history

import (
	"bytes"
	"container/list"
	"errors"

	"github.com/go-git/go-billy/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/format/idxfile"
	"github.com/go-git/go-git/v5/plumbing/format/packfile"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

// packs reads objects straight from the repository's pack files: the index
// gives an object's offset, the scanner inflates it, deltas are applied with
// go-git's PatchDelta, and resolved objects are kept in a cache keyed by
// pack and offset. Unlike reading through the object storer, nothing is
// hashed on the way: the index already says which object sits where.
type packs struct {
	list  []*pack
	cache *deltaCache
}

type pack struct {
	idx *idxfile.MemoryIndex
	sc  *packfile.Scanner
	f   billy.File
}

type packKey struct {
	pack int
	off  int64
}

// openPacks opens every pack of a filesystem repository. A repository of
// another kind, or without packs, gives an empty set (callers fall back to
// the object storer).
func openPacks(st any, budget int) (*packs, error) {
	ps := &packs{cache: newDeltaCache(budget)}
	fs, ok := st.(*filesystem.Storage)
	if !ok {
		return ps, nil
	}
	hashes, err := fs.ObjectPacks()
	if err != nil {
		return nil, err
	}
	dot := fs.Filesystem()
	for _, h := range hashes {
		idxFile, err := dot.Open(dot.Join("objects", "pack", "pack-"+h.String()+".idx"))
		if err != nil {
			return nil, err
		}
		idx := idxfile.NewMemoryIndex()
		err = idxfile.NewDecoder(idxFile).Decode(idx)
		idxFile.Close()
		if err != nil {
			return nil, err
		}
		f, err := dot.Open(dot.Join("objects", "pack", "pack-"+h.String()+".pack"))
		if err != nil {
			return nil, err
		}
		ps.list = append(ps.list, &pack{idx: idx, sc: packfile.NewScanner(f), f: f})
	}
	return ps, nil
}

func (ps *packs) close() {
	for _, p := range ps.list {
		p.f.Close()
	}
}

var errNotPacked = errors.New("object not in a pack")

// get returns the contents of the object h, or errNotPacked.
func (ps *packs) get(h plumbing.Hash) ([]byte, error) {
	for i, p := range ps.list {
		off, err := p.idx.FindOffset(h)
		if err == nil {
			return ps.at(i, off, 0)
		}
	}
	return nil, errNotPacked
}

// at resolves the object at an offset of pack i, following delta chains.
func (ps *packs) at(i int, off int64, depth int) ([]byte, error) {
	if depth > 10000 {
		return nil, errors.New("delta chain too long")
	}
	k := packKey{i, off}
	if b, ok := ps.cache.get(k); ok {
		return b, nil
	}
	p := ps.list[i]
	hdr, err := p.sc.SeekObjectHeader(off)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	buf.Grow(int(hdr.Length))
	if _, _, err := p.sc.NextObject(&buf); err != nil {
		return nil, err
	}
	data := buf.Bytes()
	switch hdr.Type {
	case plumbing.OFSDeltaObject, plumbing.REFDeltaObject:
		baseOff := hdr.OffsetReference
		if hdr.Type == plumbing.REFDeltaObject {
			if baseOff, err = p.idx.FindOffset(hdr.Reference); err != nil {
				return nil, errNotPacked
			}
		}
		base, err := ps.at(i, baseOff, depth+1)
		if err != nil {
			return nil, err
		}
		if data, err = packfile.PatchDelta(base, data); err != nil {
			return nil, err
		}
	}
	ps.cache.put(k, data)
	return data, nil
}

// deltaCache keeps recently resolved objects up to a byte budget.
type deltaCache struct {
	budget, size int
	order        *list.List // front: most recent
	items        map[packKey]*list.Element
}

type cached struct {
	k packKey
	b []byte
}

func newDeltaCache(budget int) *deltaCache {
	return &deltaCache{budget: budget, order: list.New(), items: map[packKey]*list.Element{}}
}

func (c *deltaCache) get(k packKey) ([]byte, bool) {
	e, ok := c.items[k]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(e)
	return e.Value.(*cached).b, true
}

func (c *deltaCache) put(k packKey, b []byte) {
	if len(b) > c.budget {
		return
	}
	c.items[k] = c.order.PushFront(&cached{k, b})
	c.size += len(b)
	for c.size > c.budget {
		e := c.order.Back()
		v := e.Value.(*cached)
		c.order.Remove(e)
		delete(c.items, v.k)
		c.size -= len(v.b)
	}
}
