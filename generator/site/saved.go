package site

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"sync"
)

// Saved is a Cache as another process can take it back (package state
// keeps it between builds): for every page, what it read and a digest of
// the values it read then, under a digest of what every page reads. Its
// pages' bytes are not in it: they are the files the build wrote, which
// the caller vouches for (Restore).
type Saved struct {
	Base  string
	Pages map[string]SavedPage
}

// A SavedPage is what one page read (Reads) and the digest of the values
// read.
type SavedPage struct {
	Reads  Reads
	Digest string
}

// Reads is reads with exported fields, for gob.
type Reads struct {
	Claims, Related, PersonClaims, Reported, SourceClaims, Marks, Appearances, History []string
	Uses                                                                               []int
	Corrections                                                                        bool
}

func (rd *reads) export() Reads {
	return Reads{rd.claims, rd.related, rd.personClaims, rd.reported, rd.sourceClaims, rd.marks, rd.appearances, rd.history, rd.uses, rd.corrections}
}

func (r Reads) reads() *reads {
	return &reads{claims: r.Claims, related: r.Related, personClaims: r.PersonClaims, reported: r.Reported, sourceClaims: r.SourceClaims, marks: r.Marks, uses: r.Uses, appearances: r.Appearances, history: r.History, corrections: r.Corrections}
}

// Save returns what of c's last call of Files another process can reuse.
func (c *Cache) Save() *Saved {
	if c == nil || c.last == nil {
		return nil
	}
	d := newDigester(c.last)
	s := &Saved{Base: d.base(), Pages: make(map[string]SavedPage, len(c.pages))}
	for path, p := range c.pages {
		if p.reads == nil {
			continue
		}
		digest := p.digest
		if digest == "" {
			digest = d.reads(p.reads)
		}
		if digest != "" {
			s.Pages[path] = SavedPage{p.reads.export(), digest}
		}
	}
	return s
}

// Restore returns a Cache holding the pages of s that have(path) says are
// still there as they were made (the files the build that saved s wrote,
// unchanged since). The next call of Files takes such a page, when what it
// read has the same digest, without its bytes: its value in the files
// Files returns is nil, and the caller takes the file it vouched for.
func Restore(s *Saved, have func(path string) bool) *Cache {
	c := NewCache()
	if s == nil {
		return c
	}
	c.saved = s
	for path := range s.Pages {
		if have(path) {
			c.restored = append(c.restored, path)
		}
	}
	return c
}

// A digester hashes what pages read of one state. Digests of the history
// of input files are computed once each, and so is what a claim adds to
// a digest (claims: most pages read some, lists read thousands).
type digester struct {
	st       *state
	mu       sync.Mutex
	history  map[string]string
	corr     string
	corrDone bool
	claims   map[string][]byte // what claim(id) hashes, by id
}

func newDigester(st *state) *digester {
	d := &digester{st: st, history: map[string]string{}, claims: make(map[string][]byte, len(st.r.Claim))}
	for id, c := range st.r.Claim {
		b := appendStr(nil, id)
		for ; c != nil; c = c.Original {
			b = appendStr(appendStr(b, c.Path), c.Hash)
		}
		d.claims[id] = appendStr(b, "|")
	}
	return d
}

// base is the digest of what every page reads directly (what sameBase
// compares).
func (d *digester) base() string {
	st := d.st
	h := sha256.New()
	write := func(parts ...any) {
		for _, p := range parts {
			fmt.Fprintf(h, "%d:%v\x00", len(fmt.Sprint(p)), p)
		}
	}
	write(st.r.Corpus.Inputs(), fmt.Sprintf("%#v", st.r.Scale), st.r.Lang)
	for _, id := range slices.Sorted(maps.Keys(st.r.PersonIn)) {
		p := st.r.PersonIn[id]
		write(id, p.Path, p.Hash)
	}
	o := st.opt
	write(o.Lang, o.Original, fmt.Sprintf("%#v", o.Labels), o.Description, o.Language, o.Title, o.BaseURL, o.Excerpts, o.Cards != nil)
	ha := o.History
	write(ha == nil, ha != nil && ha.Known)
	return hex.EncodeToString(h.Sum(nil))
}

// reads is the digest of the values rd names in d's state.
func (d *digester) reads(rd *reads) string {
	r := d.st.r
	h := sha256.New()
	var buf []byte
	str := func(s string) {
		buf = appendStr(buf[:0], s)
		h.Write(buf)
	}
	claim := func(id string) {
		if b, ok := d.claims[id]; ok {
			h.Write(b)
			return
		}
		str(id) // an id of no claim
		str("|")
	}
	list := func(k string, m map[string][]string) {
		str(k)
		for _, v := range m[k] {
			str(v)
		}
		str("|")
	}
	io.WriteString(h, "claims")
	for _, id := range rd.claims {
		claim(id)
	}
	io.WriteString(h, "appearances") // derived from the claim and the corpus
	for _, id := range rd.appearances {
		claim(id)
	}
	for _, part := range []struct {
		name string
		keys []string
		m    map[string][]string
	}{{"related", rd.related, r.Related}, {"person", rd.personClaims, r.PersonClaims}, {"reported", rd.reported, r.Reported}, {"source", rd.sourceClaims, r.SourceClaims}} {
		io.WriteString(h, part.name)
		for _, k := range part.keys {
			list(k, part.m)
		}
	}
	io.WriteString(h, "marks")
	for _, id := range rd.marks {
		str(id)
		m := r.Marks[id]
		for _, p := range slices.Sorted(maps.Keys(m)) {
			str(strconv.Itoa(p))
			for _, mk := range m[p] {
				str(fmt.Sprint(mk.Span.Start, mk.Span.End))
				for _, c := range mk.Claims {
					str(c)
				}
			}
		}
		str("|")
	}
	io.WriteString(h, "uses")
	for _, qi := range rd.uses {
		str(strconv.Itoa(qi))
		for _, l := range d.st.uses[qi] {
			str(l.Title)
			str(l.URL)
		}
		str("|")
	}
	io.WriteString(h, "history")
	for _, p := range rd.history {
		str(p)
		ph := d.pageHistory(p)
		if ph == "" {
			return "" // no digest: the page is built again
		}
		str(ph)
	}
	if rd.corrections {
		io.WriteString(h, "corrections")
		c := d.corrections()
		if c == "" {
			return ""
		}
		str(c)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// appendStr appends s to b as a digest takes a string: its length, a
// colon, and s.
func appendStr(b []byte, s string) []byte {
	return append(append(strconv.AppendInt(b, int64(len(s)), 10), ':'), s...)
}

func (d *digester) pageHistory(path string) string {
	h := d.st.opt.History
	if h == nil {
		return "none"
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if s, ok := d.history[path]; ok {
		return s
	}
	s := jsonDigest(h.Pages[path])
	d.history[path] = s
	return s
}

func (d *digester) corrections() string {
	h := d.st.opt.History
	if h == nil {
		return "none"
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if !d.corrDone {
		d.corr, d.corrDone = jsonDigest(h.Corrections), true
	}
	return d.corr
}

// jsonDigest is the digest of v's JSON (revisions are plain data), or ""
// when it has none.
func jsonDigest(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
