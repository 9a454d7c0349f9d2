// Package host serves a built site the way its static host, Netlify, does:
// the files of the publish folder, the response headers that netlify.toml
// sets for each path, and the site's own 404 page with status 404. Browser
// tests load the site through it, so the Content-Security-Policy they run
// under is the one readers get.
package host

import (
	"fmt"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	toml "github.com/pelletier/go-toml/v2"
)

// Rule is one [[headers]] table of netlify.toml: the headers set on every
// response whose path matches For.
type Rule struct {
	For    string            `toml:"for"`
	Values map[string]string `toml:"values"`
}

// Config is the part of netlify.toml this package and its tests read.
type Config struct {
	Build struct {
		Command     string            `toml:"command"`
		Publish     string            `toml:"publish"`
		Environment map[string]string `toml:"environment"`
	} `toml:"build"`
	Context map[string]struct {
		Command string `toml:"command"`
	} `toml:"context"`
	Headers   []Rule     `toml:"headers"`
	Redirects []Redirect `toml:"redirects"`
}

// Redirect is one [[redirects]] table of netlify.toml. The site uses them
// only for its 404 pages: a missing path matching From is answered with
// the page To and Status 404 (a language's own 404 page).
type Redirect struct {
	From   string `toml:"from"`
	To     string `toml:"to"`
	Status int    `toml:"status"`
}

// Load reads the netlify.toml at file.
func Load(file string) (*Config, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var c Config
	if err := toml.Unmarshal(b, &c); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	for _, r := range c.Headers {
		if !strings.HasPrefix(r.For, "/") {
			return nil, fmt.Errorf("%s: headers for %q: a path must start with /", file, r.For)
		}
	}
	for _, r := range c.Redirects {
		if !strings.HasPrefix(r.From, "/") || !strings.HasPrefix(r.To, "/") || r.Status != http.StatusNotFound {
			return nil, fmt.Errorf("%s: redirect from %q to %q: the site's redirects are 404 pages (status = 404, paths starting with /)", file, r.From, r.To)
		}
	}
	return &c, nil
}

// Match reports whether a request path matches a rule's path: exactly, or
// by prefix when the rule's path ends in "/*" (Netlify's splat).
func Match(pattern, p string) bool {
	if prefix, ok := strings.CutSuffix(pattern, "*"); ok {
		return strings.HasPrefix(p, prefix)
	}
	return pattern == p
}

// HeadersFor returns the headers the rules set on a response for p. Later
// rules override earlier ones for the same header, as on Netlify.
func HeadersFor(rules []Rule, p string) http.Header {
	h := http.Header{}
	for _, r := range rules {
		if !Match(r.For, p) {
			continue
		}
		keys := make([]string, 0, len(r.Values))
		for k := range r.Values {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			h.Set(k, r.Values[k])
		}
	}
	return h
}

// Handler serves the built site in dir with the rules' headers; a missing
// path is answered, with status 404, by the page of the first of notFound
// whose From matches it, else by /404.html.
func Handler(dir string, rules []Rule, notFound []Redirect) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := path.Clean("/" + r.URL.Path)
		for k, v := range HeadersFor(rules, r.URL.Path) {
			w.Header()[k] = v
		}
		if !exists(dir, p) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			page := "/404.html"
			for _, nf := range notFound {
				if Match(nf.From, p) {
					page = nf.To
					break
				}
			}
			if b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(path.Clean(page)))); err == nil {
				w.Write(b)
			}
			return
		}
		files.ServeHTTP(w, r)
	})
}

// exists reports whether p names a file in dir, or a folder with an
// index.html.
func exists(dir, p string) bool {
	f := filepath.Join(dir, filepath.FromSlash(p))
	st, err := os.Stat(f)
	if err != nil {
		return false
	}
	if st.IsDir() {
		_, err := os.Stat(filepath.Join(f, "index.html"))
		return err == nil
	}
	return true
}
