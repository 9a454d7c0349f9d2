package site

import (
	"maps"
	"reflect"
	"slices"
	"sync"

	"github.com/factcheck-mx/factcheck/generator/claims"
	"github.com/factcheck-mx/factcheck/generator/derive"
	"github.com/factcheck-mx/factcheck/generator/people"
	"github.com/factcheck-mx/factcheck/generator/revisions"
)

// Rebuilding only what changed.
//
// A page reads two kinds of data. What every page may read, it reads
// directly: the corpus (sources, people and what derive found in them
// alone), the rating scale and the site's options. When any of it changes,
// every page is built again. What the claims add to the site (the claims,
// their evidence, related claims, who made which claim, which claims cite a
// source, the history of each file) it reads through the accessors below,
// which note what the page read. A Cache keeps every page's bytes with that
// note, and the next call builds again only the pages whose note names
// something that differs: after one claim file is edited, the claim's page,
// the pages listing it and little else.

// reads is what one page read of the claims' side of the site. Without a
// Cache nothing is noted (gen.rd is nil).
type reads struct {
	claims       []string // claims (with their located evidence), by id
	related      []string // claims whose related claims it listed
	personClaims []string // people whose claims it listed
	reported     []string // organisations whose reported claims it listed
	sourceClaims []string // sources whose citing claims it listed
	marks        []string // sources whose evidence marks it drew (today implied by the claims it names and sourceClaims; noted so reuse does not rest on that)
	uses         []int    // quotations whose quoting claims it listed
	appearances  []string // claims whose appearances in the corpus it listed
	history      []string // input files whose history it showed
	corrections  bool     // the site's list of corrections
}

func (g *gen) claim(id string) *claims.Claim {
	if g.rd != nil {
		g.rd.claims = append(g.rd.claims, id)
	}
	return g.res.Claim[id]
}

// person is a person as the pages' language shows them: their
// translation when there is one. Translations are part of what every page
// may read (sameBase compares them).
func (g *gen) person(id string) *people.Person {
	if p, ok := g.res.PersonIn[id]; ok {
		return p
	}
	return g.c.Person[id]
}

// evidence is a claim's evidence found in its sources, and which quotation
// each entry lies in (by index into the entries).
func (g *gen) evidence(id string) ([]derive.Located, map[int]int) {
	if g.rd != nil {
		g.rd.claims = append(g.rd.claims, id)
	}
	return g.res.Evidence[id], g.res.EvidenceQ[id]
}

// appearances is where a claim's statement appears in the corpus. It is
// derived from the claim and the corpus alone, so a page naming the claim
// is built again when it changes; it is noted so that reuse does not rest
// on that.
func (g *gen) appearances(id string) []derive.Appearance {
	if g.rd != nil {
		g.rd.appearances = append(g.rd.appearances, id)
	}
	return g.res.Appearances[id]
}

func (g *gen) related(id string) []string {
	if g.rd != nil {
		g.rd.related = append(g.rd.related, id)
	}
	return g.res.Related[id]
}

func (g *gen) personClaims(id string) []string {
	if g.rd != nil {
		g.rd.personClaims = append(g.rd.personClaims, id)
	}
	return g.res.PersonClaims[id]
}

// independence is a claim's evidence gathered into origins (derived from
// the claim and the corpus, so noted as reading the claim).
func (g *gen) independence(id string) derive.Independence {
	if g.rd != nil {
		g.rd.claims = append(g.rd.claims, id)
	}
	return g.res.Independent[id]
}

func (g *gen) reported(id string) []string {
	if g.rd != nil {
		g.rd.reported = append(g.rd.reported, id)
	}
	return g.res.Reported[id]
}

func (g *gen) sourceClaims(id string) []string {
	if g.rd != nil {
		g.rd.sourceClaims = append(g.rd.sourceClaims, id)
	}
	return g.res.SourceClaims[id]
}

func (g *gen) marks(id string) map[int][]derive.Mark {
	if g.rd != nil {
		g.rd.marks = append(g.rd.marks, id)
	}
	return g.res.Marks[id]
}

func (g *gen) quoteUsers(qi int) []Link {
	if g.rd != nil {
		g.rd.uses = append(g.rd.uses, qi)
	}
	return g.uses[qi]
}

// pageHistory is the site's history (nil when none was read) and the
// history of one input file (nil when unknown).
func (g *gen) pageHistory(path string) (*revisions.Result, *revisions.Page) {
	if g.rd != nil {
		g.rd.history = append(g.rd.history, path)
	}
	h := g.opt.History
	if h == nil {
		return nil, nil
	}
	return h, h.Pages[path]
}

func (g *gen) corrections() []revisions.Correction {
	if g.rd != nil {
		g.rd.corrections = true
	}
	if h := g.opt.History; h != nil {
		return h.Corrections
	}
	return nil
}

// state is what one call of Files made its pages from.
type state struct {
	r    *derive.Result
	uses map[int][]Link
	opt  Options
}

// sameBase reports whether what every page may read directly is the same in
// a and b: otherwise no page can be reused.
func sameBase(a, b *state) bool {
	ha, hb := a.opt.History, b.opt.History
	return a.r.Corpus == b.r.Corpus && reflect.DeepEqual(a.r.Scale, b.r.Scale) &&
		a.r.Lang == b.r.Lang && maps.Equal(a.r.PersonIn, b.r.PersonIn) &&
		a.opt.Lang == b.opt.Lang && a.opt.Original == b.opt.Original && a.opt.Labels == b.opt.Labels && a.opt.Description == b.opt.Description && a.opt.Language == b.opt.Language &&
		a.opt.Title == b.opt.Title && a.opt.BaseURL == b.opt.BaseURL && a.opt.Excerpts == b.opt.Excerpts &&
		(ha == nil) == (hb == nil) && (ha == nil || ha.Known == hb.Known)
}

// changed reports whether anything the page read differs between a, the
// state it was built from, and b. Claims are compared by identity: a
// meta.Cache hands back the same value for a file that did not change, and
// a claim's evidence is derived from the claim and the corpus alone.
func (rd *reads) changed(a, b *state) bool {
	for _, id := range rd.claims {
		if a.r.Claim[id] != b.r.Claim[id] {
			return true
		}
	}
	if listsDiffer(rd.related, a.r.Related, b.r.Related) ||
		listsDiffer(rd.personClaims, a.r.PersonClaims, b.r.PersonClaims) ||
		listsDiffer(rd.reported, a.r.Reported, b.r.Reported) ||
		listsDiffer(rd.sourceClaims, a.r.SourceClaims, b.r.SourceClaims) {
		return true
	}
	for _, id := range rd.marks {
		if !maps.EqualFunc(a.r.Marks[id], b.r.Marks[id], marksEqual) {
			return true
		}
	}
	for _, id := range rd.appearances {
		if !reflect.DeepEqual(a.r.Appearances[id], b.r.Appearances[id]) {
			return true
		}
	}
	for _, qi := range rd.uses {
		if !slices.Equal(a.uses[qi], b.uses[qi]) {
			return true
		}
	}
	ha, hb := a.opt.History, b.opt.History
	if ha == hb || ha == nil || hb == nil {
		// The same history, or none on either side (sameBase saw to it).
		return false
	}
	for _, p := range rd.history {
		if !reflect.DeepEqual(ha.Pages[p], hb.Pages[p]) {
			return true
		}
	}
	return rd.corrections && !reflect.DeepEqual(ha.Corrections, hb.Corrections)
}

// listsDiffer reports whether a and b differ at any of the keys.
func listsDiffer(keys []string, a, b map[string][]string) bool {
	for _, k := range keys {
		if !slices.Equal(a[k], b[k]) {
			return true
		}
	}
	return false
}

func marksEqual(a, b []derive.Mark) bool {
	return slices.EqualFunc(a, b, func(x, y derive.Mark) bool {
		return x.Span == y.Span && slices.Equal(x.Claims, y.Claims)
	})
}

// A Cache keeps what one call of Files made for the next (serve, building
// again after an edit): every page's bytes and what the page read, and the
// HTML rendered from contributors' Markdown (the same text renders to the
// same HTML). A nil *Cache keeps nothing.
type Cache struct {
	last   *state
	pages  map[string]page
	built  int // pages the last call built rather than reused
	reused int // pages the last call took from a restored Cache

	mu   sync.Mutex
	prev map[string]string // Markdown -> HTML; read-only while Files runs
	next map[string]string

	// A Cache restored from another process's Saved (Restore) has no last
	// state: its pages are reused, for the first call of Files, when what
	// they read has the digest it had.
	saved    *Saved
	restored []string // pages of saved whose files the caller vouches for
}

// A page is a page's bytes and what it was built from.
type page struct {
	data   []byte // nil for a page restored from a Saved: the caller has its bytes
	reads  *reads
	digest string // the digest of what it read, when known (a restored page)
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{next: map[string]string{}} }

// Built is the number of pages the last call of Files built; the others it
// took from the cache.
func (c *Cache) Built() int {
	if c == nil {
		return 0
	}
	return c.built
}

// start begins a call of Files that makes its pages from now, and returns
// the last call's state and pages when some of them can be reused.
func (c *Cache) start(now *state) (*state, map[string]page) {
	if c == nil {
		return nil, nil
	}
	if c.last != nil && sameBase(c.last, now) {
		// Reused pages do not ask for their Markdown: keep all of it.
		c.prev, c.next = c.next, maps.Clone(c.next)
		return c.last, c.pages
	}
	// Everything is built again: keep only the Markdown this call uses.
	c.prev, c.next = c.next, make(map[string]string, len(c.next))
	return nil, nil
}

// restoring returns the pages of a Saved the Cache was restored from that
// can be reused for now (what every page reads has the same digest), and
// a digester of now for their reads; it does so once.
func (c *Cache) restoring(now *state) (map[string]SavedPage, *digester) {
	if c == nil || c.saved == nil {
		return nil, nil
	}
	s := c.saved
	c.saved = nil
	d := newDigester(now)
	if d.base() != s.Base {
		return nil, nil
	}
	pages := make(map[string]SavedPage, len(c.restored))
	for _, p := range c.restored {
		pages[p] = s.Pages[p]
	}
	c.restored = nil
	return pages, d
}

// Reused is the number of pages the last call of Files took from a
// restored Cache without their bytes (nil in the files it returned).
func (c *Cache) Reused() int {
	if c == nil {
		return 0
	}
	return c.reused
}

// keep stores a finished call's pages.
func (c *Cache) keep(now *state, pages map[string]page, built int) {
	c.last, c.pages, c.built = now, pages, built
}

func (c *Cache) get(src string) (string, bool) {
	if c == nil {
		return "", false
	}
	html, ok := c.prev[src]
	if ok {
		c.put(src, html)
	}
	return html, ok
}

func (c *Cache) put(src, html string) {
	if c != nil {
		c.mu.Lock()
		c.next[src] = html
		c.mu.Unlock()
	}
}
