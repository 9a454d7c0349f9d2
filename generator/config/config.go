// Package config reads what the generator needs from the Hugo site
// configuration, config.toml: the site's title and base URL, the repository
// it is edited in, the rating scale and the names of the segments a build
// can be split into.
package config

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/factcheck-mx/factcheck/generator/claims"
	"github.com/factcheck-mx/factcheck/generator/diag"
	"github.com/factcheck-mx/factcheck/generator/meta"
)

// File is the configuration file, relative to the site root.
const File = "config.toml"

// Config is the generator's view of config.toml.
type Config struct {
	Title   string
	BaseURL string // always ends in "/"
	Scale   claims.Scale
	// RepoURL is the repository's address on its host (params.repository.url),
	// used to link commits: RepoURL + "/commit/" + hash. "" when not set.
	RepoURL string
	// Segments are the names of the [segments] a build can render alone.
	Segments []string
}

// Load reads root/config.toml.
func Load(root string, probs *diag.List) *Config {
	c := &Config{}
	data, err := os.ReadFile(filepath.Join(root, File))
	if err != nil {
		probs.Errorf(File, 0, "cannot read the site configuration: %v", err)
		return c
	}
	n, err := meta.DecodeTOMLFile(File, data)
	if err != nil {
		meta.Report(probs, File, err)
		return c
	}
	var ratings *meta.Node
	for _, f := range n.Fields {
		switch {
		case f.Key == "title" && f.Value.Kind == meta.Scalar:
			c.Title = f.Value.Value
		case f.Key == "baseURL" && f.Value.Kind == meta.Scalar:
			c.BaseURL = f.Value.Value
		case f.Key == "segments" && f.Value.Kind == meta.Map:
			for _, sf := range f.Value.Fields {
				c.Segments = append(c.Segments, sf.Key)
			}
		case f.Key == "params" && f.Value.Kind == meta.Map:
			for _, pf := range f.Value.Fields {
				switch {
				case pf.Key == "ratings":
					ratings = pf.Value
				case pf.Key == "repository" && pf.Value.Kind == meta.Map:
					fs := meta.NewFields(File, pf.Value, pf.Line, probs)
					u, line := fs.String("url", false, "")
					if u != "" {
						if pu, err := url.Parse(u); err != nil || (pu.Scheme != "https" && pu.Scheme != "http") || pu.Host == "" {
							fs.Errorf(line, "repository url %q must be an http(s) address", u)
						} else {
							c.RepoURL = strings.TrimRight(u, "/")
						}
					}
					fs.String("branch", false, "")
				}
			}
		}
	}
	c.BaseURL = NormalizeBaseURL(c.BaseURL)
	c.Scale = claims.ParseScale(File, ratings, probs)
	return c
}

// NormalizeBaseURL makes sure a base URL ends in exactly one slash.
func NormalizeBaseURL(u string) string {
	if u == "" {
		return "/"
	}
	return strings.TrimRight(u, "/") + "/"
}
