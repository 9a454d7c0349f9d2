// Package pages reads the hand-written pages of content/ (about,
// methodology, corrections policy, search) and checks them as Hugo must
// never see them otherwise. Hugo renders these pages itself, and Hugo obeys
// their front matter: a url, aliases, slug or cascade there could take over
// or hide a fact check's page, and a shortcode runs a template. So a
// hand-written page may set only its title, description and outputs; its
// address is its file name; its Markdown is checked as contributors'
// Markdown is (package markup) and may not call shortcodes. The pages are
// given to Hugo re-encoded from what was checked (Page.Bytes), so nothing
// Hugo reads differently from this package reaches it.
package pages

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/factcheck-mx/factcheck/generator/diag"
	"github.com/factcheck-mx/factcheck/generator/markup"
	"github.com/factcheck-mx/factcheck/generator/meta"
)

// Dir is the content folder, relative to the site root.
const Dir = "content"

// Page is a checked hand-written page.
type Page struct {
	Path        string // slash path under content/, e.g. "about.md" or "search/_index.md"
	Title       string
	Description string
	Outputs     []string
	Body        string
	// Lang is a translation's language code (about.es.md, search/_index.es.md);
	// "" for a page in the site's default language.
	Lang string
	// Untranslated marks a default-language page given to Hugo as its
	// stand-in in another language (see Fallbacks): the language it is in.
	Untranslated string
}

// Address is where the page is published, without slashes: "about" for
// about.md, "search" for search/_index.md.
func (p Page) Address() string {
	dir, file := path.Split(p.Path)
	if dir != "" {
		return strings.TrimSuffix(dir, "/")
	}
	return strings.TrimSuffix(strings.TrimSuffix(file, ".md"), "."+p.Lang)
}

// Fallbacks are, for each page without a translation into one of langs,
// the page itself as that language's stand-in: named as its translation
// would be (about.es.md), marked Untranslated in original (the default
// language), so that every page exists
// in every language and says when it is not translated.
func Fallbacks(ps []Page, langs []string, original string) []Page {
	have := map[string]bool{}
	for _, p := range ps {
		have[p.Lang+"/"+p.Address()] = true
	}
	var out []Page
	for _, l := range langs {
		for _, p := range ps {
			if p.Lang == "" && !have[l+"/"+p.Address()] {
				p.Path, p.Lang, p.Untranslated = meta.InLang(p.Path, l), l, original
				out = append(out, p)
			}
		}
	}
	return out
}

// Bytes is the page as Hugo is given it: JSON front matter holding only
// the checked fields, then the body.
func (p Page) Bytes() []byte {
	front := map[string]any{"title": p.Title}
	if p.Description != "" {
		front["description"] = p.Description
	}
	if len(p.Outputs) > 0 {
		front["outputs"] = p.Outputs
	}
	if p.Untranslated != "" {
		front["untranslated"] = p.Untranslated
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	enc.Encode(front)
	b.WriteString("\n")
	b.WriteString(p.Body)
	return b.Bytes()
}

var (
	name      = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	shortcode = regexp.MustCompile(`\{\{\s*[<%]`)
	// A fenced code block's opening line with options: ```go {linenos=…}.
	fenceAttrs = regexp.MustCompile("^ {0,3}(```|~~~).*\\{")
	// An attribute list closing a heading or standing for the block above.
	attrs   = regexp.MustCompile(`(^|\s)\{\s*[#.:A-Za-z][^{}]*\}\s*$`)
	outputs = []string{"html", "rss"}
	// reserved are addresses the site's templates, feeds and static
	// files publish; a hand-written page may not be published there.
	reserved = []string{"404", "index", "page", "robots", "sitemap", "tags", "data", "pagefind", "css", "js", "fonts", "images", "img", "livereload"}
)

// Load reads and checks content/ of root, leaving out the folders the
// generator writes (generated). Pages with problems are reported and left
// out.
func Load(root string, generated []string, probs *diag.List) []Page {
	return LoadIn(root, generated, nil, probs)
}

// LoadIn is Load for a site in several languages: a page named
// NAME.CODE.md (or NAME/_index.CODE.md), CODE one of langs (the site's
// other languages), is the translation of NAME.md into CODE. A translation
// without its original is an error: it would be a page that exists in one
// language only.
func LoadIn(root string, generated, langs []string, probs *diag.List) []Page {
	src := filepath.Join(root, Dir)
	if !meta.Inside(root, Dir) {
		probs.Errorf(Dir, 0, "the folder is a symbolic link to a place outside the repository: make content/ a real folder")
		return nil
	}
	taken := append(append(slices.Clone(reserved), generated...), langs...) // /es/ is the Spanish site
	if entries, err := os.ReadDir(filepath.Join(root, "static")); err == nil {
		for _, e := range entries {
			taken = append(taken, strings.TrimSuffix(e.Name(), path.Ext(e.Name())))
		}
	}
	var out []Page
	at := map[string]string{} // address -> the page published there
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == src {
				return nil
			}
			return err
		}
		rel, _ := filepath.Rel(src, p)
		rel = filepath.ToSlash(rel)
		shown := Dir + "/" + rel
		if p == src {
			return nil
		}
		first, _, _ := strings.Cut(rel, "/")
		if slices.Contains(generated, first) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil // the generator's, rewritten on every build
		}
		if d.IsDir() {
			return nil
		}
		if !d.Type().IsRegular() {
			probs.Errorf(shown, 0, "only regular files are accepted in content/ (no symbolic links): put the file itself here")
			return nil
		}
		if pg, ok := read(p, rel, taken, langs, probs); ok {
			key := pg.Lang + "/" + pg.Address()
			if other, dup := at[key]; dup {
				probs.Errorf(shown, 0, "this page and content/%s are both published at /%s/: one would replace the other; rename one", other, pg.Address())
				return nil
			}
			at[key] = rel
			out = append(out, pg)
		}
		return nil
	})
	if err != nil {
		probs.Errorf(Dir, 0, "cannot read the hand-written pages: %v", err)
	}
	// A translation needs its original's file (checked or refused: a
	// refused original is reported on its own).
	return slices.DeleteFunc(out, func(pg Page) bool {
		if pg.Lang == "" {
			return false
		}
		orig, _ := meta.FromLang(pg.Path, langs)
		if _, err := os.Stat(filepath.Join(src, filepath.FromSlash(orig))); err != nil {
			probs.Errorf(Dir+"/"+pg.Path, 0, "a translation of a page that does not exist (no content/%s): a translation sits beside its original; add the original, or rename or remove this file", orig)
			return true
		}
		return false
	})
}

// read checks one file of content/.
func read(full, rel string, taken, langs []string, probs *diag.List) (Page, bool) {
	shown := Dir + "/" + rel
	orig, lang := rel, "" // a translation's original (about.es.md: about.md)
	if strings.HasSuffix(rel, ".md") {
		orig, lang = meta.FromLang(rel, langs)
	}
	dir, file := path.Split(orig)
	dir = strings.TrimSuffix(dir, "/")
	var addr string
	switch {
	case !strings.HasSuffix(file, ".md"):
		probs.Errorf(shown, 0, "only Markdown pages (.md) are accepted in content/: Hugo would render other formats with other rules (raw HTML, external programs)")
		return Page{}, false
	case dir == "" && (file == "_index.md" || file == "index.md"):
		probs.Errorf(shown, 0, "the home page is made from layouts/home.html: a content/%s would set fields for every page of the site (cascade); remove it", file)
		return Page{}, false
	case dir == "":
		addr = strings.TrimSuffix(file, ".md")
	case !strings.Contains(dir, "/") && (file == "_index.md" || file == "index.md"):
		addr = dir
	default:
		probs.Errorf(shown, 0, "a hand-written page is content/NAME.md or content/NAME/_index.md: move it")
		return Page{}, false
	}
	if !name.MatchString(addr) {
		probs.Errorf(shown, 0, "%q is not a valid page name: use lower-case letters, digits and hyphens (e.g. %s)", addr, meta.Slug(addr))
		return Page{}, false
	}
	if slices.Contains(taken, addr) {
		probs.Errorf(shown, 0, "/%s/ is an address of the generated site (fact checks, people, sources, lists, feeds or static files): a hand-written page may not take it; rename the file", addr)
		return Page{}, false
	}
	info, err := os.Stat(full)
	if err != nil {
		probs.Errorf(shown, 0, "cannot read: %v", err)
		return Page{}, false
	}
	if info.Size() > meta.MaxFileSize {
		probs.Errorf(shown, 0, "file is %d bytes, over the limit of %d: split it or trim it", info.Size(), meta.MaxFileSize)
		return Page{}, false
	}
	data, err := os.ReadFile(full)
	if err != nil {
		probs.Errorf(shown, 0, "cannot read: %v", err)
		return Page{}, false
	}
	if bytes.IndexByte(data, 0) >= 0 {
		probs.Errorf(shown, 0, "binary file (contains NUL bytes): pages must be UTF-8 text")
		return Page{}, false
	}
	doc, err := meta.Parse(shown, meta.Normalize(data), true)
	if err != nil {
		meta.Report(probs, shown, err)
		return Page{}, false
	}
	before, _ := probs.Counts()
	fs := meta.NewFields(shown, doc.Front, doc.FrontLine, probs)
	pg := Page{Path: rel, Body: doc.Body, Lang: lang}
	pg.Title, _ = fs.String("title", true, "give the page a title")
	pg.Description, _ = fs.String("description", false, "")
	outs, line := fs.Strings("outputs", false, "")
	for _, o := range outs {
		if !slices.Contains(outputs, o) {
			fs.Errorf(line, "output %q: a hand-written page may have %s", o, meta.Describe(outputs))
		}
	}
	pg.Outputs = outs
	for _, f := range doc.Front.Fields {
		if !slices.Contains([]string{"title", "description", "outputs"}, f.Key) {
			fs.Errorf(f.Line, "field %q is not allowed in a hand-written page: it may set only title, description and outputs (an address, aliases, cascade or build options could take over or hide other pages)", f.Key)
		}
	}
	markup.Report(probs, shown, doc.Body, doc.BodyLine)
	for i, l := range strings.Split(doc.Body, "\n") {
		switch {
		case shortcode.MatchString(l):
			probs.Errorf(shown, doc.BodyLine+i, "Hugo shortcodes ({{< … >}}, {{%% … %%}}) are not allowed in hand-written pages: they run templates; write the text or a Markdown link instead")
		case fenceAttrs.MatchString(l):
			probs.Errorf(shown, doc.BodyLine+i, "code block options ({…} after the language) are not allowed in hand-written pages: Hugo writes some of them into the page unescaped; write the language alone, e.g. ```go")
		case attrs.MatchString(l):
			probs.Errorf(shown, doc.BodyLine+i, "Markdown attributes ({#id .class key=value}) are not allowed in hand-written pages: they could dress text up as a rating or set search metadata; remove them")
		}
	}
	if after, _ := probs.Counts(); after > before {
		return Page{}, false
	}
	return pg, true
}
