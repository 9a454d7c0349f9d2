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
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

	"github.com/factcheck-mx/factcheck/generator/claims"
	"github.com/factcheck-mx/factcheck/generator/derive"
	"github.com/factcheck-mx/factcheck/generator/revisions"
)

// Sections are the content folders the generator owns.
var Sections = []string{"claims", "people", "sources", "ratings", "corrections", "quotes"}

// Options are the site-wide values pages need.
type Options struct {
	Title   string            // the publisher's name, for ClaimReview
	BaseURL string            // absolute, ending in "/"
	History *revisions.Result // may be nil: pages then carry no history
}

// Files returns every generated content file, keyed by its slash path under
// content/.
func Files(r *derive.Result, opt Options) (map[string][]byte, error) {
	g := &gen{r: r, opt: opt, md: goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Typographer))}
	// Pages are built in order, then encoded on every core: encoding JSON
	// is most of the work, and each page's bytes depend on it alone.
	var pages []page
	add := func(path string, front any, err error) error {
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		pages = append(pages, page{path, front})
		return nil
	}
	for _, c := range r.Claims {
		p, err := g.claimPage(c)
		if err := add("claims/"+c.ID+".md", p, err); err != nil {
			return nil, err
		}
	}
	for _, p := range r.People {
		pg, err := g.personPage(p.ID)
		if err := add("people/"+p.ID+".md", pg, err); err != nil {
			return nil, err
		}
	}
	for _, s := range r.Sources {
		if err := add("sources/"+s.ID+".md", g.sourcePage(s.ID), nil); err != nil {
			return nil, err
		}
	}
	// The claims list also renders the ClaimReview feed (config.toml).
	claimsList := map[string]any{"title": "Fact checks", "outputs": []string{"html", "rss", "claimreview"}}
	if err := add("claims/_index.md", claimsList, nil); err != nil {
		return nil, err
	}
	if err := add("quotes/_index.md", g.quotesPage(), nil); err != nil {
		return nil, err
	}
	if err := add("corrections/_index.md", g.correctionsPage(), nil); err != nil {
		return nil, err
	}
	for _, rt := range r.Scale {
		page := map[string]any{"title": rt.Label, "description": rt.Description, "rating": rating(rt)}
		if err := add("ratings/"+rt.ID+"/_index.md", page, nil); err != nil {
			return nil, err
		}
	}
	return encodeAll(pages)
}

type page struct {
	path  string
	front any
}

// encodeAll encodes pages on runtime.GOMAXPROCS(0) goroutines.
func encodeAll(pages []page) (map[string][]byte, error) {
	out := make([][]byte, len(pages))
	errs := make([]error, len(pages))
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(pages); i += workers {
				out[i], errs[i] = encode(pages[i].front)
			}
		}()
	}
	wg.Wait()
	files := make(map[string][]byte, len(pages))
	for i, p := range pages {
		if errs[i] != nil {
			return nil, fmt.Errorf("%s: %w", p.path, errs[i])
		}
		files[p.path] = out[i]
	}
	return files, nil
}

// encode writes JSON front matter (which Hugo reads when a file starts with
// "{"), followed by an empty body.
func encode(front any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", " ")
	if err := enc.Encode(front); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// WriteNew writes files into dir, a new folder that holds none of them
// (the build's staging folder): nothing to compare, no reader to shield
// from half-written files, so each file is one plain write.
func WriteNew(dir string, files map[string][]byte) error {
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	made := map[string]bool{}
	for _, p := range paths {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if d := filepath.Dir(full); !made[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return err
			}
			made[d] = true
		}
		if err := os.WriteFile(full, files[p], 0o644); err != nil {
			return err
		}
	}
	return nil
}

type gen struct {
	r   *derive.Result
	opt Options
	md  goldmark.Markdown
}

func (g *gen) markdown(src string) (string, error) {
	var b bytes.Buffer
	if err := g.md.Convert([]byte(src), &b); err != nil {
		return "", err
	}
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
