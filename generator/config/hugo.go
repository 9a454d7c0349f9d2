package config

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/factcheck-mx/factcheck/generator/diag"
	"github.com/factcheck-mx/factcheck/generator/meta"
)

// What config.toml may tell Hugo. Anyone can change config.toml in a pull
// request, and previews build it, so Hugo is given only the settings
// below (see Config.Hugo) and check refuses the rest with its line: no
// module imports, mounts or themes (which read folders outside the
// repository), no cache or output folders, no permalinks, kinds, cascades
// or ignore rules that move or hide pages, no raw HTML. The security policy
// is the site's (Policy), whatever the file says.

// A rule says which keys a table may hold: a key maps to nil (any value)
// or to the rule for its own table; the key "*" stands for any key.
type rule map[string]rule

var anyValue rule // nil: any value

var allowed = rule{
	"baseurl": anyValue, "title": anyValue, "locale": anyValue,
	"defaultcontentlanguage": anyValue, "enablerobotstxt": anyValue,
	"disablehugogeneratorinject": anyValue, "timezone": anyValue,
	"disabledefaultlanguageredirect": anyValue,
	"taxonomies":                     anyValue, "params": anyValue,
	"sitemap": {"changefreq": anyValue, "priority": anyValue},
	"outputs": anyValue,
	"markup": {"goldmark": {
		"renderer":    {"unsafe": anyValue},
		"renderhooks": {"*": {"useembedded": anyValue, "enabledefault": anyValue}},
	}},
	"outputformats": {"*": {
		"mediatype": anyValue, "basename": anyValue, "isplaintext": anyValue,
		"notalternative": anyValue, "rel": anyValue, "weight": anyValue,
	}},
	"pagination": {"pagersize": anyValue, "disablealiases": anyValue},
	// The site's languages: what each is called and its locale (dates),
	// no content folders or permalinks of its own (see Config.Languages).
	"languages": {"*": {"label": anyValue, "locale": anyValue, "weight": anyValue, "title": anyValue, "direction": anyValue,
		"params": {"description": anyValue, "organisation": anyValue}}},
	"segments": {"*": {"includes": {"path": anyValue, "kind": anyValue, "output": anyValue}, "excludes": {"path": anyValue, "kind": anyValue, "output": anyValue}}},
	"security": anyValue, // checked against Policy
}

// Policy is the site's Hugo security policy, given to Hugo on every build
// and preview whatever config.toml says: no external programs, no
// environment variables, no network, no inline shortcodes, no raw HTML
// content files, and Node (which no program may start anyway) with no
// permissions.
func Policy() map[string]any {
	none := []any{"none"}
	return map[string]any{
		"enableInlineShortcodes": false,
		"allowContent":           []any{"! ^text/html$"},
		"exec":                   map[string]any{"allow": none, "osEnv": none},
		"funcs":                  map[string]any{"getenv": none},
		"http":                   map[string]any{"urls": none, "methods": none, "mediaTypes": none},
		"node": map[string]any{"permissions": map[string]any{
			"disable": false, "allowRead": []any{}, "allowWrite": []any{},
			"allowAddons": []any{}, "allowWorker": []any{}, "allowChildProcess": []any{},
		}},
	}
}

// policyValues are the values config.toml may write in [security]: exactly
// the policy's (writing it out documents it), nothing looser.
var policyValues = map[string]string{
	"enableinlineshortcodes": "false",
	"allowcontent":           "! ^text/html$",
	"exec.allow":             "none",
	"exec.osenv":             "none",
	"funcs.getenv":           "none",
	"http.urls":              "none",
	"http.methods":           "none",
	"http.mediatypes":        "none",
}

// builtinFormats are Hugo's output formats, which config.toml may not
// redefine; reservedBaseNames the file names of the site's own outputs.
var (
	builtinFormats    = []string{"amp", "calendar", "css", "csv", "html", "alias", "markdown", "json", "webappmanifest", "robots", "rss", "sitemap", "sitemapindex", "gotmpl", "404"}
	reservedBaseNames = []string{"index", "404", "robots", "sitemap", "manifest", "styles"}
)

var formatName = regexp.MustCompile(`^[a-z][a-z0-9_-]{0,39}$`)

// hugoSettings checks the top of config.toml against what Hugo may be told
// and returns the allowed part as Hugo reads it.
func hugoSettings(n *meta.Node, probs *diag.List) map[string]any {
	caseTwins(n, "", probs)
	out := map[string]any{}
	seen := map[string]int{}
	for _, f := range n.Fields {
		key := strings.ToLower(f.Key)
		if l, dup := seen[key]; dup {
			probs.Errorf(File, f.Line, "%q is set twice (also line %d; Hugo ignores the case of keys): keep one", f.Key, l)
			continue
		}
		seen[key] = f.Line
		r, ok := allowed[key]
		if !ok {
			probs.Errorf(File, f.Line, "%q is not a setting this site lets config.toml change: %s", f.Key, refusal(key))
			continue
		}
		switch key {
		case "security":
			checkSecurity(f, "security", probs)
			continue // Policy replaces it
		case "taxonomies":
			if !fixedTaxonomies(f.Value) {
				probs.Errorf(File, f.Line, "the taxonomies are the site's own (tag = \"tags\", rating = \"ratings\"): the generator writes the rating pages, the lists and the feeds for them, and renaming or removing one empties those pages")
				continue
			}
		case "baseurl":
			if f.Value.Kind != meta.Scalar {
				probs.Errorf(File, f.Line, "baseURL must be a single address such as \"https://example.org/\"")
				continue
			}
			if msg := CheckBaseURL(f.Value.Value); msg != "" {
				probs.Errorf(File, f.Line, "baseURL %s", msg)
				continue
			}
		}
		if r != nil && !checkRule(f, f.Key, r, probs) {
			continue
		}
		out[f.Key] = value(f.Value)
	}
	return out
}

// checkRule checks a table against its rule and reports what it may not
// hold; it says whether the table is fit to pass on.
func checkRule(f meta.Field, path string, r rule, probs *diag.List) bool {
	var items []*meta.Node
	switch f.Value.Kind {
	case meta.Map:
		items = []*meta.Node{f.Value}
	case meta.List: // an array of tables ([[segments.x.includes]])
		items = f.Value.Items
	default:
		probs.Errorf(File, f.Line, "%s must be a table of settings", path)
		return false
	}
	ok := true
	for _, it := range items {
		if it.Kind != meta.Map {
			probs.Errorf(File, it.Line, "%s must be a table of settings", path)
			ok = false
			continue
		}
		for _, sf := range it.Fields {
			key := strings.ToLower(sf.Key)
			sub, known := r[key]
			if !known {
				sub, known = r["*"]
			}
			p := path + "." + sf.Key
			if !known {
				probs.Errorf(File, sf.Line, "%q is not a setting this site lets config.toml change: %s", p, refusal(strings.ToLower(p)))
				ok = false
				continue
			}
			switch {
			case strings.EqualFold(p, "markup.goldmark.renderer.unsafe"):
				if sf.Value.Kind != meta.Scalar || sf.Value.Value != "false" {
					probs.Errorf(File, sf.Line, "markup.goldmark.renderer.unsafe must be false: raw HTML in pages is never allowed (a pull request could add scripts)")
					ok = false
				}
			case strings.EqualFold(path, "outputformats") && slices.Contains(builtinFormats, key):
				probs.Errorf(File, sf.Line, "%s: Hugo's own output format %q may not be redefined (as plain text, HTML would be written unescaped); define a format of another name", p, sf.Key)
				ok = false
				continue
			case strings.HasPrefix(strings.ToLower(path), "outputformats.") && key == "basename":
				if sf.Value.Kind != meta.Scalar || !formatName.MatchString(sf.Value.Value) {
					probs.Errorf(File, sf.Line, "%s must be a plain file name (lower-case letters, digits, - and _), not a path", p)
					ok = false
				} else if slices.Contains(reservedBaseNames, strings.ToLower(sf.Value.Value)) {
					probs.Errorf(File, sf.Line, "%s %q would write over the site's own files (pages, feeds, robots.txt, the sitemap): choose another name", p, sf.Value.Value)
					ok = false
				}
			case strings.HasPrefix(strings.ToLower(path), "outputformats.") && key == "mediatype":
				if sf.Value.Kind != meta.Scalar || sf.Value.Value != "application/json" {
					probs.Errorf(File, sf.Line, "%s: an output format of the site's may only be application/json (data for aggregators): an HTML, XML or feed format written as plain text would publish contributors' text unescaped", p)
					ok = false
				}
			}
			if sub != nil && !checkRule(sf, p, sub, probs) {
				ok = false
			}
		}
	}
	return ok
}

// caseTwins reports keys of one table that differ only in case, anywhere
// in config.toml: Hugo reads keys in any case and keeps one of them, the
// generator reads them as written, so [[params.RATINGS]] beside
// [[params.ratings]] would give Hugo a scale nobody checked.
func caseTwins(n *meta.Node, path string, probs *diag.List) {
	switch n.Kind {
	case meta.List:
		for _, it := range n.Items {
			caseTwins(it, path, probs)
		}
	case meta.Map:
		seen := map[string]meta.Field{}
		for _, f := range n.Fields {
			k := strings.ToLower(f.Key)
			if prev, dup := seen[k]; dup && prev.Key != f.Key && path != "" {
				probs.Errorf(File, f.Line, "%s%s and %s%s (line %d) are one setting to Hugo, which ignores the case of keys, but two to the generator: write it once, as %q", path, f.Key, path, prev.Key, prev.Line, strings.ToLower(f.Key))
			}
			if _, dup := seen[k]; !dup {
				seen[k] = f
			}
			caseTwins(f.Value, path+f.Key+".", probs)
		}
	}
}

// fixedTaxonomies reports whether n is the site's taxonomies and no more.
func fixedTaxonomies(n *meta.Node) bool {
	if n.Kind != meta.Map || len(n.Fields) != 2 {
		return false
	}
	want := map[string]string{"tag": "tags", "rating": "ratings"}
	for _, f := range n.Fields {
		if f.Value.Kind != meta.Scalar || want[f.Key] != f.Value.Value {
			return false
		}
	}
	return true
}

// checkSecurity refuses any [security] setting other than the policy's own.
func checkSecurity(f meta.Field, path string, probs *diag.List) {
	if f.Value.Kind != meta.Map {
		want, known := policyValues[strings.ToLower(strings.TrimPrefix(path, "security."))]
		if !known {
			probs.Errorf(File, f.Line, "%s is not part of the site's security policy: remove it (the generator enforces the policy whatever config.toml says)", path)
			return
		}
		var got []string
		if f.Value.Kind == meta.Scalar {
			got = []string{f.Value.Value}
		} else {
			for _, it := range f.Value.Items {
				got = append(got, it.Value)
			}
		}
		if !slices.Equal(got, []string{want}) {
			probs.Errorf(File, f.Line, "%s must be %s: the generator enforces the site's security policy whatever config.toml says, and a pull request may not loosen it (no programs, environment variables, network or inline shortcodes)", path, strconv.Quote(want))
		}
		return
	}
	for _, sf := range f.Value.Fields {
		checkSecurity(sf, path+"."+sf.Key, probs)
	}
}

// refusal says why a setting is refused, for the settings a contribution
// could use to reach outside the repository or hide pages.
func refusal(key string) string {
	top, _, _ := strings.Cut(key, ".")
	switch top {
	case "module", "theme", "themesdir", "workingdir", "contentdir", "layoutdir", "staticdir", "datadir", "i18ndir", "assetdir", "archetypedir", "resourcedir", "cachedir", "caches", "publishdir", "configdir":
		return "it would let Hugo read or write folders outside the repository; the generator sets the site's folders itself"
	case "permalinks", "disablekinds", "ignorefiles", "cascade", "uglyurls", "disablepathtolower", "buildfuture", "buildexpired", "builddrafts", "languages":
		return "it would move, hide or add pages behind the fact checks' backs; the generator decides what is published"
	case "sitemap":
		return "the sitemap may set only changefreq and priority; its name and place are the site's"
	case "markup":
		return "only markup.goldmark.renderer.unsafe = false and the render hooks' useEmbedded may be set"
	case "outputformats":
		return "an output format may set only mediaType, baseName, isPlainText, notAlternative, rel and weight"
	case "httpcache", "deployment", "server", "imaging", "build", "minify", "mediatypes":
		return "the site does not use it, and it reaches beyond the pages (network, files or programs)"
	}
	return "the site does not use it; if it needs it, a maintainer adds it to the settings the generator allows (generator/config/hugo.go)"
}

// value turns a node into the value Hugo would have read from TOML.
func value(n *meta.Node) any {
	switch n.Kind {
	case meta.Map:
		m := make(map[string]any, len(n.Fields))
		for _, f := range n.Fields {
			m[f.Key] = value(f.Value)
		}
		return m
	case meta.List:
		l := make([]any, len(n.Items))
		for i, it := range n.Items {
			l[i] = value(it)
		}
		return l
	}
	switch n.Type {
	case "int":
		if i, err := strconv.ParseInt(n.Value, 10, 64); err == nil {
			return i
		}
	case "float":
		if f, err := strconv.ParseFloat(n.Value, 64); err == nil {
			return f
		}
	case "bool":
		return n.Value == "true"
	}
	return n.Value
}
