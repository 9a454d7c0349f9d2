// Package site turns the derived site into Hugo content files: one page per
// claim, person and source, plus the rating term pages. Every page carries
// its data as JSON front matter, ready for templates to format; contributor
// Markdown is rendered here, with raw HTML off, so no contributed text ever
// reaches Hugo's template or shortcode parser. The bytes are deterministic.
package site

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

	"github.com/factcheck-mx/factcheck/generator/claims"
	"github.com/factcheck-mx/factcheck/generator/derive"
	"github.com/factcheck-mx/factcheck/generator/par"
	"github.com/factcheck-mx/factcheck/generator/revisions"
)

// Sections are the content folders the generator owns.
var Sections = []string{"claims", "people", "sources", "ratings", "corrections", "quotes"}

// Options are the site-wide values pages need.
type Options struct {
	Title   string            // the publisher's name, for ClaimReview
	BaseURL string            // absolute, ending in "/"
	History *revisions.Result // may be nil: pages then carry no history
	Cache   *Cache            // may be nil
}

// Files returns every generated content file, keyed by its slash path under
// content/.
func Files(r *derive.Result, opt Options) (map[string][]byte, error) {
	// Each page is a job that builds its front matter from r alone; jobs
	// run on every core, each worker with its own Markdown converter, and
	// the bytes of a page depend on its job alone.
	var jobs []job
	add := func(path string, build func(g *gen) (any, error)) {
		jobs = append(jobs, job{path, build})
	}
	for _, c := range r.Claims {
		add("claims/"+c.ID+"/index.md", func(g *gen) (any, error) { return g.claimPage(c) })
	}
	for _, p := range r.People {
		add("people/"+p.ID+"/index.md", func(g *gen) (any, error) { return g.personPage(p.ID) })
	}
	for _, s := range r.Sources {
		add("sources/"+s.ID+"/index.md", func(g *gen) (any, error) { return g.sourcePage(s.ID), nil })
	}
	// The claims list also renders the ClaimReview feed (config.toml).
	add("claims/_index.md", func(*gen) (any, error) {
		return map[string]any{"title": "Fact checks", "outputs": []string{"html", "rss", "claimreview"}}, nil
	})
	add("quotes/_index.md", func(g *gen) (any, error) { return g.quotesPage(), nil })
	add("corrections/_index.md", func(g *gen) (any, error) { return g.correctionsPage(), nil })
	for _, rt := range r.Scale {
		add("ratings/"+rt.ID+"/_index.md", func(*gen) (any, error) {
			return map[string]any{"title": rt.Label, "description": rt.Description, "rating": rating(rt)}, nil
		})
	}
	opt.Cache.start()
	return run(r, opt, jobs)
}

// A job builds one page's front matter.
type job struct {
	path  string
	build func(g *gen) (any, error)
}

// run builds and encodes the pages on every core.
func run(r *derive.Result, opt Options, jobs []job) (map[string][]byte, error) {
	out := make([][]byte, len(jobs))
	errs := make([]error, len(jobs))
	uses := quoteUses(r)
	// Each call takes a Markdown converter no other call is using:
	// goldmark does not say it is safe for concurrent use.
	gens := sync.Pool{New: func() any {
		return &gen{r: r, opt: opt, uses: uses, md: goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Typographer))}
	}}
	par.Do(len(jobs), func(i int) {
		g := gens.Get().(*gen)
		defer gens.Put(g)
		front, err := jobs[i].build(g)
		if err == nil {
			out[i], err = encode(front)
		}
		errs[i] = err
	})
	files := make(map[string][]byte, len(jobs))
	for i, j := range jobs {
		if errs[i] != nil {
			return nil, fmt.Errorf("%s: %w", j.path, errs[i])
		}
		files[j.path] = out[i]
	}
	return files, nil
}

// encode writes JSON front matter (which Hugo reads when a file starts with
// "{"), followed by an empty body.
func encode(front any) ([]byte, error) {
	compact, err := json.Marshal(front)
	if err != nil {
		return nil, err
	}
	return append(indent(make([]byte, 0, len(compact)*3/2), compact), '\n'), nil
}

type gen struct {
	r    *derive.Result
	opt  Options
	uses map[int][]Link // quotation -> the claims quoting it (read-only, shared)
	md   goldmark.Markdown
}

func (g *gen) markdown(src string) (string, error) {
	if html, ok := g.opt.Cache.get(src); ok {
		return html, nil
	}
	var b bytes.Buffer
	if err := g.md.Convert([]byte(src), &b); err != nil {
		return "", err
	}
	g.opt.Cache.put(src, b.String())
	return b.String(), nil
}

// A Cache keeps the HTML that Files rendered from contributors' Markdown for
// the next call (serve, rebuilding after an edit): the same text renders to
// the same HTML, and rendering is a good part of making the pages. It keeps
// what the last call used, no more. A nil *Cache keeps nothing.
type Cache struct {
	mu   sync.Mutex
	prev map[string]string // read-only while Files runs
	next map[string]string
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{next: map[string]string{}} }

func (c *Cache) start() {
	if c != nil {
		c.prev, c.next = c.next, make(map[string]string, len(c.next))
	}
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

// Rating is a rating as templates show it.
type Rating struct {
	ID          string `json:"id"`
	Label       string `json:"label"`
	Description string `json:"description"`
	Icon        string `json:"icon"`
	Order       int    `json:"order"`
}

func rating(r claims.Rating) Rating {
	return Rating{ID: r.ID, Label: r.Label, Description: r.Description, Icon: r.Icon, Order: r.Order}
}

func (g *gen) rating(id string) Rating {
	rt, _ := g.r.Scale.Get(id)
	return rating(rt)
}

// Link is a reference to another page: url is relative to the site root,
// without a leading slash (templates pass it through relURL).
type Link struct {
	Title string `json:"title"`
	URL   string `json:"url"`
}

// ClaimRef is a claim as lists show it.
type ClaimRef struct {
	Link
	Rating    Rating `json:"rating"`
	Summary   string `json:"summary"`
	Claimant  Link   `json:"claimant"`
	Published string `json:"published"`
}

func (g *gen) claimRef(id string) ClaimRef {
	c := g.r.Claim[id]
	return ClaimRef{
		Link:      Link{Title: claimTitle(c), URL: "claims/" + c.ID + "/"},
		Rating:    g.rating(c.Rating),
		Summary:   c.Summary,
		Claimant:  g.personLink(c.Claimant),
		Published: c.Published,
	}
}

func claimTitle(c *claims.Claim) string {
	if c.Title != "" {
		return c.Title
	}
	return c.Text
}

func (g *gen) personLink(id string) Link {
	if p, ok := g.r.Person[id]; ok {
		return Link{Title: p.Name, URL: "people/" + id + "/"}
	}
	return Link{Title: id}
}

// SourceRef is a source as other pages cite it.
type SourceRef struct {
	Link
	Outlet    string `json:"outlet"`
	Published string `json:"published"`
}

func (g *gen) sourceRef(id string) SourceRef {
	s := g.r.Source[id]
	return SourceRef{Link: Link{Title: s.Title, URL: "sources/" + id + "/"}, Outlet: s.Outlet, Published: s.Published}
}

func hugoDate(d string) string {
	if len(d) == 10 {
		return d
	}
	return ""
}
