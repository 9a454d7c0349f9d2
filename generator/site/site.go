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
	"sync/atomic"

	"github.com/yuin/goldmark"

	"github.com/factcheck-mx/factcheck/generator/card"
	"github.com/factcheck-mx/factcheck/generator/claims"
	"github.com/factcheck-mx/factcheck/generator/derive"
	"github.com/factcheck-mx/factcheck/generator/markup"
	"github.com/factcheck-mx/factcheck/generator/meta"
	"github.com/factcheck-mx/factcheck/generator/par"
	"github.com/factcheck-mx/factcheck/generator/progress"
	"github.com/factcheck-mx/factcheck/generator/revisions"
)

// Sections are the content folders the generator owns.
var Sections = []string{"claims", "people", "sources", "ratings", "corrections", "quotes", ShareSection}

// Options are the site-wide values pages need.
type Options struct {
	Title   string // the publisher's name, for ClaimReview
	BaseURL string // absolute, ending in "/"
	// Language is the pages' language (BCP 47, the language's locale):
	// ClaimReview's inLanguage.
	Language string
	// Lang is the code of the pages' language when it is not the site's
	// default: every file's name then carries it (claims/x/index.es.md,
	// card.es.png), as Hugo names translations, and pages whose input has
	// no translation say so (untranslated). "" for the default language.
	Lang string
	// Original is the site's default language (its locale), in which
	// inputs without a translation are shown.
	Original string
	// Labels are the words the generator writes in the pages' language:
	// the share cards' and the section titles (i18n).
	Labels card.Labels
	// Description is the site's description in the pages' language (the
	// site's share card).
	Description string
	History     *revisions.Result // may be nil: pages then carry no history
	Cache       *Cache            // may be nil
	// Cards draws the share cards (claims/ID/card.png, people/ID/card.png
	// and the site's, share/card.png); nil draws none.
	Cards *Cards
	// Excerpts republishes, for sources that do not say otherwise, only
	// the paragraphs quoted as evidence (config.toml, params.sources).
	Excerpts bool
	// Progress counts the pages as they are made (nil: no one is told).
	Progress *progress.Reporter
}

// Files returns every generated content file, keyed by its slash path under
// content/.
func Files(r *derive.Result, opt Options) (map[string][]byte, error) {
	// Each page is a job that builds its front matter from r alone; jobs
	// run on every core, each worker with its own Markdown converter, and
	// the bytes of a page depend on its job alone.
	var jobs []job
	add := func(path string, build func(g *gen) (any, error)) {
		jobs = append(jobs, job{meta.InLang(path, opt.Lang), build})
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
		return map[string]any{"title": opt.Labels.Claims, "outputs": []string{"html", "rss", "claimreview"}}, nil
	})
	// The statements worded differently, StatementsPerPage to a page.
	add("quotes/_index.md", func(g *gen) (any, error) { return g.quotesPage(1), nil })
	for n := 2; n <= quotesPages(len(r.Groups)); n++ {
		add(fmt.Sprintf("quotes/page/%d/index.md", n), func(g *gen) (any, error) { return g.quotesPage(n), nil })
	}
	add("corrections/_index.md", func(g *gen) (any, error) { return g.correctionsPage(), nil })
	if opt.Cards != nil {
		for _, c := range r.Claims {
			add("claims/"+c.ID+"/"+CardFile, func(g *gen) (any, error) { return g.claimCard(c) })
		}
		for _, p := range r.People {
			add("people/"+p.ID+"/"+CardFile, func(g *gen) (any, error) { return g.personCard(p.ID) })
		}
		// A headless bundle: never a page or in a list; its card is
		// published when a page's metadata asks for its address.
		add(ShareSection+"/index.md", func(*gen) (any, error) {
			return map[string]any{"title": "Share card", "build": map[string]any{"render": "never", "list": "never"}}, nil
		})
		add(ShareSection+"/"+CardFile, func(g *gen) (any, error) { return g.siteCard() })
	}
	for _, rt := range r.Scale {
		rt := rt.In(opt.Lang)
		add("ratings/"+rt.ID+"/_index.md", func(*gen) (any, error) {
			return map[string]any{"title": rt.Label, "description": rt.Description, "rating": rating(rt), "needs": needs(rt)}, nil
		})
	}
	return run(r, opt, jobs)
}

// A job builds one page's front matter.
type job struct {
	path  string
	build func(g *gen) (any, error)
}

// run builds and encodes the pages on every core, or takes a page's bytes
// from opt.Cache when nothing the page read has changed since.
func run(r *derive.Result, opt Options, jobs []job) (map[string][]byte, error) {
	now := &state{r: r, uses: quoteUses(r), opt: opt}
	last, kept := opt.Cache.start(now)
	restored, dig := opt.Cache.restoring(now)
	out := make([][]byte, len(jobs))
	read := make([]*reads, len(jobs))
	digests := make([]string, len(jobs))
	errs := make([]error, len(jobs))
	// Each call takes a Markdown converter no other call is using:
	// goldmark does not say it is safe for concurrent use. The converter
	// drops links other than http(s), mailto and site paths, and images
	// from other sites (markup.New).
	gens := sync.Pool{New: func() any {
		return &gen{c: r.Corpus, res: r, scale: r.Scale, opt: opt, uses: now.uses, md: markup.New()}
	}}
	var built, reused atomic.Int64
	par.Do(len(jobs), func(i int) {
		defer opt.Progress.Add(1)
		if p, ok := kept[jobs[i].path]; ok && !p.reads.changed(last, now) {
			out[i], read[i] = p.data, p.reads
			return
		}
		if sp, ok := restored[jobs[i].path]; ok {
			rd := sp.Reads.reads()
			if d := dig.reads(rd); d != "" && d == sp.Digest {
				read[i], digests[i] = rd, d // out[i] stays nil: the caller has the bytes
				reused.Add(1)
				return
			}
		}
		g := gens.Get().(*gen)
		defer gens.Put(g)
		g.rd = nil
		if opt.Cache != nil {
			g.rd = &reads{}
		}
		front, err := jobs[i].build(g)
		if b, raw := front.([]byte); raw && err == nil {
			out[i] = append([]byte{}, b...) // a file as it is (a card), not front matter; never nil (nil is a page reused without its bytes)
		} else if err == nil {
			out[i], err = encode(front)
		}
		read[i], errs[i] = g.rd, err
		built.Add(1)
	})
	files := make(map[string][]byte, len(jobs))
	for i, j := range jobs {
		if errs[i] != nil {
			return nil, fmt.Errorf("%s: %w", j.path, errs[i])
		}
		files[j.path] = out[i]
	}
	if opt.Cache != nil {
		pages := make(map[string]page, len(jobs))
		for i, j := range jobs {
			pages[j.path] = page{out[i], read[i], digests[i]}
		}
		opt.Cache.keep(now, pages, int(built.Load()))
		opt.Cache.reused = int(reused.Load())
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

// A gen builds pages. What every page may read (the corpus, the scale, the
// options) it reads directly; what the claims add to the site it reads
// through the accessors of reuse.go, which note what the page read.
type gen struct {
	c     *derive.Corpus
	res   *derive.Result // only through the accessors of reuse.go
	scale claims.Scale
	opt   Options
	uses  map[int][]Link // quotation -> the claims quoting it (read-only, shared; through quoteUsers)
	md    goldmark.Markdown
	rd    *reads // what the page being built read; nil when no Cache keeps it
}

// markdown renders contributor Markdown. derive has refused text that
// markup.Check finds wrong; what reaches here unchecked is checked again
// for what would make rendering slow (a linear pass), and refused.
func (g *gen) markdown(src string) (string, error) {
	if html, ok := g.opt.Cache.get(src); ok {
		return html, nil
	}
	if len(src) > markup.MaxBody {
		return "", fmt.Errorf("Markdown of %d bytes refused: over the limit of %d", len(src), markup.MaxBody)
	}
	if probs := markup.Structure(src, 1); len(probs) > 0 {
		return "", fmt.Errorf("Markdown refused: line %d of the text: %s", probs[0].Line, probs[0].Msg)
	}
	var b bytes.Buffer
	if err := g.md.Convert([]byte(src), &b); err != nil {
		return "", err
	}
	g.opt.Cache.put(src, b.String())
	return b.String(), nil
}

// Rating is a rating as templates show it.
type Rating struct {
	ID          string `json:"id"`
	Label       string `json:"label"`
	Description string `json:"description"`
	Icon        string `json:"icon"`
	Order       int    `json:"order"`
}

// Need is what a rating asks of one stance of evidence, in independent
// origins: at least Min, and at most Max when Max >= 0.
type Need struct {
	Stance string `json:"stance"`
	Min    int    `json:"min"`
	Max    int    `json:"max"` // -1: any number
}

// needs lists a rating's needs (config.toml's needs and at-most), for the
// rating's page: the rules check enforces, as readers read them.
func needs(r claims.Rating) []Need {
	out := []Need{}
	for _, st := range claims.CountedStances {
		n := Need{Stance: st, Min: r.Needs.Get(st), Max: r.Limit(st)}
		if n.Min > 0 || n.Max >= 0 {
			out = append(out, n)
		}
	}
	return out
}

func rating(r claims.Rating) Rating {
	return Rating{ID: r.ID, Label: r.Label, Description: r.Description, Icon: r.Icon, Order: r.Order}
}

func (g *gen) rating(id string) Rating {
	rt, _ := g.scale.Get(id)
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
	c := g.claim(id)
	return ClaimRef{
		Link:      Link{Title: claimTitle(c), URL: "claims/" + c.ID + "/"},
		Rating:    g.rating(c.Rating),
		Summary:   c.Summary,
		Claimant:  g.claimantLink(c),
		Published: c.Published,
	}
}

func claimTitle(c *claims.Claim) string {
	if c.Title != "" {
		return c.Title
	}
	return c.Text
}

// claimantLink is who made a claim as lists show it: the registry's name,
// or the corpus's description of an unnamed source (linking to the outlet
// that reported it).
func (g *gen) claimantLink(c *claims.Claim) Link {
	if c.Unnamed != "" {
		l := Link{Title: c.Unnamed}
		if _, ok := g.c.Person[c.Reporter]; ok {
			l.URL = "people/" + c.Reporter + "/"
		}
		return l
	}
	return g.personLink(c.Claimant)
}

func (g *gen) personLink(id string) Link {
	if p, ok := g.c.Person[id]; ok {
		return Link{Title: p.Name, URL: "people/" + id + "/"}
	}
	return Link{Title: id}
}

// SourceRef is a source as other pages cite it.
type SourceRef struct {
	Link
	Outlet    string `json:"outlet"`
	Published string `json:"published"`
	// Lang is the source's language when it is not the page's: its
	// title and quotations are marked with it.
	Lang string `json:"lang,omitempty"`
}

func (g *gen) sourceRef(id string) SourceRef {
	s := g.c.Source[id]
	return SourceRef{Link: Link{Title: s.Title, URL: "sources/" + id + "/"}, Outlet: s.Outlet, Published: s.Published, Lang: g.foreign(s.Language)}
}

// foreign is lang when it is a language other than the pages' (compared
// by their primary subtags: "en" and "en-GB" are one language), else "".
func (g *gen) foreign(lang string) string {
	if base := meta.BaseLang(lang); base == "" || base == meta.BaseLang(g.opt.Language) {
		return ""
	}
	return lang
}

func hugoDate(d string) string {
	if len(d) == 10 {
		return d
	}
	return ""
}
