package build

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/factcheck-mx/factcheck/generator/claims"
	"github.com/factcheck-mx/factcheck/generator/corpus"
	"github.com/factcheck-mx/factcheck/generator/diag"
	"github.com/factcheck-mx/factcheck/generator/meta"
	"github.com/factcheck-mx/factcheck/generator/people"
	"github.com/factcheck-mx/factcheck/generator/site"
)

// checkSymlinks reports every symbolic link in the repository that leads out
// of it. Hugo's templates read files of the site root (readFile,
// os.ReadDir); Hugo 0.165 does not follow links there, and this keeps it
// so whatever a later Hugo does: a committed link to /proc/self/environ or
// a home folder must never publish the build machine's files. The input
// folders report their own links (every link there is refused), and the
// folders the generator and the tools own are not looked in.
func checkSymlinks(root string, probs *diag.List) {
	skip := []string{".git", "node_modules", "public", "resources", corpus.Dir, people.Dir, claims.Dir}
	content := filepath.Join(root, "content")
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == root {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			name := d.Name()
			if filepath.Dir(p) == root && (slices.Contains(skip, name) || strings.HasPrefix(name, ".build-") || strings.HasPrefix(name, ".preview-") || strings.HasPrefix(name, ".old-") || strings.HasPrefix(name, ".gen-")) {
				return filepath.SkipDir
			}
			if filepath.Dir(p) == content && slices.Contains(site.Sections, name) {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink == 0 {
			return nil
		}
		if filepath.Dir(p) == root && slices.Contains([]string{corpus.Dir, people.Dir, claims.Dir, "node_modules"}, d.Name()) {
			// An input folder's link is reported by its reader; node_modules
			// is npm's (linked by some setups, and by the end-to-end tests).
			return nil
		}
		if !meta.Inside(root, rel) {
			probs.Errorf(rel, 0, "symbolic link to a place outside the repository: Hugo's templates could read the build machine's files through it; commit the file itself")
		}
		return nil
	})
}

// checkStatic refuses static files that would replace what the site
// publishes: Hugo's and the generator's pages and feeds (static/claims/…,
// static/index.html, robots.txt, sitemap.xml, 404.html), the search index
// and data files, and Netlify's _redirects and _headers, which would
// redirect the fact checks elsewhere or loosen the site's headers. The
// build copies static files only where nothing was rendered (see
// render.CopyTree), so what this misses fails the build.
//
// Each of the site's other languages (langs) publishes the same under its
// folder (es/claims/…, es/index.html): static/es/ is held to the same rules.
func checkStatic(root string, langs []string, probs *diag.List) {
	dir := filepath.Join(root, "static")
	taken := append([]string{"tags", "data", "pagefind", "search", "page", "css", "js"}, site.Sections...)
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		shown := "static/" + rel
		prefix := ""
		for _, l := range langs {
			if after, ok := strings.CutPrefix(rel, l+"/"); ok {
				prefix, rel = l+"/", after // the language's site: the same addresses
				break
			}
		}
		first, _, nested := strings.Cut(rel, "/")
		base := path.Base(rel)
		ext := strings.ToLower(path.Ext(base))
		hidden := false
		for _, seg := range strings.Split(rel, "/") {
			hidden = hidden || strings.HasPrefix(seg, ".") || strings.HasPrefix(seg, "_")
		}
		switch {
		case !nested && (strings.EqualFold(base, "_redirects") || strings.EqualFold(base, "_headers")):
			probs.Errorf(shown, 0, "Netlify's %s is not accepted from a contribution: it could redirect the fact checks elsewhere or loosen the site's headers; the site's headers are in netlify.toml", base)
		case hidden:
			probs.Errorf(shown, 0, "names starting with . or _ are not accepted in static/: hosts read such files as settings (Netlify's _redirects, _headers, .netlify/)")
		case !slices.Contains(staticTypes, ext):
			probs.Errorf(shown, 0, "%q files are not accepted in static/: static files may be images, fonts, PDF or plain text (%s); pages, scripts, styles and data come from the site's templates and assets", ext, strings.Join(staticTypes, " "))
		case ext == ".svg" && !safeSVG(p):
			probs.Errorf(shown, 0, "an SVG with scripts, event handlers, links or embedded HTML is not accepted: opened on its own it runs as a page of the site")
		case slices.Contains([]string{"index.html", "index.xml", "404.html", "robots.txt", "sitemap.xml"}, base):
			probs.Errorf(shown, 0, "would replace a page or feed the site renders: static files may not be named %s", base)
		case nested && slices.Contains(taken, first) && first != "css" && first != "js":
			probs.Errorf(shown, 0, "static/%s%s/ is where the site publishes its own pages: put the file elsewhere in static/", prefix, first)
		}
		return nil
	})
}

// staticTypes are the kinds of file static/ may hold: none that a browser
// runs (HTML, scripts, a service worker) or the site reads as its own.
var staticTypes = []string{".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".svg", ".woff", ".woff2", ".pdf", ".txt"}

// safeSVG reports whether the SVG file at p holds nothing that runs or
// leads elsewhere: no script, event handler, foreign HTML or link.
func safeSVG(p string) bool {
	b, err := os.ReadFile(p)
	if err != nil || len(b) > 1<<20 {
		return false
	}
	s := strings.ToLower(string(b))
	for _, bad := range []string{"<script", "javascript:", "<foreignobject", "href", "<!entity", "<iframe", "<embed", "<object", "@import", "url("} {
		if strings.Contains(s, bad) {
			return false
		}
	}
	return !onAttr.MatchString(s)
}

var onAttr = regexp.MustCompile(`\son[a-z]+\s*=`)

// pagesExpected returns the addresses (slash paths under public/) of the
// pages the content files are rendered at: "claims/ID/index.md" at
// "claims/ID/index.html", "about.md" at "about/index.html", and of the
// share cards, published beside their pages (claims/ID/card.png; the
// site's card, share/card.png, in a bundle that is not a page). A file in
// another of the site's languages (langs: claims/ID/index.es.md) is
// rendered under its language's folder (es/claims/ID/index.html, its card
// es/claims/ID/card.es.png). Drafts are expected only in preview builds.
func pagesExpected(files map[string][]byte, langs []string, drafts bool) []string {
	var out []string
	for name, data := range files {
		orig, lang := meta.FromLang(name, langs)
		dir, file := path.Split(orig)
		prefix := ""
		if lang != "" {
			prefix = lang + "/"
		}
		switch {
		case file == site.CardFile:
			if drafts || !bytes.Contains(files[dir+meta.InLang("index.md", lang)], []byte(`"draft": true`)) {
				out = append(out, prefix+name)
			}
			continue
		case dir+file == site.ShareSection+"/index.md":
			continue
		case file == "index.md" || file == "_index.md":
		case dir == "" && strings.HasSuffix(file, ".md"):
			dir = strings.TrimSuffix(file, ".md") + "/"
		default:
			continue
		}
		if !drafts && bytes.Contains(data, []byte(`"draft": true`)) {
			continue
		}
		out = append(out, prefix+path.Join(dir, "index.html"))
	}
	sort.Strings(out)
	return out
}

// sitePages are the pages of every site Hugo must render from the
// templates, not from content the generator wrote: the home page, the
// ratings' list, the 404 page, robots.txt and the sitemap (in a site of
// several languages, an index of each language's sitemap), and each other
// language's (langs) under its folder.
func sitePages(langs []string) []string {
	each := []string{"index.html", "index.xml", "404.html", "ratings/index.html", "claims/index.xml", "claims/claimreview.json", "corrections/index.xml"}
	out := append([]string{"robots.txt", "sitemap.xml"}, each...)
	for _, l := range langs {
		for _, p := range append(each, "sitemap.xml") {
			out = append(out, l+"/"+p)
		}
	}
	return out
}

// checkRendered verifies that Hugo rendered every page expected (see
// pagesExpected). A page Hugo did not render (the configuration, a
// template or a hand-written page hid or moved it) fails the build,
// naming the pages.
func checkRendered(rendered map[string]bool, expected []string) error {
	var missing []string
	for _, page := range expected {
		if !rendered[page] {
			// A page is named by its address (/claims/x/), a file by its own.
			missing = append(missing, "/"+strings.TrimSuffix(page, "index.html"))
		}
	}
	if len(missing) == 0 {
		return nil
	}
	shown := missing
	if len(shown) > 10 {
		shown = shown[:10]
	}
	more := ""
	if len(missing) > len(shown) {
		more = fmt.Sprintf(" and %d more", len(missing)-len(shown))
	}
	return fmt.Errorf("%d of the pages the generator wrote were not rendered: %s%s. Something in the configuration, the templates or a hand-written page hides or moves them (a cascade, permalinks, build options, outputs); nothing was published", len(missing), strings.Join(shown, ", "), more)
}
