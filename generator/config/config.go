// Package config reads what the generator needs from the Hugo site
// configuration, config.toml: the site's title and base URL, the repository
// it is edited in, the rating scale and the names of the segments a build
// can be split into.
package config

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
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
	// Description is params.description: what the site is, in a sentence
	// (the site's share card and its pages' default description).
	Description string
	// Language is the site's language (defaultContentLanguage, "en" when
	// not set), as a BCP 47 code: ClaimReview's inLanguage.
	Language string
	// Languages are the site's languages ([languages]), the default
	// first, then by weight; only the default when none is set.
	Languages []Language
	Scale     claims.Scale
	// RepoURL is the repository's address on its host (params.repository.url),
	// used to link commits: RepoURL + "/commit/" + hash. "" when not set.
	RepoURL string
	// Lenient is params.methodology.enforce = false: breaches of the
	// methodology (whose statement it is, the independence a rating needs)
	// are warnings, not errors, while a site's existing checks are
	// brought up to it.
	Lenient bool
	// Excerpts is params.sources.publish = "excerpts": source pages
	// republish only the paragraphs quoted as evidence, unless a source
	// says publish: full.
	Excerpts bool
	// Segments are the names of the [segments] a build can render alone.
	Segments []string
	// Organisation is [params.organisation]: who publishes the site.
	Organisation Organisation
	// Hugo is what Hugo is given of config.toml: the settings the site
	// allows (see hugo.go), without [security], which Policy replaces.
	Hugo map[string]any
}

// languageTag is a BCP 47 language tag as sites write them: a language
// and optional script, region or variant subtags ("en", "es-MX",
// "zh-Hant-TW"). The language names the interface strings' file
// (i18n/LANG.toml) and is published as ClaimReview's inLanguage.
var languageTag = regexp.MustCompile(`^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$`)

// Load reads root/config.toml.
func Load(root string, probs *diag.List) *Config {
	c := &Config{}
	defer func() {
		// A configuration that cannot be read still has its language.
		if len(c.Languages) == 0 {
			c.Language = "en"
			c.Languages = []Language{{Code: "en", Locale: "en"}}
		}
	}()
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
	c.Hugo = hugoSettings(n, probs)
	for _, name := range []string{"hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.yaml", "config.yml", "config.json", "config"} {
		if _, err := os.Lstat(filepath.Join(root, name)); err == nil {
			probs.Warnf(name, 0, "not read: the site's configuration is config.toml alone, and Hugo is given only the settings config.toml may set; move what this sets into config.toml")
		}
	}
	var ratings, organisation, languages *meta.Node
	paramsLine := 0
	for _, f := range n.Fields {
		switch {
		case f.Key == "title" && f.Value.Kind == meta.Scalar:
			c.Title = f.Value.Value
		case f.Key == "baseURL" && f.Value.Kind == meta.Scalar:
			c.BaseURL = f.Value.Value
		case f.Key == "defaultContentLanguage" && f.Value.Kind == meta.Scalar:
			if !languageTag.MatchString(f.Value.Value) {
				probs.Errorf(File, f.Line, "defaultContentLanguage %q is not a language tag: write one such as \"en\", \"es\" or \"es-MX\" (BCP 47)", f.Value.Value)
				break
			}
			c.Language = f.Value.Value
		case f.Key == "languages" && f.Value.Kind == meta.Map:
			languages = f.Value
		case f.Key == "segments" && f.Value.Kind == meta.Map:
			for _, sf := range f.Value.Fields {
				c.Segments = append(c.Segments, sf.Key)
			}
		case f.Key == "params" && f.Value.Kind == meta.Map:
			paramsLine = f.Line
			for _, pf := range f.Value.Fields {
				switch {
				case pf.Key == "description" && pf.Value.Kind == meta.Scalar:
					c.Description = pf.Value.Value
				case pf.Key == "ratings":
					ratings = pf.Value
				case pf.Key == "organisation":
					organisation = pf.Value
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
				case pf.Key == "sources" && pf.Value.Kind == meta.Map:
					fs := meta.NewFields(File, pf.Value, pf.Line, probs)
					if v, line := fs.String("publish", false, ""); v == "excerpts" {
						c.Excerpts = true
					} else if v != "" && v != "full" {
						fs.Errorf(line, "params.sources.publish %q is not one of \"full\" or \"excerpts\": full republishes each source's text, excerpts only the paragraphs quoted as evidence", v)
					}
					fs.Finish()
				case pf.Key == "methodology" && pf.Value.Kind == meta.Map:
					fs := meta.NewFields(File, pf.Value, pf.Line, probs)
					if fs.Has("enforce") {
						before := len(*probs)
						enforce := fs.Bool("enforce")
						// Only a plain false relaxes the rules: a value in
						// error leaves them enforced.
						c.Lenient = !enforce && len(*probs) == before
					}
					fs.Finish()
				}
			}
		}
	}
	if c.BaseURL == "" {
		probs.Errorf(File, 0, "baseURL is missing: give the site's address, e.g. baseURL = \"https://example.org/\"")
	}
	c.BaseURL = NormalizeBaseURL(c.BaseURL)
	c.Scale = claims.ParseScale(File, ratings, probs)
	if organisation != nil && organisation.Kind != meta.Map {
		probs.Errorf(File, organisation.Line, "params.organisation must be a table ([params.organisation]) of the facts about who publishes the site")
		organisation = nil
	}
	c.Organisation = loadOrganisation(organisation, paramsLine, probs)
	if c.Language == "" {
		c.Language = "en"
	}
	c.Languages = loadLanguages(c.Language, c.Description, languages, probs)
	c.Scale.CheckTranslations(File, c.Codes()[1:], probs)
	return c
}

// CheckBaseURL says what is wrong with u as the site's address (config.toml's
// baseURL or build -base-url), or "" when it is fine: an absolute http(s)
// address with a host, no user name, query or fragment, and nothing that
// would need escaping in HTML, XML or JSON. It reaches every page, the
// sitemap, robots.txt, feeds, JSON-LD and the data files.
func CheckBaseURL(u string) string {
	const how = "must be an absolute http(s) address such as https://example.org/"
	for _, r := range u {
		if r <= ' ' || r == 0x7f || r > 0x7e || strings.ContainsRune(`"'<>\\^{|}`+"`", r) {
			return fmt.Sprintf("%q %s, with no spaces, quotes or other special characters", u, how)
		}
	}
	pu, err := url.Parse(u)
	if err != nil || !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") || pu.Host == "" || pu.Opaque != "" {
		return fmt.Sprintf("%q %s", u, how)
	}
	if pu.User != nil || pu.RawQuery != "" || pu.Fragment != "" || strings.HasSuffix(u, "?") || strings.HasSuffix(u, "#") {
		return fmt.Sprintf("%q %s, without a user name, query (?) or fragment (#)", u, how)
	}
	if !hostRE.MatchString(pu.Host) {
		return fmt.Sprintf("%q %s: the host may hold only letters, digits, dots, hyphens and a :port", u, how)
	}
	if !pathRE.MatchString(pu.EscapedPath()) || strings.Contains(pu.Path, "//") || strings.Contains(pu.Path, "/../") || strings.HasSuffix(pu.Path, "/..") {
		return fmt.Sprintf("%q %s, with a plain path (letters, digits, / . _ ~ -)", u, how)
	}
	return ""
}

var (
	hostRE = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?$`)
	pathRE = regexp.MustCompile(`^[A-Za-z0-9/._~-]*$`)
)

// NormalizeBaseURL makes sure a base URL ends in exactly one slash.
func NormalizeBaseURL(u string) string {
	if u == "" {
		return "/"
	}
	return strings.TrimRight(u, "/") + "/"
}
